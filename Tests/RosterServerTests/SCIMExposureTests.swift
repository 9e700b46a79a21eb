import Foundation
import GRDB
import HTTPTypes
import RosterSCIM
import Testing

/// What a response must never carry: a host name the client made up, or the store's own error text.
@Suite(.timeLimit(.minutes(2)))
struct SCIMExposureTests {
    static let evilHost: HTTPFields = [HTTPField.Name("Host")!: "evil.example"]

    static func text(_ reply: SCIMHarness.Client.Reply) throws -> String {
        let body = try reply.body.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) } ?? ""
        return body + reply.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    @Test func theHostHeaderIsNeverReflected() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            var replies: [SCIMHarness.Client.Reply] = []
            let user = try await scim.send(.post, "Users", SCIMHarness.user("host.user"), headers: Self.evilHost)
            #expect(user.status == 201)
            replies.append(user)
            let group = try await scim.send(.post, "Groups", ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                                              "displayName": "Host Group"], headers: Self.evilHost)
            replies.append(group)
            for path in ["Users/\(user.id)", "Users", "Groups/\(group.id)", "Groups", "ServiceProviderConfig", "Schemas",
                         "ResourceTypes", "ResourceTypes/User", "Schemas/urn:ietf:params:scim:schemas:core:2.0:User"] {
                replies.append(try await scim.send(.get, path, headers: Self.evilHost))
            }
            replies.append(try await scim.send(.post, "Bulk", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                "Operations": [["method": "POST", "path": "/Users", "bulkId": "b1", "data": SCIMHarness.user("bulk.host")]],
            ], headers: Self.evilHost))
            for reply in replies {
                let text = try Self.text(reply)
                #expect(!text.contains("evil.example"), "\(text)")
            }
            #expect(user.headers[.location]?.hasPrefix("http://") == true)
            #expect(user.body?[key: "meta"]?[key: "location"]?.stringValue == user.headers[.location])
        }
    }

    @Test func aConfiguredPublicBaseURLIsUsed() async throws {
        let harness = try await SCIMHarness { $0.publicBaseURL = "https://roster.corp.example/" }
        try await harness.run { scim in
            let user = try await scim.send(.post, "Users", SCIMHarness.user("public.user"), headers: Self.evilHost)
            #expect(user.headers[.location] == "https://roster.corp.example/scim/v2/Users/\(user.id)")
            #expect(user.body?[key: "meta"]?[key: "location"]?.stringValue == user.headers[.location])
        }
    }

    @Test func storeFailuresAnswerAGenericMessageWithAReference() async throws {
        let harness = try await SCIMHarness()
        // A trigger that fails every insert with its own text: what SQLite says must stay in the server.
        try await harness.store.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER leak_probe BEFORE INSERT ON account
                BEGIN SELECT RAISE(ABORT, 'probe-text private'); END
                """)
        }
        try await harness.run { scim in
            let single = try await scim.post("Users", SCIMHarness.user("jane.private"))
            #expect(single.status == 500)
            let bulk = try await scim.post("Bulk", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                "Operations": [["method": "POST", "path": "/Users", "bulkId": "b1", "data": SCIMHarness.user("john.private")]],
            ])
            #expect(bulk.status == 200)
            for reply in [single, bulk] {
                let text = try Self.text(reply)
                for secret in ["probe-text", "private", "trigger", "constraint", "SQLITE", "store error"] {
                    #expect(!text.lowercased().contains(secret.lowercased()), "\(secret) in \(text)")
                }
            }
            let detail = try #require(single.body?[key: "detail"]?.stringValue)
            #expect(detail.contains("reference"), "\(detail)")
            let bulkDetail = single.body.flatMap { _ in bulk.body?[key: "Operations"]?.arrayValue?.first?[key: "response"]?[key: "detail"]?.stringValue }
            #expect(bulkDetail?.contains("reference") == true)
        }
    }

    @Test func apiStoreFailuresAnswerAGenericMessageWithTheCode() async throws {
        let harness = try AccessHarness()
        try harness.account("regular")
        try await harness.store.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER leak_probe BEFORE INSERT ON session
                BEGIN SELECT RAISE(ABORT, 'probe-text private'); END
                """)
        }
        try await harness.run { client in
            let reply = try await client.send(.post, "/auth/login", ["userName": "regular", "password": "correct horse battery"])
            #expect(reply.status == 500)
            let text = try Self.text(reply)
            for secret in ["probe-text", "private", "constraint", "store error"] {
                #expect(!text.lowercased().contains(secret), "\(secret) in \(text)")
            }
            #expect(reply.body?[key: "error"]?[key: "code"]?.stringValue == "failure.store")
            #expect(reply.body?[key: "error"]?[key: "message"]?.stringValue?.contains("reference") == true)
        }
    }
}
