import Foundation
import RosterCore
import Testing

struct RoleResolverTests {
    typealias F = DirectoryFixtures

    static func resolve(
        _ groups: [DirectoryGroup], _ users: [DirectoryUser], rules: RoleRules = F.sampleRules, allowSuperuser: Bool = true,
        membership: [DirectoryMapping.MembershipStyle]? = nil
    ) -> RoleResolution {
        RoleResolver(rules: rules, allowSuperuser: allowSuperuser)
            .resolveAll(GroupGraph(groups: groups, users: users, membership: membership))
    }

    @Test func highestRoleWinsWhateverTheRuleOrder() throws {
        let groups = [F.group("contractors", users: ["ada"]), F.group("roster-admins", users: ["ada"]), F.group("staff", users: ["ada"])]
        let result = Self.resolve(groups, [F.user("ada")])
        let ada = try #require(result.assignments["anchor-ada"])
        #expect(ada.role == .admin)
        #expect(ada.ruleIndex == 1)
        #expect(ada.path == ["roster-admins"])
    }

    @Test func equalRolesReportTheFirstRule() throws {
        let rules = RoleRules(rules: [
            RoleRule(group: "*-team", role: .member, dnKey: F.dnKey), RoleRule(group: "staff", role: .member, dnKey: F.dnKey),
        ])
        let result = Self.resolve([F.group("staff", users: ["bo"]), F.group("core-team", users: ["bo"])], [F.user("bo")], rules: rules)
        let bo = try #require(result.assignments["anchor-bo"])
        #expect(bo.ruleIndex == 0)
        #expect(bo.path == ["core-team"])
    }

    @Test func usersMatchingNoRuleGetTheDefaultRole() throws {
        let rules = RoleRules(rules: F.sampleRules.rules, defaultRole: .member)
        let result = Self.resolve([F.group("book-club", users: ["cy"])], [F.user("cy"), F.user("lonely")], rules: rules)
        #expect(result.assignments["anchor-cy"] == RoleAssignment(role: .member, user: "cy"))
        #expect(result.assignments["anchor-lonely"]?.role == .member)
        #expect(result.assignments["anchor-lonely"]?.description == "member by default: no rule matched lonely's groups")
    }

    @Test(arguments: [true, false])
    func superuserOnlyWhereAllowed(_ allowed: Bool) throws {
        let groups = [F.group("roster-superusers", users: ["root"]), F.group("staff", users: ["root"])]
        let result = Self.resolve(groups, [F.user("root")], allowSuperuser: allowed)
        let root = try #require(result.assignments["anchor-root"])
        #expect(root.role == (allowed ? .superuser : .member))
        #expect(root.ignoredSuperuserRule == !allowed)
        let warning = RoleWarning.superuserRuleIgnored(ruleIndex: 0, group: "roster-superusers", accounts: 1)
        #expect(result.warnings.contains(warning) == !allowed)
    }

    @Test func nestedAdminThroughTwoLevelsExplainsThePath() throws {
        let groups = [
            F.group("roster-admins", groups: ["platform-team"]),
            F.group("platform-team", groups: ["sre"]),
            F.group("sre", users: ["ada"]),
            F.group("staff", users: ["ada"]),
        ]
        let result = Self.resolve(groups, [F.user("ada")])
        let ada = try #require(result.assignments["anchor-ada"])
        #expect(ada.role == .admin)
        #expect(ada.path == ["sre", "platform-team", "roster-admins"])
        #expect(ada.description == "admin via rule #2 (roster-admins): ada → sre → platform-team → roster-admins")
    }

    @Test func theShortestPathIsReported() throws {
        let groups = [
            F.group("roster-admins", groups: ["a", "long-2"]),
            F.group("long-2", groups: ["long-1"]),
            F.group("long-1", users: ["ada"]),
            F.group("a", users: ["ada"]),
        ]
        let ada = try #require(Self.resolve(groups, [F.user("ada")]).assignments["anchor-ada"])
        #expect(ada.path == ["a", "roster-admins"])
    }

    @Test func aCycleTerminatesAndIsReportedOnce() throws {
        let groups = [
            F.group("ops", users: ["ada"], groups: ["dev"]),
            F.group("dev", groups: ["ops"]),
            F.group("roster-admins", groups: ["dev"]),
            F.group("loop", groups: ["loop"]),
        ]
        let graph = GroupGraph(groups: groups, users: [F.user("ada")])
        #expect(graph.cycles.count == 2)
        let result = RoleResolver(rules: F.sampleRules, allowSuperuser: false).resolveAll(graph)
        let cycles = result.warnings.compactMap { warning -> GroupCycle? in
            if case .groupCycle(let cycle) = warning { return cycle }
            return nil
        }
        #expect(cycles.count == 2)
        #expect(cycles.map(\.path).contains(["ops", "dev", "ops"]))
        #expect(cycles.map(\.path).contains(["loop", "loop"]))
        let ada = try #require(result.assignments["anchor-ada"])
        #expect(ada.role == .admin)
        #expect(ada.path == ["ops", "dev", "roster-admins"])
        let memberships = try #require(graph.memberships(ofUser: "anchor-ada"))
        #expect(memberships.map(\.path.last) == ["ops", "dev", "roster-admins"])
    }

