extension RoleResolver {
    /// A rule reached through a group path; compared by role, then rule order, then path length.
    struct Candidate {
        var rule: Int
        var role: Role
        var path: [String]

        func isBetter(than other: Candidate) -> Bool {
            if role != other.role { return role > other.role }
            if rule != other.rule { return rule < other.rule }
            return path.count < other.path.count
        }
    }

    /// The best allowed rule reachable from one group (itself or a group containing it), and the first ignored
    /// superuser rule reachable from it.
    struct GroupBest {
        var candidate: Candidate?
        var ignoredRule: Int?
    }

    /// Which rules match which group, computed once per graph (rules × groups).
    struct RuleMatches {
        /// `byGroup[g]`: the rule indexes matching group `g`, ascending.
        var byGroup: [[Int]]
        /// `groupCount[r]`: how many groups rule `r` matches.
        var groupCount: [Int]

        init(rules: RoleRules, graph: GroupGraph) {
            byGroup = graph.groups.map { rules.matchingRuleIndexes($0.identity) }
            groupCount = Array(repeating: 0, count: rules.rules.count)
            for indexes in byGroup {
                for index in indexes { groupCount[index] += 1 }
            }
        }
    }

    /// Walks up from `group` breadth-first: the first best candidate found has the shortest path.
    func bestMatch(from group: Int, graph: GroupGraph, matches: RuleMatches, search: inout UpwardSearch) -> GroupBest {
        search.run(from: [group], parents: graph.parents)
        var best: (rule: Int, role: Role, node: Int)?
        var ignored: Int?
        for node in search.order {
            for rule in matches.byGroup[node] {
                guard isAllowed(rule) else {
                    ignored = min(ignored ?? rule, rule)
                    continue
                }
                let role = rules.rules[rule].role
                if let current = best, !(role > current.role || (role == current.role && rule < current.rule)) { continue }
                best = (rule, role, node)
            }
        }
        let candidate = best.map { best in
            Candidate(rule: best.rule, role: best.role, path: search.path(to: best.node).map { graph.groups[$0].name })
        }
        return GroupBest(candidate: candidate, ignoredRule: ignored)
    }

    /// Picks the best of the user's direct groups' candidates (the earlier group on a full tie).
    func assignment(forUser userIndex: Int, bests: [GroupBest], graph: GroupGraph) -> RoleAssignment {
        var best: Candidate?
        for candidate in bests.compactMap(\.candidate) where best.map({ candidate.isBetter(than: $0) }) ?? true {
            best = candidate
        }
        let user = graph.users[userIndex]
        return assignment(best, ignored: bests.contains { $0.ignoredRule != nil }, user: user.userName ?? user.anchor)
    }

    func assignment(_ best: Candidate?, ignored: Bool, user: String?) -> RoleAssignment {
        guard let best else {
            return RoleAssignment(role: defaultRole, ignoredSuperuserRule: ignored, user: user)
        }
        return RoleAssignment(
            role: best.role, rule: rules.rules[best.rule], ruleIndex: best.rule, path: best.path,
            ignoredSuperuserRule: ignored, user: user
        )
    }
}
