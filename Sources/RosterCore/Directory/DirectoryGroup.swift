/// A group entry as read from a directory (LDAP): its members are normalised DNs (users or other groups)
/// and, for posixGroups, `memberUid` values.
public struct DirectoryGroup: Sendable, Hashable {
    /// The immutable identifier (entryUUID, objectGUID, ipaUniqueID…).
    public var anchor: String
    /// The DN as received, for display only.
    public var dn: String
    /// The normalised DN; the only form used for comparisons.
    public var dnKey: String
    /// The group's name (`cn`).
    public var name: String
    public var displayName: String?
    /// Normalised DNs from `member` / `uniqueMember`: users or nested groups.
    public var memberKeys: [String]
    /// posixGroup `memberUid` values, matched against ``DirectoryUser/posixUid``.
    public var memberUids: [String]

    public init(
        anchor: String, dn: String, dnKey: String, name: String, displayName: String? = nil,
        memberKeys: [String] = [], memberUids: [String] = []
    ) {
        self.anchor = anchor
        self.dn = dn
        self.dnKey = dnKey
        self.name = name
        self.displayName = displayName
        self.memberKeys = memberKeys
        self.memberUids = memberUids
    }

    /// The identity role rules match against: the DN key, the name and the display name.
    public var identity: GroupIdentity {
        GroupIdentity(dnKey: dnKey, names: [name] + (displayName.map { [$0] } ?? []))
    }
}
