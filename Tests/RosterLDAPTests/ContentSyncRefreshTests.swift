import Foundation
import RosterLDAP
import RosterTesting
import Testing

/// RFC 4533 refreshOnly searches against a private slapd with syncprov and its session log: the changes since a
/// cookie (delete phase), a present phase when the log does not reach back, and refusals.
@Suite(.enabled(if: SlapdHarness.shouldRun), .serialized, .timeLimit(.minutes(3)))
final class ContentSyncRefreshTests {
    let slapd: SlapdHarness
    static let people = "ou=people,dc=example,dc=com"
    /// grace's and ada's entryUUIDs in the sample directory.
    static let grace = "7f3c0000-0000-4000-8000-000000000002"
    static let ada = "7f3c0000-0000-4000-8000-000000000001"

    init() throws {
        slapd = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif")])
    }

    func connect(_ url: String? = nil) async throws -> LDAPConnection {
        try await LDAPConnection(LDAPConnectionOptions(url: url ?? slapd.url), bindDN: SlapdHarness.readerDN,
                                 password: SlapdHarness.readerPassword)
    }

    /// The current cookie: a refresh without cookie of the base entry alone.
    func cookie(_ connection: LDAPConnection) async throws -> [UInt8] {
        let request = LDAPSearchRequest(base: Self.people, scope: .base, filter: "(objectClass=*)", attributes: ["1.1"],
                                        pageSize: nil)
        return try await connection.contentSyncRefresh(request, cookie: []) { _ in }.cookie
    }

    var sentUUIDs: [String] = []

    func refresh(_ connection: LDAPConnection, _ cookie: [UInt8]) async throws -> (uids: [String], ContentSyncRefresh) {
        var uids: [String] = []
        var uuids: [String] = []
        let request = LDAPSearchRequest(base: Self.people, filter: "(objectClass=inetOrgPerson)",
                                        attributes: ["uid", "entryUUID"])
        let result = try await connection.contentSyncRefresh(request, cookie: cookie) { entries in
            uids += entries.compactMap { $0.string("uid") }
            uuids += entries.compactMap { $0.string("entryUUID") }
        }
        sentUUIDs = uuids
        return (uids.sorted(), result)
    }

    @Test func aCookieGivesTheChangedEntriesAndTheDeletedUUIDs() async throws {
        let connection = try await connect()
        let start = try await cookie(connection)
        #expect(!start.isEmpty)
        let (none, unchanged) = try await refresh(connection, start)
        #expect(none.isEmpty && unchanged.deleted.isEmpty && unchanged.changed == 0)
        try slapd.modify("""
            dn: uid=alan,ou=people,dc=example,dc=com
            changetype: modify
            replace: displayName
            displayName: Alan M. Turing

            dn: uid=grace,ou=people,dc=example,dc=com
            changetype: delete

            dn: uid=margaret,ou=people,dc=example,dc=com
            changetype: add
            objectClass: inetOrgPerson
            uid: margaret
            cn: Margaret Hamilton
            sn: Hamilton
            """)
        let (uids, result) = try await refresh(connection, start)
        #expect(uids == ["alan", "margaret"])
        #expect(result.changed == 2)
        #expect(result.deleted == [Self.grace])
        #expect(!result.presentPhase)
        #expect(!result.cookie.isEmpty && result.cookie != start)
        // The new cookie names no change.
        let (after, again) = try await refresh(connection, result.cookie)
        #expect(after.isEmpty && again.deleted.isEmpty)
    }

    @Test func withoutTheSessionLogTheServerNamesEveryPresentEntry() async throws {
        var connection = try await connect()
        let start = try await cookie(connection)
        // A change before the restart: the new session log starts after it, so it cannot serve the cookie.
        try slapd.modify("""
            dn: uid=alan,ou=people,dc=example,dc=com
            changetype: modify
            replace: displayName
            displayName: Alan M. Turing
            """)
        try slapd.restart()
        try slapd.modify("""
            dn: uid=ada,ou=people,dc=example,dc=com
            changetype: delete
            """)
        connection = try await connect()
        let (uids, result) = try await refresh(connection, start)
        #expect(result.presentPhase)
        #expect(uids == ["alan"])
        // Every entry but ada is named: present, or sent in full (alan).
        #expect(result.present.union(sentUUIDs).count == 11)
        #expect(!result.present.contains(Self.ada))
    }

    @Test func aCookieFromTheFutureOrAServerWithoutSyncprovIsRefused() async throws {
        let connection = try await connect()
        let future = Array("rid=000,csn=29991231000000.000000Z#000000#000#000000".utf8)
        await #expect(throws: LDAPError.self) { _ = try await self.refresh(connection, future) }
        let plain = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif")], syncprov: false)
        let other = try await connect(plain.url)
        await #expect(throws: LDAPError.self) { _ = try await self.cookie(other) }
    }

    @Test func uuidsAreWrittenAsOpenLDAPWritesEntryUUID() {
        let bytes: [UInt8] = [0x7f, 0x3c, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x0a]
        #expect(ContentSyncRefresh.uuidText(bytes) == "7f3c0000-0000-4000-8000-00000000000a")
        #expect(ContentSyncRefresh.uuidText([1, 2]) == nil)
    }
}
