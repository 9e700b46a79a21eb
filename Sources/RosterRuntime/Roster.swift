import Foundation
import Logging
import RosterCore
import RosterMail
import RosterSecurity
import RosterStore

/// The composition root: builds the store and the domain services from settings. `main` and the tests both call
/// ``Roster/build(settings:logger:clock:ids:hasher:)``, so they run the same wiring.
public struct Roster: Sendable {
    public let settings: RuntimeSettings
    public let store: SQLiteAccountStore
    public let accounts: AccountService
    /// Signup, invitations, logins, sessions.
    public let access: AccessService
    public let logger: Logger

    /// Opens (and migrates) the store and wires the services.
    /// - Parameters:
    ///   - hasher: replaces the argon2id hasher (tests that create thousands of accounts); defaults to the settings'.
    public static func build(
        settings: RuntimeSettings, logger: Logger, clock: any WallClock = SystemWallClock(),
        ids: any IDGenerator = TimeOrderedIDGenerator(), hasher: (any PasswordHasher)? = nil, mailer: (any Mailer)? = nil
    ) throws -> Roster {
        let store = try SQLiteAccountStore(path: settings.storePath)
        let accounts = AccountService(
            // At most `sessions.maxConcurrentHashes` argon2id runs at once on any path (64 MiB each).
            store: store, hasher: BoundedPasswordHasher(hasher ?? Argon2idPasswordHasher(strength: settings.hashStrength),
                                                        limit: settings.access.maxConcurrentHashes),
            secrets: SodiumSecretGenerator(), clock: clock, ids: ids, settings: settings.accounts
        )
        let access = AccessService(
            accounts: accounts, store: store, settings: settings.access,
            mailer: mailer ?? settings.smtp.map { SMTPMailer(configuration: $0) },
            directories: LDAPPassThroughAuthenticator(sources: settings.ldapSources))
        return Roster(settings: settings, store: store, accounts: accounts, access: access, logger: logger)
    }
}
