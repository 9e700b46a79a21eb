/// An email address of an account. At most one of an account's emails is primary, and an address belongs to
/// at most one account (compared after ``EmailNormalizer/key(for:)``).
public struct AccountEmail: Sendable, Hashable, Codable {
    /// The address as given (trimmed).
    public var value: String
    /// SCIM-style type (`work`, `home`, `other`), if known.
    public var type: String?
    /// Whether this is the account's primary address (its login and contact address).
    public var primary: Bool

    public init(value: String, type: String? = nil, primary: Bool = false) {
        self.value = value
        self.type = type
        self.primary = primary
    }
}

extension Array where Element == AccountEmail {
    /// The primary address, else the first one.
    public var primaryAddress: String? {
        (first(where: \.primary) ?? first)?.value
    }
}
