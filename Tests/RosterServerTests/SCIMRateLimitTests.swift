import Foundation
import RosterConfig
import RosterSCIM
import RosterServer
import Testing

/// The SCIM rate limit: a token bucket per client whose shipped size lets an identity provider's initial push
/// through, and where a Bulk request costs one token per operation.
@Suite(.timeLimit(.minutes(5)))
struct SCIMRateLimitTests {
    /// The `scim` section of the shipped `Config/roster.plist`.
    static func shippedSCIMSettings() throws -> SCIMSettings {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/roster.plist").path
        return try ConfigurationLoader.load(path: sample, environment: [:]).configuration.scim
    }

    @Test func theShippedDefaultsLetAnInitialPushThrough() async throws {
        let shipped = try Self.shippedSCIMSettings()
        #expect(ServerSettings().requestsPerMinute == SCIMSettings().requestsPerMinute)
        #expect(ServerSettings().burst == SCIMSettings().burst)
        let harness = try await SCIMHarness {
            $0.requestsPerMinute = shipped.requestsPerMinute
            $0.burst = shipped.burst
        }
        // What Okta and Entra ID send for a first push of 450 users, back to back: the connection test, then per user
        // a lookup by userName and a create (901 requests, more than the old 600-request bucket held).
        try await harness.run { scim in
            #expect(try await scim.get("Users?startIndex=1&count=1").status == 200)
            for index in 0..<450 {
                let userName = "push.user\(index)"
                let lookup = try await scim.get("Users?filter=userName+eq+%22\(userName)%22")
                #expect(lookup.status == 200, "lookup \(index)")
                let created = try await scim.post("Users", SCIMHarness.user(userName))
                guard created.status == 201 else {
                    Issue.record("create \(index) answered \(created.status)")
                    return
                }
            }
        }
    }

    static func bulk(_ count: Int, prefix: String) -> JSONValue {
        .object([
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
            "Operations": .array((0..<count).map { index in
                .object(["method": "POST", "path": "/Users", "bulkId": .string("\(prefix)\(index)"),
                         "data": SCIMHarness.user("\(prefix).user\(index)")])
            }),
        ])
    }

    @Test func aBulkOfNOperationsTakesNTokens() async throws {
        // 10 tokens, refilled at one a minute: nothing refills while the test runs.
        let harness = try await SCIMHarness {
            $0.requestsPerMinute = 1
            $0.burst = 10
        }
        try await harness.run { scim in
            let first = try await scim.post("Bulk", Self.bulk(6, prefix: "first"))
            #expect(first.status == 200)
            #expect(first.body?[key: "Operations"]?.arrayValue?.count == 6)
            let before = try harness.storeFingerprint()
            // 10 - 6 = 4 tokens left: a Bulk of 5 is one too many, refused before any operation is applied.
            let second = try await scim.post("Bulk", Self.bulk(5, prefix: "second"))
            #expect(second.status == 429)
            #expect(second.headers[.retryAfter] != nil)
            #expect(try harness.storeFingerprint() == before)
            // The refused request cost its own token: 3 left, enough for a Bulk of 3 and nothing after it.
            let third = try await scim.post("Bulk", Self.bulk(3, prefix: "third"))
            #expect(third.status == 200)
            #expect(try await scim.get("Users?count=1").status == 429)
        }
    }

    @Test func bulkMaxOperationsNeverExceedsTheBurst() async throws {
        let harness = try await SCIMHarness {
            $0.requestsPerMinute = 60
            $0.burst = 20
        }
        try await harness.run { scim in
            let config = try await scim.get("ServiceProviderConfig")
            #expect(config.body?[key: "bulk"]?[key: "maxOperations"]?.numberValue == 20)
        }
    }
}
