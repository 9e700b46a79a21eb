import RosterCore

/// A SCIM group: the stored group and, when the request needs them, its direct members.
public struct SCIMGroupRecord: Sendable, Hashable {
    public var group: Group
    /// nil when members were not loaded (`excludedAttributes=members`, or `attributes` without members).
    public var members: [SCIMReference]?

    public init(group: Group, members: [SCIMReference]?) {
        self.group = group
        self.members = members
    }
}
