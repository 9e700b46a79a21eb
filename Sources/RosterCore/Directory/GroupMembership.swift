/// A group a user belongs to, directly or through nested groups, with the shortest path that reaches it.
public struct GroupMembership: Sendable, Hashable, Codable {
    /// What rules match the group by.
    public var group: GroupIdentity
    /// Group names from the user's direct group to this group (one element for a direct membership).
    public var path: [String]

    public init(group: GroupIdentity, path: [String]) {
        self.group = group
        self.path = path
    }

    /// A direct membership: the user is listed by the group itself.
    public var isDirect: Bool { path.count <= 1 }
}
