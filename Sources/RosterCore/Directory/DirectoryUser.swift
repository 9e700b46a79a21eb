/// A user entry as read from a directory (LDAP), already mapped through a ``DirectoryMapping``.
///
/// DNs are compared only through ``dnKey``, which the LDAP layer normalises; this type never parses a DN.
public struct DirectoryUser: Sendable, Hashable {
    /// The immutable identifier: entryUUID, objectGUID (as a GUID string), nsUniqueId or ipaUniqueID.
    public var anchor: String
    /// The DN as received, for display only.
    public var dn: String
    /// The normalised DN; the only form used for comparisons.
    public var dnKey: String
    public var userName: String?
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?
    public var emails: [String]
    public var disabled: Bool
    /// Normalised DNs of the user's `memberOf` values, when the mapping reads `memberOf`.
    public var memberOfKeys: [String]
    /// The value matched against posixGroup `memberUid` (usually `uid`).
    public var posixUid: String?

    public init(
        anchor: String, dn: String, dnKey: String, userName: String? = nil, displayName: String? = nil,
        givenName: String? = nil, familyName: String? = nil, emails: [String] = [], disabled: Bool = false,
        memberOfKeys: [String] = [], posixUid: String? = nil
    ) {
        self.anchor = anchor
        self.dn = dn
        self.dnKey = dnKey
        self.userName = userName
        self.displayName = displayName
        self.givenName = givenName
        self.familyName = familyName
        self.emails = emails
        self.disabled = disabled
        self.memberOfKeys = memberOfKeys
        self.posixUid = posixUid
    }
}
