import Foundation
import RosterCore
import RosterSCIM
import Testing

/// The direct JSON of `GET /Users/{id}` (stored body copied verbatim) must be the resource the dictionary renderer
/// builds, member for member, whatever the stored body holds.
@Suite struct SCIMRendererTests {
    let renderer = SCIMRenderer(baseURL: "https://roster.example.com/scim/v2")

    func account(active: Bool = true, externalId: String? = "ext-1") -> Account {
        Account(id: UUID(uuidString: "5B0E6F1C-2F0C-4C4E-9E55-0D3A1C2B3A4F")!, userName: "ada", active: active,
                role: .member, authMethod: .saml, source: .scim("idp"), externalId: externalId,
                createdAt: Date(timeIntervalSince1970: 1_764_600_000.123), updatedAt: Date(timeIntervalSince1970: 1_764_700_000.5),
                version: 3)
    }

    static let bodies: [String] = [
        #"{"userName":"ada","name":{"givenName":"Ada","familyName":"Lovelace"},"emails":[{"value":"ada@example.com","primary":true}]}"#,
        #"{"userName":"old","active":true,"externalId":"stale","id":"x","meta":{"version":"W/\"1\""},"schemas":["s"]}"#,
        #"{"active":false,"displayName":"A \"quoted\" name \\ with \u00e9 and\nnewline","title":"Eng"}"#,
        #"{"active":null,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42","manager":{"value":"m"}}}"#,
        #" { "nickName" : "x" , "x509Certificates" : [ { "value" : "MII=" } ] , "locale" : "fr-FR" } "#,
        "{}",
    ]

    @Test(arguments: bodies, [true, false])
    func directJSONIsTheRenderedResource(_ body: String, _ active: Bool) throws {
        guard case .object(let parsed) = try JSONValue.parse(body) else { Issue.record("not an object"); return }
        for groups in [nil, [SCIMReference(id: "g1", type: .group, display: "Staff \"A\""), SCIMReference(id: "g2", type: .group, display: nil)]] {
            for externalId in ["ext-1", nil] {
                let account = account(active: active, externalId: externalId)
                let expected = renderer.user(SCIMUserRecord(account: account, body: parsed, groups: groups))
                let direct = try #require(renderer.userJSON(SCIMUserRecord(account: account, body: nil, groups: groups, bodyText: body)))
                #expect(try JSONValue.parse(direct) == .object(expected))
            }
        }
    }

    @Test(arguments: [#"{"a":1"#, #"["a"]"#, #"{"a":tru"#, #"{"na\"me":1}"#, ""])
    func unreadableTextFallsBack(_ body: String) {
        #expect(renderer.userJSON(SCIMUserRecord(account: account(), body: nil, bodyText: body)) == nil)
    }

    @Test func datesAreISO8601WithMilliseconds() {
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_764_600_000.123)) == "2025-12-01T14:40:00.123Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(SCIMDateTime.parse(SCIMDateTime.format(Date(timeIntervalSince1970: 1_764_600_000.5))) == Date(timeIntervalSince1970: 1_764_600_000.5))
    }
}
