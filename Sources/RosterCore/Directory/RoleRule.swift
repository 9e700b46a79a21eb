/// One line of `Mappings/roles.plist`: members of the matching group get `role`.
public struct RoleRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The `group` string as written in the file, shown in explanations.
    public var group: String
    /// How ``group`` matches groups.
    public var pattern: GroupPattern
    /// The role the rule gives.
    public var role: Role

    public init(group: String, pattern: GroupPattern, role: Role) {
        self.group = group
        self.pattern = pattern
        self.role = role
    }

    /// A rule whose pattern is parsed from `group` (see ``GroupPattern/init(parsing:dnKey:)``).
    public init(group: String, role: Role, dnKey: (String) -> String) {
        self.init(group: group, pattern: GroupPattern(parsing: group, dnKey: dnKey), role: role)
    }

    /// Whether the rule applies to a group with this identity.
    public func matches(_ identity: GroupIdentity) -> Bool { pattern.matches(identity) }

    public var description: String { "\(group) → \(role)" }
}
