/// Turns group memberships into a role with the role rules.
///
/// The highest role given by any rule matching any of the user's groups (direct or nested) wins; among equal roles
/// the first rule in file order; for that rule the shortest group path is reported. Rules granting more than
/// ``maxRole`` (what the source is trusted to grant) are ignored and reported, and the default role never exceeds it.
public struct RoleResolver: Sendable {
    public var rules: RoleRules
    /// The highest role this source may grant.
    public var maxRole: Role

    public init(rules: RoleRules, maxRole: Role) {
        self.rules = rules
        self.maxRole = maxRole
    }

    /// A directory source: admin at most, superuser only when `allowSuperuser`.
    public init(rules: RoleRules, allowSuperuser: Bool) {
        self.init(rules: rules, maxRole: allowSuperuser ? .superuser : .admin)
    }

    /// Whether this source may grant superuser.
    public var allowSuperuser: Bool { maxRole == .superuser }

    /// The role of an account no rule matches: the rules' default, capped at ``maxRole``.
    public var defaultRole: Role { min(rules.defaultRole, maxRole) }

    /// Resolves a user from the groups they reach, each with its path (LDAP via ``GroupGraph/memberships(ofUser:)``,
    /// or SCIM groups built by the caller). On equal role and rule, the shorter path wins, then the earlier membership.
    public func resolve(memberships: [GroupMembership], user: String? = nil) -> RoleAssignment {
        var best: Candidate?
        var ignored = false
        for membership in memberships {
            for index in rules.matchingRuleIndexes(membership.group) {
                guard isAllowed(index) else {
                    ignored = true
                    continue
                }
                let candidate = Candidate(rule: index, role: rules.rules[index].role, path: membership.path)
                if best.map({ candidate.isBetter(than: $0) }) ?? true { best = candidate }
            }
        }
        return assignment(best, ignored: ignored, user: user)
    }

    /// Resolves one user of the graph; `nil` for an unknown anchor. Gives the same answer as ``resolveAll(_:)``.
    public func resolve(user anchor: String, in graph: GroupGraph) -> RoleAssignment? {
        guard let userIndex = graph.userIndexByAnchor[anchor] else { return nil }
        let matches = RuleMatches(rules: rules, graph: graph)
        var search = UpwardSearch(groupCount: graph.groups.count)
        let bests = graph.directGroups[userIndex].map { bestMatch(from: $0, graph: graph, matches: matches, search: &search) }
        return assignment(forUser: userIndex, bests: bests, graph: graph)
    }

    /// Resolves every user of the graph, computing each group's best reachable rule once (memoised), and reports
    /// cycles, ignored superuser rules and rules that matched no group.
    public func resolveAll(_ graph: GroupGraph) -> RoleResolution {
        let matches = RuleMatches(rules: rules, graph: graph)
        var search = UpwardSearch(groupCount: graph.groups.count)
        let perGroup = graph.groups.indices.map { bestMatch(from: $0, graph: graph, matches: matches, search: &search) }
        var assignments: [String: RoleAssignment] = [:]
        assignments.reserveCapacity(graph.users.count)
        var ignoredCounts: [Int: Int] = [:]
        for userIndex in graph.users.indices {
            let bests = graph.directGroups[userIndex].map { perGroup[$0] }
            assignments[graph.users[userIndex].anchor] = assignment(forUser: userIndex, bests: bests, graph: graph)
            if let ignoredRule = bests.compactMap(\.ignoredRule).min() { ignoredCounts[ignoredRule, default: 0] += 1 }
        }

        var warnings = graph.cycles.map(RoleWarning.groupCycle)
        for (index, rule) in rules.rules.enumerated() where !isAllowed(index) {
            warnings.append(.superuserRuleIgnored(ruleIndex: index, group: rule.group, accounts: ignoredCounts[index] ?? 0))
        }
        for (index, rule) in rules.rules.enumerated() where matches.groupCount[index] == 0 {
            warnings.append(.ruleMatchedNoGroup(ruleIndex: index, group: rule.group))
        }
        return RoleResolution(assignments: assignments, warnings: warnings)
    }

    func isAllowed(_ ruleIndex: Int) -> Bool {
        rules.rules[ruleIndex].role <= maxRole
    }
}
