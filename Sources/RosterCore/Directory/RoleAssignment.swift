/// The role an account gets from the role rules, and why: stored as JSON for `roster explain`.
///
/// ``description`` reads `admin via rule #2 (roster-admins): ada → platform-team → roster-admins`; rule numbers in
/// text are 1-based, while ``ruleIndex`` is the 0-based position in ``RoleRules/rules``.
public struct RoleAssignment: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The resolved role.
    public var role: Role
    /// The winning rule; `nil` when the default role applies.
    public var rule: RoleRule?
    /// The winning rule's 0-based position in the rules file; `nil` for the default role.
    public var ruleIndex: Int?
    /// Group names from the user's direct group to the group the rule matched; empty for the default role.
    public var path: [String]
    /// True when a superuser rule matched but superuser is not allowed for the source, so it was ignored.
    public var ignoredSuperuserRule: Bool
    /// The user's name as shown in explanations (userName, else the anchor); `nil` when unknown.
    public var user: String?

    public init(
        role: Role, rule: RoleRule? = nil, ruleIndex: Int? = nil, path: [String] = [], ignoredSuperuserRule: Bool = false,
        user: String? = nil
    ) {
        self.role = role
        self.rule = rule
        self.ruleIndex = ruleIndex
        self.path = path
        self.ignoredSuperuserRule = ignoredSuperuserRule
        self.user = user
    }

    /// True when no rule matched and the default role applies.
    public var isDefault: Bool { rule == nil }

    public var description: String {
        var text: String
        if let rule, let ruleIndex {
            text = "\(role) via rule #\(ruleIndex + 1) (\(rule.group)): " + ([user ?? "user"] + path).joined(separator: " → ")
        } else {
            text = "\(role) by default: no rule matched \(user.map { "\($0)'s" } ?? "the user's") groups"
        }
        if ignoredSuperuserRule {
            text += " (a superuser rule matched but was ignored: superuser is not allowed for this source)"
        }
        return text
    }
}
