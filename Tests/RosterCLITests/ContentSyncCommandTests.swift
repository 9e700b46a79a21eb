import Foundation
import RosterTesting
import Testing

/// `roster sync` on a changed OpenLDAP directory with syncprov and its session log: incremental runs ask for the
/// changes since the last settled run's cookie (RFC 4533 refreshOnly) instead of scanning every anchor, and end where
/// a `--full` run would; without syncprov, or when the server refuses the refresh, they scan and are still right.
@Suite(.enabled(if: SlapdHarness.shouldRun), .serialized, .timeLimit(.minutes(5)))
final class ContentSyncCommandTests {
    let slapd: SlapdHarness
    let env: CLIEnvironment

    init() throws {
        slapd = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif")])
        env = try SyncCommandTests.environment(url: slapd.url)
    }

    func sync(_ env: CLIEnvironment? = nil, _ arguments: String...) throws -> (status: Int32, report: [String: Any]) {
        let result = try (env ?? self.env).runner.run(["sync", "--json"] + arguments)
        let reports = try (env ?? self.env).json(result.stdout) as? [[String: Any]]
        return (result.status, reports?.first ?? ["stderr": result.stderr])
    }

    func accounts(_ env: CLIEnvironment? = nil) throws -> [[String: Any]] {
        let env = env ?? self.env
        return try env.json(env.run("users", "list", "--json", "--include-inactive").stdout) as? [[String: Any]] ?? []
    }

    func notes(_ report: [String: Any]) -> String {
        (report["notes"] as? [String] ?? []).joined(separator: " | ")
    }

    /// An incremental run after `change` uses content sync, and a `--full` run right after it changes nothing: the
    /// incremental run ended where a full one would.
    func expectContentSync(after change: String, _ expectation: (([String: Any]) throws -> Void)? = nil) throws {
        try slapd.modify(change)
        let run = try sync()
        #expect(run.status == 0, "\(run.report)")
        #expect(run.report["changeMethod"] as? String == "rfc4533", "\(run.report)")
        #expect(notes(run.report).contains("no anchor scan"), "\(run.report)")
        try expectation?(run.report)
        let full = try sync(nil, "--full")
        #expect(full.status == 0)
        #expect(full.report["changeMethod"] as? String == "full")
        #expect((full.report["counts"] as? [String: Int])?.isEmpty == true, "the incremental run missed: \(full.report)")
    }

    @Test func modifyAddDeleteRenameAndMoveUseContentSyncAndEndLikeAFullRun() throws {
        let first = try sync()
        #expect(first.status == 0)
        #expect(first.report["changeMethod"] as? String == "full")
        try expectContentSync(after: """
            dn: uid=alan,ou=people,dc=example,dc=com
            changetype: modify
            replace: cn
            cn: Alan M. Turing
            """) { report in
            #expect((report["counts"] as? [String: Int])?["updated"] == 1, "\(report)")
        }
        try expectContentSync(after: """
            dn: uid=margaret,ou=people,dc=example,dc=com
            changetype: add
            objectClass: inetOrgPerson
            uid: margaret
            cn: Margaret Hamilton
            sn: Hamilton
            mail: margaret@example.com
            """) { report in
            #expect((report["counts"] as? [String: Int])?["created"] == 1, "\(report)")
        }
        try expectContentSync(after: "dn: uid=ken,ou=people,dc=example,dc=com\nchangetype: delete\n") { report in
            #expect((report["counts"] as? [String: Int])?["deactivated"] == 1, "\(report)")
            #expect(self.notes(report).contains("1 deleted"), "\(report)")
        }
        #expect(try accounts().first { $0["userName"] as? String == "ken" }?["active"] as? Bool == false)
        let ada = try #require(try accounts().first { $0["userName"] as? String == "ada" })
        try expectContentSync(after: """
            dn: uid=ada,ou=people,dc=example,dc=com
            changetype: modrdn
            newrdn: uid=ada.lovelace
            deleteoldrdn: 1
            """)
        let renamed = try #require(try accounts().first { $0["userName"] as? String == "ada.lovelace" })
        #expect(renamed["id"] as? String == ada["id"] as? String)
        // A move into another branch under the user base: same account, new DN.
        try slapd.modify("""
            dn: ou=emeriti,ou=people,dc=example,dc=com
            changetype: add
            objectClass: organizationalUnit
            ou: emeriti
            """)
        #expect(try sync().status == 0)
        try expectContentSync(after: """
            dn: uid=edsger,ou=people,dc=example,dc=com
            changetype: modrdn
            newrdn: uid=edsger
            deleteoldrdn: 1
            newsuperior: ou=emeriti,ou=people,dc=example,dc=com
            """)
        #expect(try accounts().filter { $0["active"] as? Bool == true }.count == 12)
    }

