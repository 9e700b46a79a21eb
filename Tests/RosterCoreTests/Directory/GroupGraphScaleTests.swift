import RosterCore
import Testing

/// A directory of realistic size resolves (no timing asserted: this only checks it completes and stays correct).
struct GroupGraphScaleTests {
    typealias F = DirectoryFixtures

    /// Already-normalised DN keys, built without the fixture normaliser so that the test data stays cheap to build.
    static func userKey(_ index: Int) -> String { "uid=u\(index),ou=people,dc=example,dc=org" }
    static func groupKey(_ name: String) -> String { "cn=\(name),ou=groups,dc=example,dc=org" }

    static func group(_ name: String, memberKeys: [String]) -> DirectoryGroup {
        DirectoryGroup(anchor: name, dn: groupKey(name), dnKey: groupKey(name), name: name, memberKeys: memberKeys)
    }

    @Test func resolvesOneHundredThousandUsers() throws {
        let userCount = 100_000
        let users = (0..<userCount).map { index in
            DirectoryUser(anchor: "a\(index)", dn: Self.userKey(index), dnKey: Self.userKey(index), userName: "u\(index)")
        }
        // Every user is directly in 3 of groups g0…g1899 (300,000 memberships). g0 ∈ g1 ∈ … ∈ g1899 is one long chain;
        // g0 also starts a second chain g1900 ∈ … ∈ g1999, which roster-admins contains; staff contains g1.
        var memberKeys = Array(repeating: [String](), count: 2_000)
        for user in 0..<userCount {
            for step in 0..<3 { memberKeys[(user * 7 + step * 631) % 1_900].append(Self.userKey(user)) }
        }
        for index in 1..<2_000 {
            memberKeys[index].append(Self.groupKey(index == 1_900 ? "g0" : "g\(index - 1)"))
        }
        var groups = (0..<2_000).map { Self.group("g\($0)", memberKeys: memberKeys[$0]) }
        groups.append(Self.group("roster-admins", memberKeys: [Self.groupKey("g1999")]))
        groups.append(Self.group("staff", memberKeys: [Self.groupKey("g1")]))

        let graph = GroupGraph(groups: groups, users: users)
        let result = RoleResolver(rules: F.sampleRules, allowSuperuser: false).resolveAll(graph)

        #expect(result.assignments.count == userCount)
        #expect(graph.cycles.isEmpty)
        // u0 is directly in g0 (and g631, g1262), which reaches roster-admins through g1900…g1999.
        let u0 = try #require(result.assignments["a0"])
        #expect(u0.role == .admin)
        #expect(u0.path.count == 102)
        #expect(u0.path.prefix(3) == ["g0", "g1900", "g1901"])
        // u1 is directly in g7, g638, g1269: above g1, so in neither chain's matched groups.
        #expect(result.assignments["a1"]?.isDefault == true)
        #expect(result.assignments["a1"]?.role == .guest)
        // u543 is directly in g1 (543 × 7 mod 1900 = 1), which staff contains.
        let groupsOf543 = try #require(graph.directGroups(ofUser: "a543")).map(\.name)
        #expect(groupsOf543.contains("g1"))
        #expect(result.assignments["a543"]?.role == .member)
        #expect(result.assignments["a543"]?.path == ["g1", "staff"])
    }
}
