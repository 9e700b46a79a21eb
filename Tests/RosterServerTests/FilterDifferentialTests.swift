import Foundation
import RosterSCIM
import Testing

/// `SCIMSQLFilter` (a list's filter as SQL over the store) against `SCIMFilterEvaluator` (the same filter in memory,
/// as PATCH value paths use it) on one corpus: Fuzz/corpus/filter (also the fuzz seeds) over one store of varied
/// users. For every filter the store accepts, the ids the SQL returns are exactly the users the evaluator accepts,
/// given the rendered resources and case-exactness and types from the schema (RFC 7644 §3.4.2.2).
///
/// Divergences this found and fixed: `eq null` / `ne null` on unassigned attributes (evaluator), `dateTime`
/// compared as text (evaluator: `…:00.005Z` sorted before `…:00Z`), `id` and `meta.resourceType` compared ignoring
/// case although the schema makes them case-exact (SQL), `emails.primary` read from the email rows where the
/// resource shows the client's flags (SQL), and a chain of ~100 `or` or ~45 nested groups answering 500 (SQL:
/// SQLite's parser stack).
@Suite(.timeLimit(.minutes(5)))
struct FilterDifferentialTests {
    static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/filter")

    static func corpus() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path).sorted().map {
            ($0, String(decoding: try Data(contentsOf: corpusDirectory.appendingPathComponent($0)), as: UTF8.self))
        }
    }

    static let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    static let core = "urn:ietf:params:scim:schemas:core:2.0:User"

    /// Varied users: mixed case, empty and missing values, LIKE metacharacters, non-ASCII, extension attributes.
    static let users: [JSONValue] = [
        ["schemas": [.string(core), .string(enterprise)], "userName": "Alice.Smith@example.com", "externalId": "EXT-Alice",
         "displayName": "Alice Smith", "name": ["givenName": "Alice", "familyName": "Smith"], "title": "Engineer", "active": true,
         "userType": "Employee", "emails": [["value": "Alice.Smith@Example.com", "type": "work", "primary": true],
                                            ["value": "alice@home.example", "type": "home"]],
         "phoneNumbers": [["value": "+1 555 0100", "type": "work"]],
         .init(stringLiteral: enterprise): ["department": "R&D", "employeeNumber": "1001", "manager": ["value": "M-1"]]],
        ["schemas": [.string(core)], "userName": "bob", "externalId": "ext-alice", "title": "engineer", "active": false,
         "userType": "Contractor", "name": ["familyName": "Builder"]],
        ["schemas": [.string(core), .string(enterprise)], "userName": "carol_99", "displayName": "carol", "nickName": "",
         "title": "Senior Engineer", "emails": [["value": "carol@example.org", "type": "other"]],
         "addresses": [["type": "work", "locality": "Hollywood", "country": "USA"]],
         .init(stringLiteral: enterprise): ["department": "r&d", "manager": ["value": "26118915-6090-4610-87e4-49d8ca9f808d"]]],
        ["schemas": [.string(core)], "userName": "dave%x", "displayName": "100% Dave", "title": "under_score", "nickName": "Dave",
         "emails": [["value": "dave@example.com", "type": "work", "primary": false]], "locale": "en-US"],
        ["schemas": [.string(core)], "userName": "eve", "displayName": "Eve O'Malley", "name": ["familyName": "O'Malley", "givenName": "eve"],
         "title": "", "userType": "Employee", "preferredLanguage": "en"],
        ["schemas": [.string(core)], "userName": "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081", "externalId": "9c4e8a1f-0000-4000-8000-00000000adel",
         "emails": [["value": "test.user@okta.local", "type": "work", "primary": true]], "active": true],
        ["schemas": [.string(core)], "userName": "user7", "displayName": "Group1DisplayName", "title": "Tour Guide"],
        ["schemas": [.string(core)], "userName": "emile", "displayName": "ÉMILE ZOLA", "name": ["familyName": "Zola"]],
    ]

    /// Divergences found here whose fix lies outside the filter code, kept visible: `withKnownIssue` fails the test
    /// once they are fixed. SQLite's lower() and LIKE fold ASCII only, so a case-insensitive comparison of non-ASCII
    /// text (`displayName eq "émile zola"` against "ÉMILE ZOLA") misses in SQL while the evaluator (Swift's
    /// lowercased()) matches; the fix is a Unicode-aware lower function registered on the store's connections.
    static let knownDivergences: Set<String> = ["diff-unicode-case.txt"]

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Filters beyond the shared corpus that are written for this store (ids and timestamps known only at run time).
    static func runtimeFilters(_ resources: [JSONValue]) -> [String] {
        var filters: [String] = []
        for resource in resources.prefix(3) {
            let id = resource[key: "id"]?.stringValue ?? ""
            filters += ["id eq \"\(id)\"", "id eq \"\(id.uppercased())\"", "id sw \"\(id.prefix(8))\"", "id ne \"\(id)\""]
            if let created = resource[key: "meta"]?[key: "created"]?.stringValue {
                let seconds = String(created.prefix(19)) + "Z"
                filters += ["meta.created ge \"\(created)\"", "meta.created gt \"\(seconds)\"", "meta.created le \"\(seconds)\"",
                            "meta.lastModified lt \"\(created)\"", "meta.created eq \"\(created)\""]
            }
        }
        return filters
    }

    /// Found by this suite: a valid filter nested some 20 groups deep answered 500 (SQLite's parser stack overflowed
    /// on the generated SQL). Every depth the parser accepts is now a 200 or a 400 invalidFilter.
    @Test func deeplyNestedFiltersAreAnswerOr400NeverA500() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            try await scim.post("Users", SCIMHarness.user("nested.user"))
            var answered = 0
            for depth in 1...50 {
                var alternating = "userName pr"
                var notted = "userName pr"
                var valuePaths = "value pr"
                for level in 0..<depth {
                    alternating = level.isMultiple(of: 2) ? "(title pr or (\(alternating)) and displayName ne \"x\")"
                        : "(\(alternating)) and (title pr or nickName pr)"
                    notted = "not (\(notted))"
                    valuePaths = level.isMultiple(of: 2) ? "(type pr or (\(valuePaths)))" : "(\(valuePaths)) and not (primary pr)"
                }
                for text in [alternating, notted, "emails[\(valuePaths)]", "emails[\(valuePaths.replacingOccurrences(of: "value", with: "display"))]"] {
                    guard (try? SCIMFilterParser.parseFilter(text)) != nil else { continue }
                    let reply = try await scim.get("Users?filter=\(Self.encoded(text))")
                    #expect(reply.status == 200 || (reply.status == 400 && reply.scimType == "invalidFilter"), "depth \(depth): \(reply.status) \(text)")
                    if reply.status == 200 { answered += 1 }
                }
            }
            #expect(answered >= 20)
        }
    }

    @Test func sqlAndEvaluatorSelectTheSameUsers() async throws {
        let harness = try await SCIMHarness()
        let corpus = try Self.corpus()
        try await harness.run { scim in
            var ids: [String] = []
            for user in Self.users {
                let created = try await scim.post("Users", user)
                try #require(created.status == 201, "\(user): \(created.body?.jsonText ?? "")")
                ids.append(created.id)
            }
            let group = try await scim.post("Groups", ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                       "displayName": "Tour Guides", "members": [["value": .string(ids[0])], ["value": .string(ids[2])]]])
            try #require(group.status == 201)
            let listed = try await scim.get("Users?count=1000")
            // `active` filters on the account's state (SCIMQueryTests: `active eq true` finds every active account),
            // while a resource shows `active` only when the client set it or the account is inactive: the evaluator
            // is given the state the store filters on.
            let resources = try #require(listed.body?[key: "Resources"]?.arrayValue).map { resource -> JSONValue in
                guard case .object(var members) = resource, members["active"] == nil else { return resource }
                members["active"] = true
                return .object(members)
            }
            try #require(resources.count == Self.users.count)
            let evaluator = SCIMFilterEvaluator(kind: .user)
            var compared = 0
            var refused: [String] = []
            let filters = corpus + Self.runtimeFilters(resources).map { ("runtime", $0) }
                + [("group", "groups.value eq \"\(group.id)\""), ("group", "groups.value eq \"\(group.id.uppercased())\""),
                   ("group", "groups pr"), ("group", "not (groups pr)"), ("group", "groups.display eq \"tour guides\"")]
            for (name, text) in filters {
                guard let filter = try? SCIMFilterParser.parseFilter(text) else { continue }
                let reply = try await scim.get("Users?count=1000&attributes=id&filter=\(Self.encoded(text))")
                guard reply.status == 200 else {
                    #expect(reply.status == 400, "\(name): \(text)")
                    refused.append(name)
                    continue
                }
                compared += 1
                let sql = Set((reply.body?[key: "Resources"]?.arrayValue ?? []).compactMap { $0[key: "id"]?.stringValue })
                let memory = Set(resources.filter { evaluator.matches(filter, $0) }.compactMap { $0[key: "id"]?.stringValue })
                let names = { (set: Set<String>) in
                    resources.filter { set.contains($0[key: "id"]?.stringValue ?? "") }.compactMap { $0[key: "userName"]?.stringValue }.sorted()
                }
                let message: Comment = "\(name): \(text)\n  SQL only: \(names(sql.subtracting(memory)))\n  evaluator only: \(names(memory.subtracting(sql)))"
                if Self.knownDivergences.contains(name) {
                    withKnownIssue("SQLite folds ASCII only") { #expect(sql == memory, message) }
                } else {
                    #expect(sql == memory, message)
                }
            }
            #expect(compared >= 40, "compared \(compared), refused by the store: \(refused)")
        }
    }
}
