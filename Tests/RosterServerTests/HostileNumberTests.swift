import Foundation
import HTTPTypes
import RosterSCIM
import Testing

/// Issue 9, finding 1: a JSON (or query-string) number that Roster turns into an integer must be checked. Before the
/// fix, `Int(1e300)` trapped and one request ended `roster serve` for everyone. Each case sends the raw JSON text so
/// the number reaches the server exactly as a hostile client writes it.
@Suite(.timeLimit(.minutes(5)))
struct HostileNumberTests {
    private static let search = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"#
    private static let bulk = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"#
    private static let userSchema = #""schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]"#

    /// Sends `raw` and expects a 400 with this `scimType`; the store is unchanged.
    private func expectRefused(
        _ harness: SCIMHarness, _ scim: SCIMHarness.Client, _ method: HTTPRequest.Method, _ path: String, _ raw: String?,
        scimType: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try harness.storeFingerprint()
        let reply = try await scim.send(method, path, raw: raw)
        #expect(reply.status == 400, "\(method) \(path) \(raw ?? "")", sourceLocation: sourceLocation)
        #expect(reply.scimType == scimType, "\(method) \(path) \(raw ?? "")", sourceLocation: sourceLocation)
        #expect(reply.body?[key: "schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"], sourceLocation: sourceLocation)
        #expect(try harness.storeFingerprint() == before, sourceLocation: sourceLocation)
    }