    @Test func aGroupChangeReadsEveryMembersKeysAndStillEndsLikeAFullRun() throws {
        #expect(try sync().status == 0)
        try slapd.modify("""
            dn: cn=roster-admins,ou=groups,dc=example,dc=com
            changetype: modify
            add: member
            member: uid=ada,ou=people,dc=example,dc=com
            """)
        let run = try sync()
        #expect(run.status == 0)
        #expect(run.report["changeMethod"] as? String == "scan", "\(run.report)")
        #expect(notes(run.report).contains("groups changed"), "\(run.report)")
        #expect(try accounts().first { $0["userName"] as? String == "ada" }?["role"] as? String == "admin")
        // The refresh's cookies were kept: the next change goes through content sync again.
        try expectContentSync(after: """
            dn: uid=alan,ou=people,dc=example,dc=com
            changetype: modify
            replace: cn
            cn: Alan M. Turing
            """)
    }

    @Test func aHeldRunKeepsNoCookieAndTheNextRunScans() throws {
        #expect(try sync().status == 0)
        // Deleting 7 of 12 users exceeds maxDeprovisionPercent 50: held.
        try slapd.modify(["ada", "grace", "edsger", "barbara", "donald", "frances", "radia"].map {
            "dn: uid=\($0),ou=people,dc=example,dc=com\nchangetype: delete\n"
        }.joined(separator: "\n"))
        let held = try sync()
        #expect(held.status == 3, "\(held.report)")
        #expect(held.report["changeMethod"] as? String == "rfc4533", "\(held.report)")
        #expect(try accounts().allSatisfy { $0["active"] as? Bool == true })
        let again = try sync()
        #expect(again.status == 3)
        #expect(again.report["changeMethod"] as? String == "scan", "\(again.report)")
        let approved = try sync(nil, "--allow-deprovision")
        #expect(approved.status == 0, "\(approved.report)")
        #expect(try accounts().filter { $0["active"] as? Bool == false }.count == 7)
        // Settled again: content sync is back.
        try expectContentSync(after: """
            dn: uid=alan,ou=people,dc=example,dc=com
            changetype: modify
            replace: cn
            cn: Alan M. Turing
            """)
    }

    @Test func aPresentPhaseReplacesTheAnchorScanWhenTheSessionLogDoesNotReachBack() throws {
        #expect(try sync().status == 0)
        try slapd.modify("""
            dn: uid=alan,ou=people,dc=example,dc=com
            changetype: modify
            replace: cn
            cn: Alan M. Turing
            """)
        try slapd.restart()
        try expectContentSync(after: "dn: uid=ken,ou=people,dc=example,dc=com\nchangetype: delete\n") { report in
            #expect(self.notes(report).contains("present phase"), "\(report)")
            #expect((report["counts"] as? [String: Int])?["deactivated"] == 1, "\(report)")
            #expect((report["counts"] as? [String: Int])?["updated"] == 1, "\(report)")
        }
    }

    @Test func aRefusedRefreshFallsBackToTheScanAndIsStillRight() throws {
        // The reader may get 3 entries per unpaged search: a refresh naming more changes is cut off and refused.
        let limited = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif")], sizeLimit: 3)
        let env = try SyncCommandTests.environment(url: limited.url)
        #expect(try sync(env).status == 0)
        try limited.modify(["alan", "grace", "edsger", "barbara"].map {
            "dn: uid=\($0),ou=people,dc=example,dc=com\nchangetype: modify\nreplace: cn\ncn: \($0)!\n"
        }.joined(separator: "\n") + "\ndn: uid=ken,ou=people,dc=example,dc=com\nchangetype: delete\n")
        let run = try sync(env)
        #expect(run.status == 0, "\(run.report)")
        #expect(run.report["changeMethod"] as? String == "scan", "\(run.report)")
        #expect(notes(run.report).contains("refused"), "\(run.report)")
        let counts = run.report["counts"] as? [String: Int]
        #expect(counts?["updated"] == 4 && counts?["deactivated"] == 1, "\(run.report)")
        #expect((try sync(env, "--full").report["counts"] as? [String: Int])?.isEmpty == true)
        // A small change afterwards fits the limit: content sync again.
        try limited.modify("dn: uid=alan,ou=people,dc=example,dc=com\nchangetype: modify\nreplace: cn\ncn: Alan\n")
        #expect(try sync(env).report["changeMethod"] as? String == "rfc4533")
    }

    @Test func withoutSyncprovEveryChangedRunScans() throws {
        let plain = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif")], syncprov: false)
        let env = try SyncCommandTests.environment(url: plain.url)
        #expect(try sync(env).status == 0)
        try plain.modify("dn: uid=ken,ou=people,dc=example,dc=com\nchangetype: delete\n")
        let run = try sync(env)
        #expect(run.status == 0, "\(run.report)")
        #expect(run.report["changeMethod"] as? String == "scan", "\(run.report)")
        #expect((run.report["counts"] as? [String: Int])?["deactivated"] == 1, "\(run.report)")
    }
}
