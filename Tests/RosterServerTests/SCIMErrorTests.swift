import Foundation
import HTTPTypes
import RosterSCIM
import Testing

/// Bad requests get the right 4xx with an RFC 7644 error body, and change nothing.
@Suite(.timeLimit(.minutes(3))) struct SCIMErrorTests {
    @Test func badRequestsAnswerWithScimErrorsAndChangeNothing() async throws {
        let harness = try await SCIMHarness { $0.maxBodyBytes = 4096 }
        try await harness.run { scim in
            let user = try await scim.post("Users", SCIMHarness.user("stable.user", email: "stable@example.com"))
            let before = try harness.storeFingerprint()
            let cases: [(HTTPRequest.Method, String, JSONValue?, String?, Int, String?)] = [
                (.post, "Users", nil, "{\"userName\": ", 400, "invalidSyntax"),
                (.post, "Users", ["userName": "x.y.z", "shoeSize": 44], nil, 400, "invalidValue"),
                (.post, "Users", ["userName": "a b"], nil, 400, "invalidValue"),
                (.post, "Users", ["name": ["givenName": "No userName"]], nil, 400, "invalidValue"),
                (.post, "Users", ["userName": "stable.user"], nil, 409, "uniqueness"),
                (.post, "Users", ["userName": "other.user", "emails": [["value": "stable@example.com"]]], nil, 409, "uniqueness"),
                (.get, "Users?filter=userName+eq", nil, nil, 400, "invalidFilter"),
                (.get, "Users?filter=userName+xx+%22a%22", nil, nil, 400, "invalidFilter"),
                (.get, "Users?filter=shoeSize+eq+1", nil, nil, 400, "invalidFilter"),
                (.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                             "Operations": [["op": "replace", "path": "emails[type eq", "value": "x"]]], nil, 400, "invalidPath"),
                (.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                             "Operations": [["op": "replace", "path": "shoeSize", "value": 1]]], nil, 400, "invalidPath"),
                (.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                             "Operations": [["op": "remove"]]], nil, 400, "noTarget"),
                (.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                             "Operations": [["op": "replace", "path": "displayName", "value": "ok"],
                                                            ["op": "replace", "path": "id", "value": "x"]]], nil, 400, "mutability"),
                (.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                             "Operations": [["op": "replace", "path": "active", "value": "maybe"]]], nil, 400, "invalidValue"),
                (.post, "Users", nil, String(repeating: "x", count: 5000), 413, nil),
                (.get, "Users/00000000-0000-0000-0000-000000000000", nil, nil, 404, nil),
                (.get, "Nothing/here", nil, nil, 404, nil),
                (.put, "ServiceProviderConfig", ["x": 1], nil, 405, nil),
            ]
            for (method, path, json, raw, status, scimType) in cases {
                let reply = try await scim.send(method, path, json, raw: raw)
                #expect(reply.status == status, "\(method) \(path)")
                #expect(reply.body?[key: "schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"], "\(method) \(path)")
                #expect(reply.body?[key: "status"] == .string(String(status)), "\(method) \(path)")
                #expect(reply.scimType == scimType, "\(method) \(path)")
            }
            #expect(try harness.storeFingerprint() == before)
            // The PATCH whose second operation failed applied nothing.
            #expect(try await scim.get("Users/\(user.id)").body?[key: "displayName"] == nil)
        }
    }

    @Test func authenticationAndRateLimits() async throws {
        let harness = try await SCIMHarness {
            $0.requestsPerMinute = 3
            $0.burst = 3
        }
        try await harness.run { scim in
            let missing = try await scim.send(.get, "Users", token: "")
            #expect(missing.status == 401)
            #expect(missing.body?[key: "schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
            #expect(try await scim.send(.get, "Users", token: "not-a-token").status == 401)
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<5 {
                let reply = try await scim.get("Users")
                statuses.append(reply.status)
                if reply.status == 429 { retryAfter = reply.headers[.retryAfter] }
            }
            #expect(statuses.prefix(3).allSatisfy { $0 == 200 })
            #expect(statuses.last == 429)
            #expect(retryAfter.flatMap(Int.init).map { $0 >= 1 } == true)
        }
    }

    @Test func versionsAreWeakEtags() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let user = try await scim.post("Users", SCIMHarness.user("etag.user"))
            let etag = try #require(user.headers[.eTag])
            #expect(user.body?[key: "meta"]?[key: "version"] == .string(etag))
            #expect(try await scim.send(.get, "Users/\(user.id)", headers: [.ifNoneMatch: etag]).status == 304)
            let stale = try await scim.send(.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [["op": "replace", "path": "title", "value": "x"]]], headers: [.ifMatch: "W/\"7\""])
            #expect(stale.status == 412)
            let fresh = try await scim.send(.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [["op": "replace", "path": "title", "value": "x"]]], headers: [.ifMatch: etag])
            #expect(fresh.status == 200)
            #expect(fresh.headers[.eTag] == "W/\"2\"")
            #expect(try await scim.send(.delete, "Users/\(user.id)", headers: [.ifMatch: etag]).status == 412)
            let minimal = try await scim.send(.patch, "Users/\(user.id)", ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [["op": "replace", "path": "title", "value": "y"]]], headers: [HTTPField.Name("Prefer")!: "return=minimal"])
            #expect(minimal.status == 204)
        }
    }
}
