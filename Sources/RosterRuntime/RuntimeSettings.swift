import RosterConfig
import RosterCore
import RosterMail
import RosterSecurity

/// What the composition root needs, already resolved from the configuration file.
public struct RuntimeSettings: Sendable {
    /// Absolute path of the SQLite store.
    public var storePath: String
    public var accounts: AccountSettings
    /// argon2id cost (config `passwordPolicy.hashStrength`).
    public var hashStrength: Argon2idPasswordHasher.Strength
    /// Signup, invitations, sessions, login throttling.
    public var access = AccessSettings()
    /// Outgoing mail; nil without an `smtp` section (the CLI then prints links and temporary passwords).
    public var smtp: SMTPMailer.Configuration?
    /// The directories, for pass-through logins of `ldap` accounts.
    public var ldapSources: [LDAPSourceSettings] = []

    public init(storePath: String, accounts: AccountSettings = AccountSettings(),
                hashStrength: Argon2idPasswordHasher.Strength = .interactive) {
        self.storePath = storePath
        self.accounts = accounts
        self.hashStrength = hashStrength
    }
}
