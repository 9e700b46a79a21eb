import RosterCore
import RosterSecurity

/// What the composition root needs, already resolved from the configuration file.
public struct RuntimeSettings: Sendable {
    /// Absolute path of the SQLite store.
    public var storePath: String
    public var accounts: AccountSettings
    /// argon2id cost (config `passwordPolicy.hashStrength`).
    public var hashStrength: Argon2idPasswordHasher.Strength

    public init(storePath: String, accounts: AccountSettings = AccountSettings(),
                hashStrength: Argon2idPasswordHasher.Strength = .interactive) {
        self.storePath = storePath
        self.accounts = accounts
        self.hashStrength = hashStrength
    }
}
