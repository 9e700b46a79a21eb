/// The account defaults and limits the service applies (from the config's `users` and `passwordPolicy`).
public struct AccountSettings: Sendable, Hashable {
    /// Role of a new account when none is given (config `users.defaultRole`, default guest).
    public var defaultRole: Role
    /// Auth method of a new account when none is given (config `users.defaultAuthMethod`, default password).
    public var defaultAuthMethod: AuthMethod
    /// Length of generated temporary passwords (config `users.temporaryPasswordLength`, default 16).
    public var temporaryPasswordLength: Int
    public var passwordPolicy: PasswordPolicy

    public init(
        defaultRole: Role = .guest, defaultAuthMethod: AuthMethod = .password, temporaryPasswordLength: Int = 16,
        passwordPolicy: PasswordPolicy = PasswordPolicy()
    ) {
        self.defaultRole = defaultRole
        self.defaultAuthMethod = defaultAuthMethod
        self.temporaryPasswordLength = temporaryPasswordLength
        self.passwordPolicy = passwordPolicy
    }
}
