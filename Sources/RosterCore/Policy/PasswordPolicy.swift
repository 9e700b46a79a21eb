/// Password rules from the config (`passwordPolicy`).
public struct PasswordPolicy: Sendable, Hashable {
    /// Fewest characters a password may have (config `passwordPolicy.minimumLength`, default 8).
    public var minimumLength: Int
    /// Most characters a password may have (bounds hashing work; default 256).
    public var maximumLength: Int

    public init(minimumLength: Int = 8, maximumLength: Int = 256) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// Checks the length. The message never contains the password.
    public func validate(_ password: String) throws(RosterError) {
        guard password.count >= minimumLength else {
            throw RosterError(.invalidPassword, "password must be at least \(minimumLength) characters long")
        }
        guard password.count <= maximumLength else {
            throw RosterError(.invalidPassword, "password must be at most \(maximumLength) characters long")
        }
    }
}
