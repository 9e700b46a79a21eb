import Foundation
import RosterCore
import RosterSCIM
import Testing

/// The calls Microsoft Entra ID makes, with its quirks, ending in the expected store state.
@Suite(.timeLimit(.minutes(3))) struct EntraProvisioningTests {
    @Test func entraSequenceEndsInTheExpectedStoreState() async throws {
        let harness = try await SCIMHarness(rules: [("Roster Admins", .admin)])
        try await harness.run { scim in
            // Lookup before create: nothing yet.
            let lookup = try await scim.get("Users?filter=userName+eq+%22adele.vance%40contoso.com%22")
            #expect(lookup.status == 200)
            #expect(lookup.body?[key: "totalResults"] == 0)

            let created = try await scim.post("Users", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                "externalId": "9c4e8a1f-0000-4000-8000-00000000adel",
                "userName": "adele.vance@contoso.com", "active": true, "displayName": "Adele Vance",
                "emails": [["primary": true, "type": "work", "value": "adele.vance@contoso.com"]],
                "meta": ["resourceType": "User"],
                "name": ["formatted": "Adele Vance", "familyName": "Vance", "givenName": "Adele"],
                "title": "Retail Manager",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["employeeNumber": "1001", "department": "Retail"],
            ])
            #expect(created.status == 201)
            let id = created.id
            #expect(created.headers[.location]?.hasSuffix("/scim/v2/Users/\(id)") == true)

            // Entra looks users up by externalId with an unquoted value.
            let byExternal = try await scim.get("Users?filter=externalId+eq+9c4e8a1f-0000-4000-8000-00000000adel")
            #expect(byExternal.body?[key: "totalResults"] == 1)

            // PATCH with Entra's capitalised ops, a value-path replace, a dotted path-less replace, a string boolean.
            let patched = try await scim.patch("Users/\(id)", [
                ["op": "Replace", "path": "displayName", "value": "Adele V."],
                ["op": "Replace", "path": "emails[type eq \"work\"].value", "value": "adele@contoso.com"],
                ["op": "Replace", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"],
                ["op": "Replace", "value": ["name.givenName": "Adèle", "title": "Director"]],
                ["op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"],
            ])
            #expect(patched.status == 200)
            #expect(patched.body?[key: "displayName"] == "Adele V.")
            #expect(patched.body?[key: "emails"]?.arrayValue?.first?[key: "value"] == "adele@contoso.com")
            #expect(patched.body?[key: "phoneNumbers"]?.arrayValue?.first?[key: "type"] == "mobile")
            #expect(patched.body?[key: "name"]?[key: "givenName"] == "Adèle")
            #expect(patched.body?[key: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?[key: "department"] == "Sales")
            #expect(patched.headers[.eTag] == "W/\"2\"")

            // Groups: Entra lists them without members, creates, then adds and removes members two ways.
            let group = try await scim.post("Groups", ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                       "displayName": "Roster Admins", "externalId": "g-1", "members": []])
            #expect(group.status == 201)
            let groups = try await scim.get("Groups?excludedAttributes=members&filter=displayName+eq+%22Roster+Admins%22")
            #expect(groups.body?[key: "totalResults"] == 1)
            #expect(groups.body?[key: "Resources"]?.arrayValue?.first?[key: "members"] == nil)

            try await scim.patch("Groups/\(group.id)", [["op": "Add", "path": "members", "value": [["value": .string(id)]]]])
            #expect(try harness.account("adele.vance@contoso.com")?.role == .admin)
            try await scim.patch("Groups/\(group.id)", [["op": "Remove", "path": "members", "value": [["value": .string(id)]]]])
            #expect(try harness.account("adele.vance@contoso.com")?.role == .member)
            try await scim.patch("Groups/\(group.id)", [["op": "Add", "path": "members", "value": [["value": .string(id)]]]])
            try await scim.patch("Groups/\(group.id)", [["op": "Remove", "path": .string("members[value eq \"\(id)\"]")]])
            #expect(try harness.account("adele.vance@contoso.com")?.role == .member)
            try await scim.patch("Groups/\(group.id)", [["op": "Add", "path": "members", "value": [["value": .string(id)]]]])

            // Deactivation with a string boolean: sessions end, the user stays readable with active false.
            let account = try #require(try harness.account("adele.vance@contoso.com"))
            _ = try harness.test.accounts.openSession(accountID: account.id, lifetime: 3600, by: .cliOperator)
            let deactivated = try await scim.patch("Users/\(id)", [["op": "Replace", "path": "active", "value": "False"]])
            #expect(deactivated.body?[key: "active"] == false)
            let read = try await scim.get("Users/\(id)")
            #expect(read.status == 200)
            #expect(read.body?[key: "active"] == false)
            #expect(try harness.store.read { try $0.sessionCount(accountID: account.id) } == 0)

            // Deletion under the default policy: gone for SCIM, kept inactive in the store.
            #expect(try await scim.send(.delete, "Users/\(id)").status == 204)
            #expect(try await scim.get("Users/\(id)").status == 404)
        }
        let final = try #require(try harness.account("adele.vance@contoso.com"))
        #expect(final.active == false)
        #expect(final.source == .scim("idp"))
        #expect(final.displayName == "Adele V.")
        #expect(final.givenName == "Adèle")
        #expect(final.primaryEmail == "adele@contoso.com")
        #expect(final.deactivatedBy == "scim:idp")
        let audit = try harness.store.read { try $0.auditEvents(involving: final.id, limit: 100) }.map(\.action.rawValue)
        #expect(audit.contains("account.created"))
        #expect(audit.contains("account.roleChanged"))
        #expect(audit.contains("account.deactivated"))
    }

    @Test func strictModeRejectsWhatLenientModeAccepts() async throws {
        let harness = try await SCIMHarness { $0.scim.mode = .strict }
        try await harness.run { scim in
            let created = try await scim.post("Users", SCIMHarness.user("strict.user", email: "strict@example.com", externalId: "x1"))
            #expect(created.status == 201)
            let capitalised = try await scim.patch("Users/\(created.id)", [["op": "Replace", "path": "active", "value": false]])
            #expect(capitalised.status == 400)
            #expect(capitalised.scimType == "invalidValue")
            let stringBoolean = try await scim.patch("Users/\(created.id)", [["op": "replace", "path": "active", "value": "False"]])
            #expect(stringBoolean.scimType == "invalidValue")
            let unquoted = try await scim.get("Users?filter=externalId+eq+x1")
            #expect(unquoted.scimType == "invalidFilter")
            let noMatch = try await scim.patch("Users/\(created.id)", [["op": "replace", "path": "emails[type eq \"home\"].value", "value": "h@example.com"]])
            #expect(noMatch.scimType == "noTarget")
        }
    }
}
