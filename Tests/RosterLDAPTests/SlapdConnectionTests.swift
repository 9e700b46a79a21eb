import Foundation
import RosterLDAP
import RosterTesting
import Testing

/// libldap against a private slapd: bind, paging past the size limit, TLS, escaping in real searches.
@Suite(.enabled(if: SlapdHarness.shouldRun), .serialized, .timeLimit(.minutes(3)))
final class SlapdConnectionTests {
    let slapd: SlapdHarness

    init() throws {
        let bulk = try TemporaryDirectory(prefix: "roster-ldif")
        let ldif = bulk.file("bulk.ldif")
        let entries = (1...1200).map { n in
            "dn: uid=bulk\(n),ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: bulk\(n)\ncn: Bulk \(n)\nsn: Bulk\n"
        }
        try entries.joined(separator: "\n").write(toFile: ldif, atomically: true, encoding: .utf8)
        slapd = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif"), ldif])
    }

    func connect(_ options: LDAPConnectionOptions? = nil, password: String = SlapdHarness.readerPassword) async throws -> LDAPConnection {
        try await LDAPConnection(options ?? LDAPConnectionOptions(url: slapd.url), bindDN: SlapdHarness.readerDN,
                                 password: password)
    }

    func count(_ connection: LDAPConnection, _ request: LDAPSearchRequest) async throws -> (Int, SearchCompleteness) {
        var total = 0
        let completeness = try await connection.search(request) { total += $0.count }
        return (total, completeness)
    }

    @Test func bindsAndRejectsAWrongPassword() async throws {
        _ = try await connect()
        await #expect(throws: LDAPError.self) { _ = try await self.connect(password: "wrong") }
        do {
            _ = try await connect(password: "wrong")
        } catch let error as LDAPError {
            #expect(error.code == .invalidCredentials)
            #expect(!error.description.contains("wrong"))
        }
    }

    @Test func anUnreachableServerIsReportedAsSuch() async throws {
        // A port this test holds bound but not listening: connections to it are refused, whatever else runs here.
        let closed = try LoopbackListener(listening: false)
        let error = await #expect(throws: LDAPError.self) {
            _ = try await LDAPConnection(LDAPConnectionOptions(url: "ldap://127.0.0.1:\(closed.port)", networkTimeout: 2),
                                         bindDN: SlapdHarness.readerDN, password: "x")
        }
        #expect(error?.code.isUnreachable == true)
    }

    @Test func pagedSearchesReadPastTheSizeLimitAndUnpagedOnesAreIncomplete() async throws {
        let connection = try await connect()
        let filter = "(objectClass=inetOrgPerson)"
        let (paged, pagedCompleteness) = try await count(connection, LDAPSearchRequest(
            base: "ou=people,dc=example,dc=com", filter: filter, attributes: ["uid"], pageSize: 100))
        #expect(paged == 1212)
        #expect(pagedCompleteness.isComplete)
        let (unpaged, unpagedCompleteness) = try await count(connection, LDAPSearchRequest(
            base: "ou=people,dc=example,dc=com", filter: filter, attributes: ["uid"], pageSize: nil))
        #expect(unpaged == 500)
        #expect(!unpagedCompleteness.isComplete)
        #expect(unpagedCompleteness.reasons.first?.contains("size limit") == true)
    }

    @Test func aWrongBaseIsAnError() async throws {
        let connection = try await connect()
        do {
            _ = try await count(connection, LDAPSearchRequest(base: "ou=nowhere,dc=example,dc=com",
                                                              filter: "(objectClass=*)", attributes: ["cn"]))
            Issue.record("a search under a missing base succeeded")
        } catch let error as LDAPError {
            #expect(error.code == .noSuchObject)
        }
    }

    @Test func escapedValuesFindTheirEntry() async throws {
        let connection = try await connect()
        var found: [LDAPEntry] = []
        _ = try await connection.search(LDAPSearchRequest(
            base: "ou=people,dc=example,dc=com", filter: LDAPFilter.equal("cn", "Smith, John").description,
            attributes: ["cn", "entryUUID"])) { found += $0 }
        #expect(found.count == 1)
        #expect(DistinguishedName.key(found.first?.dn ?? "") == DistinguishedName.key("cn=Smith\\, John,ou=people,dc=example,dc=com"))
        var none: [LDAPEntry] = []
        _ = try await connection.search(LDAPSearchRequest(
            base: "ou=people,dc=example,dc=com", filter: LDAPFilter.equal("cn", "*").description, attributes: ["cn"])) { none += $0 }
        #expect(none.isEmpty)
    }

    @Test func startTLSAndLDAPSVerifyTheCertificate() async throws {
        _ = try await connect(LDAPConnectionOptions(url: slapd.url, startTLS: true, caFile: slapd.caFile))
        _ = try await connect(LDAPConnectionOptions(url: slapd.ldapsURL, caFile: slapd.caFile))
        await #expect(throws: LDAPError.self) {
            _ = try await self.connect(LDAPConnectionOptions(url: self.slapd.ldapsURL, caFile: "/etc/ssl/certs/ca-certificates.crt"))
        }
        await #expect(throws: LDAPError.self) {
            _ = try await self.connect(LDAPConnectionOptions(url: self.slapd.url, startTLS: true,
                                                             caFile: "/etc/ssl/certs/ca-certificates.crt"))
        }
    }
}
