/// The source that owns an account or a group: only the owner changes what it owns.
///
/// Written as `local`, `signup`, `invitation`, `ldap:NAME` or `scim:NAME`.
public enum AccountSource: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Created by an operator or an admin (CLI, admin API).
    case local
    /// Created by allowlisted-domain self signup.
    case signup
    /// Created by accepting an invitation.
    case invitation
    /// Imported from the LDAP source with this name.
    case ldap(String)
    /// Pushed by the SCIM client with this name.
    case scim(String)

    /// The stored form, e.g. `ldap:corp`.
    public var rawValue: String {
        switch self {
        case .local: "local"
        case .signup: "signup"
        case .invitation: "invitation"
        case .ldap(let name): "ldap:\(name)"
        case .scim(let name): "scim:\(name)"
        }
    }

    public var description: String { rawValue }

    /// True for directory and SCIM sources, whose accounts are managed outside Roster.
    public var isExternal: Bool {
        switch self {
        case .ldap, .scim: true
        case .local, .signup, .invitation: false
        }
    }

    /// Parses the stored form; `nil` for anything else (an external source needs a non-empty name).
    public init?(rawValue: String) {
        switch rawValue {
        case "local": self = .local
        case "signup": self = .signup
        case "invitation": self = .invitation
        default:
            if rawValue.hasPrefix("ldap:"), rawValue.count > 5 {
                self = .ldap(String(rawValue.dropFirst(5)))
            } else if rawValue.hasPrefix("scim:"), rawValue.count > 5 {
                self = .scim(String(rawValue.dropFirst(5)))
            } else {
                return nil
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let source = AccountSource(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an account source")
        }
        self = source
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
