import Foundation
import RosterLDAP
import RosterTesting
import Testing

/// libldap against a real (Samba) Active Directory DC: LDAPS with the DC's test CA, paged searches, ranged `member`
/// retrieval, objectGUID, the root DSE's change marker. Runs like ActiveDirectorySyncTests:
/// where samba is installed, and always in CI.
@Suite(.enabled(if: SambaADHarness.shouldRun), .serialized, .timeLimit(.minutes(5)))
final class SambaADConnectionTests {
    let dc: SambaADHarness

    init() throws {
        dc = try SambaADHarness()
    }

    func connect() async throws -> LDAPConnection {
        try await LDAPConnection(LDAPConnectionOptions(url: dc.url, caFile: dc.caFile), bindDN: SambaADHarness.bindDN,
                                 password: SambaADHarness.bindPassword)
    }

    var staff: String { "CN=staff,\(SambaADHarness.groupsDN)" }

    @Test func rangedMemberRetrievalReadsEveryRangeToTheEnd() async throws {
        let connection = try await connect()
        // Samba returns all values of a plain `member` (it does not impose AD's MaxValRange of 1,500), so the ranges
        // are asked for explicitly: the first chunk of 500, then `member;range=500-*` … until the server's `*`.
        for first in ["member;range=0-499", "member;range=0-1499", "member;range=0-*"] {
            var entries: [LDAPEntry] = []
            let completeness = try await connection.search(LDAPSearchRequest(
                base: staff, scope: .base, filter: "(objectClass=group)", attributes: [first], pageSize: nil,
                rangedAttributes: ["member"])) { entries += $0 }
            #expect(completeness.isComplete, "\(first)")
            let members = entries.first?.strings("member") ?? []
            #expect(members.count == SambaADHarness.bulkMembers + 2, "\(first)")
            #expect(Set(members).count == members.count, "\(first): no value read twice")
            #expect(entries.first?.attributes.keys.contains { $0.contains(";range=") } == false)
        }
        // Without a range the whole list comes at once.
        var plain: [LDAPEntry] = []
        _ = try await connection.search(LDAPSearchRequest(base: staff, scope: .base, filter: "(objectClass=group)",
                                                          attributes: ["member"], pageSize: nil, rangedAttributes: ["member"])) {
            plain += $0
        }
        #expect(plain.first?.strings("member").count == SambaADHarness.bulkMembers + 2)
    }

    @Test func pagedSearchesReadEveryUserAndObjectGUIDsAreSixteenBytes() async throws {
        let connection = try await connect()
        var entries: [LDAPEntry] = []
        let completeness = try await connection.search(LDAPSearchRequest(
            base: SambaADHarness.peopleDN, filter: "(&(objectCategory=person)(objectClass=user))",
            attributes: ["objectGUID", "sAMAccountName", "uSNChanged", "userAccountControl"], pageSize: 250)) { entries += $0 }
        #expect(completeness.isComplete)
        #expect(entries.count == SambaADHarness.bulkMembers + 7)
        #expect(entries.allSatisfy { $0.bytes("objectGUID")?.count == 16 })
        #expect(entries.allSatisfy { Int64($0.string("uSNChanged") ?? "") != nil })
        #expect(entries.first { $0.string("sAMAccountName") == "frances" }?.string("userAccountControl") == "514")
    }

    @Test func simpleBindsNeedTLSAndStartTLSGivesIt() async throws {
        // A stock DC ("ldap server require strong auth" = yes) refuses a simple bind over plain LDAP …
        let error = await #expect(throws: LDAPError.self) {
            _ = try await LDAPConnection(LDAPConnectionOptions(url: "ldap://127.0.0.1:389"), bindDN: SambaADHarness.bindDN,
                                         password: SambaADHarness.bindPassword)
        }
        #expect(error?.code.rawValue == 8, "strongAuthRequired, got \(String(describing: error))")
        // … and accepts it after StartTLS (or over LDAPS, as everywhere else here).
        _ = try await LDAPConnection(LDAPConnectionOptions(url: "ldap://127.0.0.1:389", startTLS: true, caFile: dc.caFile),
                                     bindDN: SambaADHarness.bindDN, password: SambaADHarness.bindPassword)
        // A wrong password is invalidCredentials, what pass-through login maps to a refused login.
        let wrong = await #expect(throws: LDAPError.self) {
            _ = try await LDAPConnection(LDAPConnectionOptions(url: self.dc.url, caFile: self.dc.caFile),
                                         bindDN: SambaADHarness.bindDN, password: "wrong")
        }
        #expect(wrong?.code == .invalidCredentials)
    }

    @Test func theRootDSEGivesHighestCommittedUSNAndTheDC() async throws {
        let connection = try await connect()
        var root: LDAPEntry?
        _ = try await connection.search(LDAPSearchRequest(base: "", scope: .base, filter: "(objectClass=*)",
                                                          attributes: ["highestCommittedUSN", "dsServiceName"], pageSize: nil)) {
            root = $0.first
        }
        #expect(Int64(root?.string("highestCommittedUSN") ?? "") != nil)
        #expect(root?.string("dsServiceName")?.hasPrefix("CN=NTDS Settings,CN=ROSTERDC,") == true)
    }
}