    @Test func searchCountOf1e300IsInvalidValue() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            try await expectRefused(harness, scim, .post, "Users/.search", Self.search + #""count":1e300}"#, scimType: "invalidValue")
        }
    }

    @Test(arguments: [
        #""count":-1e300"#, #""count":1.5"#, #""count":9.3e18"#, #""startIndex":1e300"#, #""startIndex":-1e300"#,
        #""startIndex":0.5"#, #""startIndex":-9.3e18"#,
    ])
    func searchIntegersOutOfRangeOrFractionalAreInvalidValue(_ member: String) async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            for path in ["Users/.search", "Groups/.search", ".search"] {
                try await expectRefused(harness, scim, .post, path, Self.search + member + "}", scimType: "invalidValue")
            }
        }
    }

    @Test func searchIntegersAtTheLimitsOfIntStillWork() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            try await scim.post("Users", SCIMHarness.user("only.user"))
            let first = try await scim.send(.post, "Users/.search", raw: Self.search + #""startIndex":1,"count":1e18}"#)
            #expect(first.status == 200)
            #expect(first.body?[key: "itemsPerPage"] == 1)
            let past = try await scim.send(.post, "Users/.search", raw: Self.search + #""startIndex":4e18,"count":2}"#)
            #expect(past.status == 200)
            #expect(past.body?[key: "itemsPerPage"] == 0)
            let query = try await scim.get("Users?startIndex=9223372036854775807&count=9223372036854775807")
            #expect(query.status == 200)
            #expect(query.body?[key: "startIndex"] == .number(9_223_372_036_854_775_807))
        }
    }

    @Test(arguments: ["count=1e300", "count=99999999999999999999", "startIndex=-99999999999999999999", "count=1.5", "startIndex=NaN"])
    func queryStringIntegersOutOfRangeAreInvalidValue(_ query: String) async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            try await expectRefused(harness, scim, .get, "Users?\(query)", nil, scimType: "invalidValue")
            try await expectRefused(harness, scim, .get, "Groups?\(query)", nil, scimType: "invalidValue")
        }
    }

    @Test func bulkFailOnErrorsOf1e300IsInvalidValue() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let operations = #""Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"bulk.user"}}]"#
            for value in ["1e300", "-1e300", "1.5", "9.3e18"] {
                try await expectRefused(harness, scim, .post, "Bulk", Self.bulk + #""failOnErrors":\#(value),"# + operations + "}",
                                        scimType: "invalidValue")
            }
            let fine = try await scim.send(.post, "Bulk", raw: Self.bulk + #""failOnErrors":1e0,"# + operations + "}")
            #expect(fine.status == 200)
            #expect(fine.body?[key: "Operations"]?.arrayValue?.first?[key: "status"] == "201")
        }
    }

    /// Lenient mode turns a number sent for a string attribute into text; a huge number once trapped in `Int64(_:)`.
    @Test func displayNameOf1e300IsStoredAsTextNotACrash() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let created = try await scim.send(.post, "Users", raw: "{\(Self.userSchema),\"userName\":\"huge.number\",\"displayName\":1e300}")
            #expect(created.status == 201)
            #expect(created.body?[key: "displayName"] == "1e+300")
            let negative = try await scim.send(
                .post, "Users", raw: "{\(Self.userSchema),\"userName\":\"huge.negative\",\"displayName\":-1.7976931348623157e308}")
            #expect(negative.status == 201)
            #expect(negative.body?[key: "displayName"] == "-1.7976931348623157e+308")
            let big = try await scim.send(.post, "Users", raw: "{\(Self.userSchema),\"userName\":\"big.integer\",\"displayName\":12345678901234567890}")
            #expect(big.status == 201)
            #expect(big.body?[key: "displayName"]?.stringValue?.isEmpty == false)
            let id = created.id
            let patched = try await scim.send(
                .patch, "Users/\(id)",
                raw: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":-1e300}]}"#)
            #expect(patched.status == 200)
            #expect(patched.body?[key: "displayName"] == "-1e+300")
            let pathless = try await scim.send(
                .patch, "Users/\(id)",
                raw: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"title":9e300,"name.givenName":1e200}}]}"#)
            #expect(pathless.status == 200)
            #expect(pathless.body?[key: "title"] == "9e+300")
            let replaced = try await scim.send(.put, "Users/\(id)", raw: "{\(Self.userSchema),\"userName\":\"huge.number\",\"nickName\":1e300}")
            #expect(replaced.status == 200)
            #expect(replaced.body?[key: "nickName"] == "1e+300")
        }
    }

    /// Strict mode refuses a number for a string attribute instead of converting it.
    @Test func strictModeRefusesANumberForAString() async throws {
        let harness = try await SCIMHarness { $0.scim.mode = .strict }
        try await harness.run { scim in
            try await expectRefused(harness, scim, .post, "Users", "{\(Self.userSchema),\"userName\":\"x.y\",\"displayName\":1e300}",
                                    scimType: "invalidValue")
        }
    }

    /// A number beyond Double's range is not JSON Roster can represent: a 400, never infinity or a trap.
    @Test(arguments: ["1e999", "-1e999", "1" + String(repeating: "0", count: 400)])
    func numbersBeyondDoubleAreRefusedAsSyntax(_ number: String) async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            try await expectRefused(harness, scim, .post, "Users/.search", Self.search + #""count":\#(number)}"#, scimType: "invalidSyntax")
            try await expectRefused(harness, scim, .post, "Bulk", Self.bulk + #""failOnErrors":\#(number),"Operations":[]}"#,
                                    scimType: "invalidSyntax")
            try await expectRefused(harness, scim, .post, "Users", "{\(Self.userSchema),\"userName\":\"x.y\",\"displayName\":\(number)}",
                                    scimType: "invalidSyntax")
        }
    }

    /// Filter values: a number beyond Double is an invalid filter, a huge one compares without trapping.
    @Test func hugeNumbersInFiltersAndPatchValuePaths() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let user = try await scim.post("Users", SCIMHarness.user("filter.user", email: "filter@example.com"))
            try await expectRefused(harness, scim, .get, "Users?filter=userName+eq+1e999", nil, scimType: "invalidFilter")
            try await expectRefused(harness, scim, .get, "Users?filter=userName+eq+1e300", nil, scimType: "invalidFilter")
            let excluded = try await scim.get("Users?filter=not+(userName+eq+%22x%22)+or+userName+eq+%22y%22")
            #expect(excluded.status == 200)
            let patched = try await scim.send(
                .patch, "Users/\(user.id)",
                raw: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"emails[value eq 1e300]"}]}"#)
            #expect(patched.status == 200 || patched.status == 400)
            let infinite = try await scim.send(
                .patch, "Users/\(user.id)",
                raw: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"emails[value eq 1e999]"}]}"#)
            #expect(infinite.status == 400)
            #expect(infinite.scimType == "invalidPath")
        }
    }
}
