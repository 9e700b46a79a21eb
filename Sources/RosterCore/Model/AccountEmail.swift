/// An email address of an account. At most one of an account's emails is primary, and an address belongs to
/// at most one account (compared after ``EmailNormalizer/key(for:)``).
public struct AccountEmail: Sendable, Hashable, Codable {
    /// The address as given (trimmed).
    public var value: String
    /// SCIM-style type (`work`, `home`, `other`), if known.
    public var type: String?
    /// Whether this is the account's primary address (its login and contact address).
    public var primary: Bool
    /// Whether the address is known to belong to the account's holder: asserted by the account's source (a directory,
    /// a SCIM client), entered by an administrator, or proven by following a link mailed to it (signup verification,
    /// an accepted invitation). An address a person typed for themselves (self signup before verification, `PATCH
    /// /me`) is unverified. Only verified addresses count when a source adopts an account (``AdoptionPolicy``).
    public var verified: Bool

    public init(value: String, type: String? = nil, primary: Bool = false, verified: Bool = false) {
        self.value = value
        self.type = type
        self.primary = primary
        self.verified = verified
    }

    private enum CodingKeys: String, CodingKey { case value, type, primary, verified }

    /// Decodes forms written before ``verified`` existed as unverified.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        primary = try container.decodeIfPresent(Bool.self, forKey: .primary) ?? false
        verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? false
    }
}

extension Array where Element == AccountEmail {
    /// The keys (``EmailPolicy/key(for:)``) of the verified addresses.
    public var verifiedKeys: Set<String> {
        Set(filter(\.verified).map { EmailPolicy.key(for: $0.value) })
    }

    /// The same addresses, each marked verified.
    public var markedVerified: [AccountEmail] {
        map { AccountEmail(value: $0.value, type: $0.type, primary: $0.primary, verified: true) }
    }

    /// The primary address, else the first one.
    public var primaryAddress: String? {
        (first(where: \.primary) ?? first)?.value
    }
}
