/// What a role rule can match a group by, for LDAP and SCIM groups alike.
///
/// An LDAP group has a DN key, its `cn` and maybe a display name; a SCIM group has no DN, but a display name and
/// perhaps an externalId, both given as ``names``.
public struct GroupIdentity: Sendable, Hashable, Codable {
    /// The normalised DN, for LDAP groups; `nil` for SCIM groups.
    public var dnKey: String?
    /// Names the group answers to (cn, display name, SCIM externalId), compared case-insensitively.
    public var names: [String]

    public init(dnKey: String? = nil, names: [String]) {
        self.dnKey = dnKey
        self.names = names
    }

    /// The name used in explanations: the first name, else the DN key.
    public var displayName: String { names.first ?? dnKey ?? "?" }
}
