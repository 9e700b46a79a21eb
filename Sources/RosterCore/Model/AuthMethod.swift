/// How an account proves who it is at login.
public enum AuthMethod: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// A local password, stored as an argon2id hash.
    case password
    /// The host's PAM stack.
    case pam
    /// An external SAML identity provider.
    case saml
    /// A bind to the LDAP directory the account came from (pass-through).
    case ldap

    public var description: String { rawValue }

    /// Parses a method name case-insensitively.
    public init?(parsing text: String) {
        self.init(rawValue: text.lowercased())
    }
}
