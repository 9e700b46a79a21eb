import Foundation
import RosterCore
import RosterSCIM
import Testing

/// Group membership as set deltas, nested groups and role explanations.
@Suite(.timeLimit(.minutes(3))) struct SCIMGroupTests {
    @Test func concurrentPatchesToOneGroupNeverLoseAMember() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            var ids: [String] = []
            for index in 0..<24 { ids.append(try await scim.post("Users", SCIMHarness.user("member\(index)")).id) }
            let group = try await scim.post("Groups", ["displayName": "Everyone"])
            try await withThrowingTaskGroup(of: Int.self) { tasks in
                for id in ids {
                    tasks.addTask {
                        try await scim.patch("Groups/\(group.id)", [["op": "add", "path": "members", "value": [["value": .string(id)]]]]).status
                    }
                }
                for try await status in tasks { #expect(status == 200) }
            }
            let read = try await scim.get("Groups/\(group.id)")
            #expect(read.body?[key: "members"]?.arrayValue?.count == 24)
            #expect(read.body?[key: "meta"]?[key: "version"] == "W/\"25\"")
        }
    }

    @Test func nestedGroupsGiveRolesWithAnExplanation() async throws {
        let harness = try await SCIMHarness(rules: [("Platform Admins", .admin)])
        try await harness.run { scim in
            let user = try await scim.post("Users", SCIMHarness.user("nested.user"))
            let team = try await scim.post("Groups", ["displayName": "SRE Team", "members": [["value": .string(user.id)]]])
            #expect(try harness.account("nested.user")?.role == .member)
            let admins = try await scim.post("Groups", ["displayName": "Platform Admins", "members": [["value": .string(team.id), "type": "Group"]]])
            #expect(try harness.account("nested.user")?.role == .admin)
            let account = try #require(try harness.account("nested.user"))
            let stored = try #require(try harness.store.syncRead { try $0.roleExplanation(accountID: account.id) }?.explanation)
            let assignment = try JSONDecoder().decode(RoleAssignment.self, from: Data(stored.utf8))
            #expect(assignment.path == ["SRE Team", "Platform Admins"])
            #expect(assignment.rule?.group == "Platform Admins")
            // A cycle does not hang resolution.
            try await scim.patch("Groups/\(team.id)", [["op": "add", "path": "members", "value": [["value": .string(admins.id)]]]])
            #expect(try harness.account("nested.user")?.role == .admin)
            try await scim.patch("Groups/\(admins.id)", [["op": "remove", "path": "members"]])
            #expect(try harness.account("nested.user")?.role == .member)
        }
    }

    @Test func anotherSourcesAccountsAreInvisibleUnlessAdopted() async throws {
        let harness = try await SCIMHarness()
        let local = try harness.test.accounts.create(NewAccount(email: "local@example.com", userName: "local.person", password: "correct horse battery"), by: .cliOperator)
        try await harness.run { scim in
            #expect(try await scim.get("Users/\(local.account.id.lowercasedText)").status == 404)
            #expect(try await scim.get("Users?filter=userName+eq+%22local.person%22").body?[key: "totalResults"] == 0)
            let clash = try await scim.post("Users", SCIMHarness.user("local.person"))
            #expect(clash.status == 409)
            #expect(clash.scimType == "uniqueness")
        }
        let adopting = try await SCIMHarness { $0.scim.adoptAccounts = true }
        let other = try adopting.test.accounts.create(NewAccount(email: "adopt@example.com", userName: "adopt.me", password: "correct horse battery"), by: .cliOperator)
        try await adopting.run { scim in
            let adopted = try await scim.post("Users", SCIMHarness.user("adopt.me", email: "adopt@example.com"))
            #expect(adopted.status == 201)
            #expect(adopted.id == other.account.id.lowercasedText)
        }
        #expect(try adopting.account("adopt.me")?.source == .scim("idp"))
    }
}