    @Test func posixGroupMemberUid() throws {
        let groups = [F.group("staff", memberUids: ["Ada"]), F.group("roster-admins", memberUids: ["bo"])]
        let users = [F.user("ada", posixUid: "ada"), F.user("bo", posixUid: "bo")]
        let result = Self.resolve(groups, users, membership: [.memberUid(attribute: "memberUid", userAttribute: "uid")])
        #expect(result.assignments["anchor-ada"]?.role == .member)
        #expect(result.assignments["anchor-bo"]?.role == .admin)
        let withoutStyle = Self.resolve(groups, users, membership: [.memberDNs(attributes: ["member"], ranged: false)])
        #expect(withoutStyle.assignments["anchor-bo"]?.isDefault == true)
    }

    @Test func memberOfStyleWithNestingFromMemberDNs() throws {
        let groups = [F.group("roster-admins", groups: ["platform-team"]), F.group("platform-team")]
        let users = [F.user("ada", memberOf: ["platform-team"])]
        let result = Self.resolve(groups, users, membership: [
            .memberDNs(attributes: ["member"], ranged: false), .memberOf(attribute: "memberOf"),
        ])
        let ada = try #require(result.assignments["anchor-ada"])
        #expect(ada.role == .admin)
        #expect(ada.path == ["platform-team", "roster-admins"])
    }

    @Test func freeIPANestingFollowsMemberDNsEvenWhereMemberOfListsEveryGroup() throws {
        // 389-DS's memberOf plug-in (on in every FreeIPA) writes the nested groups too: with the freeipa preset the
        // path stays the directory's, ada is a direct member of platform-team only.
        let groups = [F.group("roster-admins", groups: ["platform-team"]), F.group("platform-team", users: ["ada"])]
        let users = [F.user("ada", memberOf: ["platform-team", "roster-admins"])]
        let graph = GroupGraph(groups: groups, users: users, membership: DirectoryMapping.freeIPA.membership)
        #expect(graph.directGroups(ofUser: "anchor-ada")?.map(\.name) == ["platform-team"])
        let result = Self.resolve(groups, users, membership: DirectoryMapping.freeIPA.membership)
        let ada = try #require(result.assignments["anchor-ada"])
        #expect(ada.role == .admin)
        #expect(ada.path == ["platform-team", "roster-admins"])
    }

    @Test func warnsAboutRulesThatMatchNoGroup() {
        let result = Self.resolve([F.group("staff", users: ["ada"])], [F.user("ada")])
        #expect(result.warnings.contains(.ruleMatchedNoGroup(ruleIndex: 1, group: "roster-admins")))
        #expect(!result.warnings.contains(.ruleMatchedNoGroup(ruleIndex: 2, group: "staff")))
    }

    @Test func singleUserAndSCIMResolutionAgreeWithTheWholeDirectory() throws {
        let groups = [
            F.group("roster-admins", groups: ["platform-team"]), F.group("platform-team", users: ["ada"]),
            F.group("contractors", users: ["bo"]),
        ]
        let graph = GroupGraph(groups: groups, users: [F.user("ada"), F.user("bo")])
        let resolver = RoleResolver(rules: F.sampleRules, allowSuperuser: true)
        let all = resolver.resolveAll(graph)
        for anchor in ["anchor-ada", "anchor-bo"] {
            #expect(resolver.resolve(user: anchor, in: graph) == all.assignments[anchor])
            let memberships = try #require(graph.memberships(ofUser: anchor))
            let user = graph.user(anchor: anchor)?.userName
            #expect(resolver.resolve(memberships: memberships, user: user) == all.assignments[anchor])
        }
        #expect(resolver.resolve(user: "nobody", in: graph) == nil)
    }

    @Test func assignmentsRoundTripThroughJSON() throws {
        let assignment = RoleAssignment(
            role: .admin, rule: F.sampleRules.rules[1], ruleIndex: 1, path: ["platform-team", "roster-admins"],
            ignoredSuperuserRule: true, user: "ada"
        )
        let data = try JSONEncoder().encode(assignment)
        #expect(try JSONDecoder().decode(RoleAssignment.self, from: data) == assignment)
    }

    @Test func theDocumentedExampleResolvesAsDocumented() {
        let groups = [
            F.group("roster-superusers", users: ["root"]), F.group("roster-admins", groups: ["platform-team"]),
            F.group("platform-team", groups: ["sre"]), F.group("sre", users: ["ada"]),
            F.group("staff", users: ["ada", "bo", "root"]), F.group("contractors", users: ["bo", "cy"]),
        ]
        let users = ["ada", "bo", "cy", "root"].map { F.user($0) }
        let result = Self.resolve(groups, users, allowSuperuser: false)
        #expect(result.assignments["anchor-ada"]?.description
            == "admin via rule #2 (roster-admins): ada → sre → platform-team → roster-admins")
        #expect(result.assignments["anchor-bo"]?.description == "member via rule #3 (staff): bo → staff")
        #expect(result.assignments["anchor-cy"]?.description == "guest via rule #4 (contractors): cy → contractors")
        #expect(result.assignments["anchor-root"]?.description == "member via rule #3 (staff): root → staff "
            + "(a superuser rule matched but was ignored: superuser is not allowed for this source)")
        #expect(result.warnings.map(\.description)
            == ["rule #1 (roster-superusers) gives superuser, which this source may not grant: ignored (1 account matched it)"])
    }
}
