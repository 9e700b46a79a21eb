/// The ordered role rules of `Mappings/roles.plist` and the role of accounts no rule matches.
///
/// The highest role any matching rule gives wins (superuser > admin > member > guest); among rules giving the
/// same role, the first in file order is reported. See `docs/roles.md`.
public struct RoleRules: Sendable, Hashable {
    /// The rules, in file order.
    public var rules: [RoleRule]
    /// The role of accounts that match no rule.
    public var defaultRole: Role

    public init(rules: [RoleRule], defaultRole: Role = .guest) {
        self.rules = rules
        self.defaultRole = defaultRole
    }

    /// The indexes of the rules that match a group with this identity, in file order.
    public func matchingRuleIndexes(_ identity: GroupIdentity) -> [Int] {
        rules.indices.filter { rules[$0].matches(identity) }
    }
}
