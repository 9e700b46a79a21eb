import Foundation
import Logging
import RosterCore
import RosterRuntime
import RosterSecurity

/// Builds the real composition root on a SQLite file in a temp folder, with libsodium's cheapest argon2id cost
/// so tests can create many accounts.
public struct TestRoster {
    public let directory: TemporaryDirectory
    public let roster: Roster
    public let clock: TestClock

    /// - Parameters:
    ///   - access: signup, sessions, throttling and hashing limits (defaults: the shipped defaults).
    ///   - mailer: the outgoing mail (self signup needs one); none by default.
    public init(accounts: AccountSettings = AccountSettings(), hasher: (any PasswordHasher)? = nil,
                access: AccessSettings = AccessSettings(), mailer: (any Mailer)? = nil) throws {
        directory = try TemporaryDirectory()
        clock = TestClock()
        var settings = RuntimeSettings(storePath: directory.file("roster.sqlite"), accounts: accounts, hashStrength: .testingOnly)
        settings.access = access
        roster = try Roster.build(
            settings: settings,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            clock: clock, ids: TimeOrderedIDGenerator(), hasher: hasher ?? Argon2idPasswordHasher(strength: .testingOnly),
            mailer: mailer
        )
    }

    public var accounts: AccountService { roster.accounts }

    /// Acting as the local operator on the CLI.
    public static let operatorContext = ActingContext.cliOperator

    /// Acting as `account` on the CLI.
    public static func acting(as account: Account) -> ActingContext {
        ActingContext(actor: .account(account.id), via: "cli")
    }
}
