import Foundation
import RosterCore
import RosterSCIM
import Testing

/// Filters, sorting, paging and attribute selection against the real store.
@Suite(.timeLimit(.minutes(3))) struct SCIMQueryTests {
    /// Creates five users with varied attributes; returns their ids by userName.
    private func seed(_ scim: SCIMHarness.Client) async throws -> [String: String] {
        var ids: [String: String] = [:]
        let people: [(String, String, String, String, String?)] = [
            ("ada", "ada@example.com", "work", "Employee", "Engineering"),
            ("bob", "bob@example.org", "home", "Contractor", nil),
            ("cleo", "cleo@Example.com", "work", "Employee", "Sales"),
            ("dan_x", "dan%x@example.net", "other", "Intern", "Engineering"),
            ("Émile", "emile@example.com", "work", "Employee", nil),
        ]
        for (name, email, type, userType, department) in people {
            var body: [String: JSONValue] = [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": .string(name),
                "emails": [["value": .string(email), "type": .string(type)]], "userType": .string(userType),
                "phoneNumbers": [["value": .string("+1 555 \(name.count)"), "type": "mobile"]],
            ]
            if let department {
                body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = ["department": .string(department)]
            }
            let reply = try await scim.post("Users", .object(body))
            #expect(reply.status == 201)
            ids[name] = reply.id
        }
        return ids
    }

    private func names(_ reply: SCIMHarness.Client.Reply) -> Set<String> {
        Set(reply.body?[key: "Resources"]?.arrayValue?.compactMap { $0[key: "userName"]?.stringValue } ?? [])
    }

    @Test func filtersFollowTheGrammarAndTheSchema() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let ids = try await seed(scim)
            let cases: [(String, Set<String>)] = [
                ("userName eq \"ADA\"", ["ada"]),
                ("userName eq \"émile\"", ["Émile"]),
                ("userName sw \"d\"", ["dan_x"]),
                ("userName co \"_\"", ["dan_x"]),
                ("emails co \"example.com\"", ["ada", "cleo", "Émile"]),
                ("emails.value ew \".org\"", ["bob"]),
                ("emails[type eq \"work\" and value co \"@example.com\"]", ["ada", "cleo", "Émile"]),
                ("emails[type eq \"work\"] and not (userName eq \"ada\")", ["cleo", "Émile"]),
                ("userType eq \"Employee\" and (emails co \"example.org\" or emails.value co \"example.net\")", []),
                ("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", ["dan_x"]),
                ("userName eq \"ada\" or userName eq \"bob\" and userType eq \"Intern\"", ["ada"]),
                ("(userName eq \"ada\" or userName eq \"bob\") and userType eq \"Contractor\"", ["bob"]),
                ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"engineering\"", ["ada", "dan_x"]),
                ("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", ["ada", "cleo", "dan_x"]),
                ("phoneNumbers[type eq \"mobile\" and value sw \"+1 555 3\"]", ["ada", "bob"]),
                ("title pr", []),
                ("userType pr and not (userType eq \"Employee\")", ["bob", "dan_x"]),
                ("meta.created gt \"2000-01-01T00:00:00Z\"", ["ada", "bob", "cleo", "dan_x", "Émile"]),
                ("id eq \"\(ids["cleo"] ?? "")\"", ["cleo"]),
                ("active eq true", ["ada", "bob", "cleo", "dan_x", "Émile"]),
                ("USERNAME EQ \"bob\"", ["bob"]),
            ]
            for (filter, expected) in cases {
                let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filter
                let reply = try await scim.get("Users?filter=\(encoded)")
                #expect(reply.status == 200, "\(filter)")
                #expect(names(reply) == expected, "\(filter)")
                #expect(reply.body?[key: "totalResults"] == .number(Double(expected.count)), "\(filter)")
            }
        }
    }

    @Test func sortingPagingAndAttributeSelection() async throws {
        let harness = try await SCIMHarness { $0.scim.maxPageSize = 3 }
        try await harness.run { scim in
            _ = try await seed(scim)
            let page1 = try await scim.get("Users?sortBy=userName&sortOrder=descending&startIndex=1&count=2")
            #expect(page1.body?[key: "Resources"]?.arrayValue?.compactMap { $0[key: "userName"]?.stringValue } == ["Émile", "dan_x"])
            #expect(page1.body?[key: "totalResults"] == 5)
            let page3 = try await scim.get("Users?sortBy=userName&startIndex=5&count=2")
            #expect(page3.body?[key: "Resources"]?.arrayValue?.count == 1)
            #expect(page3.body?[key: "startIndex"] == 5)
            let capped = try await scim.get("Users?count=50")
            #expect(capped.body?[key: "itemsPerPage"] == 3)
            let zero = try await scim.get("Users?count=0")
            #expect(zero.body?[key: "totalResults"] == 5)
            #expect(zero.body?[key: "Resources"]?.arrayValue?.isEmpty == true)
            let bySub = try await scim.get("Users?sortBy=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department&count=3")
            #expect(bySub.status == 200)

            let only = try await scim.get("Users?filter=userName+eq+%22ada%22&attributes=userName,emails.value")
            let ada = try #require(only.body?[key: "Resources"]?.arrayValue?.first)
            #expect(ada[key: "id"] != nil)
            #expect(ada[key: "userType"] == nil)
            #expect(ada[key: "emails"]?.arrayValue?.first?[key: "type"] == nil)
            #expect(ada[key: "emails"]?.arrayValue?.first?[key: "value"] == "ada@example.com")
            let without = try await scim.get("Users?filter=userName+eq+%22ada%22&excludedAttributes=emails,phoneNumbers")
            let adaWithout = try #require(without.body?[key: "Resources"]?.arrayValue?.first)
            #expect(adaWithout[key: "emails"] == nil)
            #expect(adaWithout[key: "userType"] == "Employee")

            let search = try await scim.post("Users/.search", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                                                              "filter": "userName sw \"c\"", "attributes": ["userName"]])
            #expect(names(search) == ["cleo"])
        }
    }

    @Test func groupsListedWithoutMembersAndBulkWithReferences() async throws {
        let harness = try await SCIMHarness(rules: [("Admins", .admin)])
        try await harness.run { scim in
            let bulk = try await scim.post("Bulk", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors": 1,
                "Operations": [
                    ["method": "POST", "path": "/Users", "bulkId": "u1", "data": SCIMHarness.user("bulk.one")],
                    ["method": "POST", "path": "/Groups", "bulkId": "g1", "data": ["displayName": "Admins", "members": [["value": "bulkId:u1", "type": "User"]]]],
                    ["method": "POST", "path": "/Users", "bulkId": "u2", "data": ["userName": "x"]],
                    ["method": "POST", "path": "/Users", "bulkId": "u3", "data": SCIMHarness.user("never.created")],
                ],
            ])
            #expect(bulk.status == 200)
            let statuses = bulk.body?[key: "Operations"]?.arrayValue?.compactMap { $0[key: "status"]?.stringValue }
            #expect(statuses == ["201", "201", "400"])  // failOnErrors 1 stops after the first error
            #expect(try harness.account("bulk.one")?.role == .admin)
            #expect(try harness.account("never.created") == nil)

            let groups = try await scim.get("Groups?excludedAttributes=members")
            #expect(groups.body?[key: "Resources"]?.arrayValue?.first?[key: "members"] == nil)
            let members = try await scim.get("Groups?filter=members.value+eq+%22\(try #require(harness.account("bulk.one")).id.lowercasedText)%22")
            #expect(members.body?[key: "totalResults"] == 1)
            let everything = try await scim.post(".search", ["filter": "displayName eq \"Admins\" or userName eq \"bulk.one\""])
            #expect(everything.body?[key: "totalResults"] == 2)
        }
    }
}
