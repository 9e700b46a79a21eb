import RosterCore
import Testing

struct RoleRuleMatchingTests {
    static let platform = GroupIdentity(
        dnKey: DirectoryFixtures.dnKey("cn=Roster-Admins,ou=groups,dc=example,dc=org"), names: ["Roster-Admins", "Platform Admins"]
    )
    static let scim = GroupIdentity(dnKey: nil, names: ["Platform Admins", "ext-4711"])

    @Test(arguments: [
        ("CN=Roster-Admins, OU=Groups, DC=example, DC=org", platform, true),
        ("cn=other,ou=groups,dc=example,dc=org", platform, false),
        ("cn=roster-admins,ou=groups,dc=example,dc=org", scim, false),
        ("roster-admins", platform, true),
        ("ROSTER-ADMINS", platform, true),
        ("platform admins", platform, true),
        ("platform admins", scim, true),
        ("ext-4711", scim, true),
        ("roster", platform, false),
        ("roster-*", platform, true),
        ("*-admins", platform, true),
        ("*admins*", scim, true),
        ("r*s*r-a*", platform, true),
        ("*-users", platform, false),
        ("roster-?", platform, false),
        ("*", scim, true),
    ])
    func matchesByDNNameOrGlob(_ group: String, _ identity: GroupIdentity, _ expected: Bool) {
        let rule = RoleRule(group: group, role: .admin, dnKey: DirectoryFixtures.dnKey)
        #expect(rule.matches(identity) == expected)
    }

    @Test(arguments: [
        ("cn=a,dc=b", GroupPattern.Kind.dn), ("roster-*", .glob), ("staff", .name), (" Staff ", .name),
    ])
    func classifiesPatterns(_ text: String, _ kind: GroupPattern.Kind) {
        #expect(GroupPattern(parsing: text, dnKey: DirectoryFixtures.dnKey).kind == kind)
    }

    @Test func shippedRolesPlistEqualsTheSample() throws {
        let dict = try DirectoryFixtures.propertyList("roles.plist")
        let rules = try RoleRules.fromPropertyList(dict, file: "roles.plist", dnKey: DirectoryFixtures.dnKey)
        #expect(rules == DirectoryFixtures.sampleRules)
    }

    @Test func malformedRulesReportEveryProblem() throws {
        let dict: [String: Any] = [
            "rules": [["group": "staff", "role": "boss"], ["role": "admin"], "admins", ["group": "x", "role": "guest", "why": 1]],
            "defaultRole": 3,
            "comment": "no",
        ]
        let error = try #require(throws: RosterError.self) {
            try RoleRules.fromPropertyList(dict, file: "roles.plist", dnKey: DirectoryFixtures.dnKey)
        }
        #expect(error.code == .invalidArgument)
        let expected = [
            "roles.plist: comment: unknown key", "roles.plist: defaultRole: expected a string",
            "roles.plist: rules[0].role: unknown role 'boss'", "roles.plist: rules[1].group: missing required key",
            "roles.plist: rules[2]: expected a dictionary", "roles.plist: rules[3].why: unknown key",
        ]
        for prefix in expected {
            #expect(error.details.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)")
        }
        #expect(error.details.count == expected.count, "\(error.details)")
    }

    @Test func missingRulesIsAnError() {
        #expect(throws: RosterError.matching(.invalidArgument)) {
            try RoleRules.fromPropertyList(["defaultRole": "guest"], file: "roles.plist", dnKey: DirectoryFixtures.dnKey)
        }
    }
}
