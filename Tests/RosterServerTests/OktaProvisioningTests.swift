import Foundation
import RosterCore
import RosterSCIM
import Testing

/// The calls Okta makes, ending in the expected store state.
@Suite(.timeLimit(.minutes(3))) struct OktaProvisioningTests {
    @Test func oktaSequenceEndsInTheExpectedStoreState() async throws {
        let harness = try await SCIMHarness(rules: [("Engineering", .admin)])
        try await harness.run { scim in
            // Okta's connection test.
            let probe = try await scim.get("Users?startIndex=1&count=2")
            #expect(probe.status == 200)
            #expect(probe.body?[key: "schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"])

            let lookup = try await scim.get("Users?filter=userName%20eq%20%22isaac.brock%40example.com%22&startIndex=1&count=100")
            #expect(lookup.body?[key: "totalResults"] == 0)
            let created = try await scim.post("Users", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "isaac.brock@example.com",
                "name": ["givenName": "Isaac", "familyName": "Brock"],
                "emails": [["primary": true, "value": "isaac.brock@example.com", "type": "work"]],
                "displayName": "Isaac Brock", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7", "groups": [],
                "password": "1mz050nq", "active": true,
            ])
            #expect(created.status == 201)
            #expect(created.body?[key: "password"] == nil)
            let id = created.id
            #expect(try harness.account("isaac.brock@example.com")?.authMethod == .password)

            // Full-replace PUT without `active`: the current value stays.
            let replaced = try await scim.send(.put, "Users/\(id)", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": .string(id),
                "userName": "isaac.brock@example.com", "name": ["givenName": "Isaac", "familyName": "Brock-Smith"],
                "emails": [["primary": true, "value": "isaac.brock@example.com", "type": "work"]],
                "displayName": "Isaac Brock-Smith", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
            ])
            #expect(replaced.status == 200)
            #expect(replaced.body?[key: "active"] == true)
            #expect(replaced.body?[key: "name"]?[key: "familyName"] == "Brock-Smith")

            // Groups: create with a member, rename, add and remove members, full replace.
            let second = try await scim.post("Users", SCIMHarness.user("second.user@example.com", email: "second@example.com"))
            let group = try await scim.post("Groups", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Engineering",
                "members": [["value": .string(id), "display": "isaac.brock@example.com"]],
            ])
            #expect(group.status == 201)
            #expect(try harness.account("isaac.brock@example.com")?.role == .admin)
            let renamed = try await scim.patch("Groups/\(group.id)", [["op": "replace", "value": ["id": .string(group.id), "displayName": "Engineering Team"]]])
            #expect(renamed.body?[key: "displayName"] == "Engineering Team")
            #expect(try harness.account("isaac.brock@example.com")?.role == .member)  // the rule names "Engineering"
            try await scim.patch("Groups/\(group.id)", [["op": "replace", "value": ["displayName": "Engineering"]]])
            #expect(try harness.account("isaac.brock@example.com")?.role == .admin)
            try await scim.patch("Groups/\(group.id)", [
                ["op": "add", "path": "members", "value": [["value": .string(second.id)]]],
                ["op": "remove", "path": "members", "value": [["value": .string(id)]]],
            ])
            #expect(try harness.account("isaac.brock@example.com")?.role == .member)
            #expect(try harness.account("second.user@example.com")?.role == .admin)
            let put = try await scim.send(.put, "Groups/\(group.id)", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Engineering",
                "members": [["value": .string(id)]],
            ])
            #expect(put.body?[key: "members"]?.arrayValue?.count == 1)
            #expect(try harness.account("second.user@example.com")?.role == .member)

            // Deactivation: the user survives and stays readable.
            let off = try await scim.patch("Users/\(id)", [["op": "replace", "value": ["active": false]]])
            #expect(off.body?[key: "active"] == false)
            let read = try await scim.get("Users/\(id)")
            #expect(read.status == 200)
            #expect(read.body?[key: "active"] == false)
            #expect(read.body?[key: "groups"]?.arrayValue?.count == 1)

            #expect(try await scim.send(.delete, "Groups/\(group.id)").status == 204)
        }
        let isaac = try #require(try harness.account("isaac.brock@example.com"))
        #expect(!isaac.active)
        #expect(isaac.familyName == "Brock-Smith")
        #expect(isaac.role == .member)
        #expect(isaac.externalId == "00ujl29u0le5T6Aj10h7")
        #expect(try harness.storeFingerprint()[2] == 0)  // the group is gone
    }

    @Test func deletePolicyDeletesTheAccountAndItsMemberships() async throws {
        let harness = try await SCIMHarness { $0.scim.deprovision = .delete }
        try await harness.run { scim in
            let user = try await scim.post("Users", SCIMHarness.user("gone.user", email: "gone@example.com"))
            let group = try await scim.post("Groups", ["displayName": "G", "members": [["value": .string(user.id)]]])
            #expect(try await scim.send(.delete, "Users/\(user.id)").status == 204)
            #expect(try await scim.get("Groups/\(group.id)").body?[key: "members"] == nil)
        }
        #expect(try harness.account("gone.user") == nil)
    }

    @Test func aDeletedUserPostedAgainIsRevived() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let first = try await scim.post("Users", SCIMHarness.user("rehired", email: "rehired@example.com"))
            try await scim.send(.delete, "Users/\(first.id)")
            let again = try await scim.post("Users", SCIMHarness.user("rehired", email: "rehired@example.com"))
            #expect(again.status == 201)
            #expect(again.id == first.id)
            #expect(again.body?[key: "active"] == nil || again.body?[key: "active"] == true)
        }
        #expect(try harness.account("rehired")?.active == true)
    }
    /// `remove active` (scim2-tester's check_remove_attribute, with a random initial value): the attribute is
    /// unassigned in the resource, and the account's state stays what it was — removal neither reactivates an
    /// inactive account nor deactivates an active one.
    @Test func removingActiveUnassignsItWithoutChangingTheAccount() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            for (userName, initial) in [("was.inactive", false), ("was.active", true)] {
                let user = try await scim.post("Users", SCIMHarness.user(userName, active: .bool(initial)))
                #expect(user.body?[key: "active"] == .bool(initial))
                let patched = try await scim.patch("Users/\(user.id)", [["op": "remove", "path": "active"]])
                #expect(patched.status == 200)
                #expect(patched.body?[key: "active"] == nil)
                #expect(try await scim.get("Users/\(user.id)").body?[key: "active"] == nil)
                #expect(try harness.account(userName)?.active == initial)
                // Set again, it is reported again.
                let set = try await scim.patch("Users/\(user.id)", [["op": "replace", "path": "active", "value": .bool(initial)]])
                #expect(set.body?[key: "active"] == .bool(initial))
            }
        }
    }
}
