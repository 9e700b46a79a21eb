import Foundation
import RosterTesting
import Testing

/// `roster sync` with DirSync against a real (Samba) Active Directory DC: after a settled run, an incremental run asks
/// for the objects changed since that run's cookie instead of scanning every anchor (`changeMethod` `dirsync`), and a
/// following `--full` run changes nothing. See docs/active-directory.md ("Changed directories: DirSync").
///
/// DirSync without `LDAP_DIRSYNC_OBJECT_SECURITY` needs "Replicating Directory Changes" and, on Samba, an account that
/// sees the tombstones: only the domain administrator does, so these runs bind as the administrator. The harness's
/// ordinary bind account (`roster-sync`) is refused, which the last test uses for the fallback (and which every test
/// of `ActiveDirectorySyncTests` goes through).
///
/// Nested in `ActiveDirectorySyncTests`, whose `.serialized` covers it: as a third top-level suite waiting for the
/// machine-wide DC lock (besides that one and `SambaADConnectionTests`), its `flock` blocked the second thread of the
/// cooperative pool on a 2-core machine and the run stopped (the DC's holder could not be scheduled).
extension ActiveDirectorySyncTests {
    @Suite(.enabled(if: SambaADHarness.shouldRun), .serialized, .timeLimit(.minutes(10)))
    final class ActiveDirectoryDirSyncTests {
        let dc: SambaADHarness
        let env: CLIEnvironment

        init() throws {
            dc = try SambaADHarness()
            env = try CLIEnvironment(extraKeys: """
                <key>ldap</key><array><dict>
                  <key>name</key><string>ad</string>
                  <key>url</key><string>\(dc.url)</string>
                  <key>caFile</key><string>\(dc.caFile)</string>
                  <key>mapping</key><string>activedirectory</string>
                  <key>bindDN</key><string>\(SambaADHarness.adminDN)</string>
                  <key>bindPassword</key><string>env:TEST_BIND_PASSWORD</string>
                  <key>userBaseDN</key><string>\(SambaADHarness.peopleDN)</string>
                  <key>groupBaseDN</key><string>\(SambaADHarness.groupsDN)</string>
                  <key>roles</key><string>\(SlapdHarness.repository.appendingPathComponent("Mappings/roles.plist").path)</string>
                  <key>timeoutSeconds</key><integer>30</integer>
                  <key>networkTimeoutSeconds</key><integer>5</integer>
                  <key>maxDeprovisionPercent</key><integer>50</integer>
                </dict></array>
                """, environment: ["TEST_BIND_PASSWORD": SambaADHarness.adminPassword,
                                   "TEST_SYNC_PASSWORD": SambaADHarness.bindPassword,
                                   "ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
        }

        func sync(_ arguments: String...) throws -> [String: Any] {
            let result = try env.runner.run(["sync", "--json"] + arguments)
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
            return (try env.json(result.stdout) as? [[String: Any]])?.first ?? [:]
        }

        func counts(_ report: [String: Any]) -> [String: Int] {
            report["counts"] as? [String: Int] ?? [:]
        }

        func notes(_ report: [String: Any]) -> String {
            (report["notes"] as? [String] ?? []).joined(separator: " | ")
        }

        func accounts() throws -> [[String: Any]] {
            try env.json(env.run("users", "list", "--json", "--include-inactive").stdout) as? [[String: Any]] ?? []
        }

        func account(_ userName: String) throws -> [String: Any]? {
            try accounts().first { $0["userName"] as? String == userName }
        }

        func dn(_ cn: String) -> String { "CN=\(cn),\(SambaADHarness.peopleDN)" }

        /// Applies `ldif` and expects an incremental DirSync run; returns its report.
        func expectDirSync(after ldif: String) throws -> [String: Any] {
            try dc.modify(ldif)
            let report = try sync()
            #expect(report["mode"] as? String == "incremental", "\(report)")
            #expect(report["changeMethod"] as? String == "dirsync", "\(report)")
            #expect(notes(report).contains("no anchor scan"), "\(report)")
            return report
        }

        /// A `--full` run agrees with the incremental runs before it: nothing to change.
        func expectFullChangesNothing() throws {
            let full = try sync("--full")
            #expect(full["changeMethod"] as? String == "full")
            #expect(counts(full).isEmpty, "\(full)")
        }

        @Test func modifyDeleteAndAddGoThroughDirSync() throws {
            let first = try sync()
            #expect(first["changeMethod"] as? String == "full")
            #expect(!notes(first).contains("DirSync"), "\(first)")
            do {
                let report = try expectDirSync(after: "dn: \(dn("Ken Thompson"))\nchangetype: modify\nreplace: displayName\ndisplayName: Ken T\n")
                #expect(counts(report) == ["updated": 1], "\(report)")
                #expect(try account("ken")?["displayName"] as? String == "Ken T")
                #expect(try account("alan")?["role"] as? String == "admin")
                try expectFullChangesNothing()
            }
            // ken is in no group (deleting a member changes its groups too, and such a run scans).
            let ken = try #require(try account("ken")?["id"] as? String)
            do {
                let report = try expectDirSync(after: "dn: \(dn("Ken Thompson"))\nchangetype: delete\n")
                #expect(counts(report)["deactivated"] == 1, "\(report)")
                #expect(try account("ken")?["active"] as? Bool == false)
                #expect(try account("ken")?["id"] as? String == ken)
                try expectFullChangesNothing()
            }
            do {
                let report = try expectDirSync(after: """
                    dn: \(dn("Barbara Liskov"))
                    changetype: add
                    objectClass: user
                    sAMAccountName: barbara
                    givenName: Barbara
                    sn: Liskov
                    displayName: Barbara Liskov
                    mail: barbara@example.com
                    userAccountControl: 544
                    """)
                #expect(counts(report) == ["created": 1], "\(report)")
                #expect(try account("barbara")?["active"] as? Bool == true)
                #expect(try account("barbara")?["role"] as? String == "guest")
                try expectFullChangesNothing()
            }
        }

        @Test func aMoveOutOfTheBaseDeactivatesAndAMoveWithinKeepsTheAccount() throws {
            _ = try sync()
            let grace = try #require(try account("grace")?["id"] as? String)
            let ada = try #require(try account("ada")?["id"] as? String)
            do {
                let report = try expectDirSync(after: """
                    dn: \(dn("Grace Hopper"))
                    changetype: modrdn
                    newrdn: CN=Grace Hopper
                    deleteoldrdn: 1
                    newsuperior: CN=Users,\(SambaADHarness.baseDN)
                    """)
                #expect(counts(report)["deactivated"] == 1, "\(report)")
                #expect(try account("grace")?["active"] as? Bool == false)
                #expect(try account("grace")?["id"] as? String == grace)
                try expectFullChangesNothing()
            }
            do {
                let report = try expectDirSync(after: """
                    dn: OU=Moved,\(SambaADHarness.peopleDN)
                    changetype: add
                    objectClass: organizationalUnit

                    dn: \(dn("Ada Lovelace"))
                    changetype: modrdn
                    newrdn: CN=Ada Lovelace
                    deleteoldrdn: 1
                    newsuperior: OU=Moved,\(SambaADHarness.peopleDN)
                    """)
                #expect(counts(report)["updated"] == 1, "\(report)")
                #expect(try account("ada")?["id"] as? String == ada)
                #expect(try account("ada")?["externalId"] as? String
                    == "CN=Ada Lovelace,OU=Moved,\(SambaADHarness.peopleDN)")
                #expect(try account("ada")?["role"] as? String == "member")
                try expectFullChangesNothing()
            }
        }

        @Test func aGroupChangeScansAndKeepsTheCookie() throws {
            _ = try sync()
            try dc.modify("""
                dn: CN=platform-team,\(SambaADHarness.groupsDN)
                changetype: modify
                delete: member
                member: \(dn("Alan Turing"))
                """)
            let report = try sync()
            #expect(report["changeMethod"] as? String == "scan", "\(report)")
            #expect(notes(report).contains("groups changed"), "\(report)")
            #expect(counts(report)["roleChanged"] == 1, "\(report)")
            #expect(try account("alan")?["role"] as? String == "guest")
            // The new cookie was kept: the next change goes through DirSync again.
            do {
                let report = try expectDirSync(after: "dn: \(dn("Ken Thompson"))\nchangetype: modify\nreplace: displayName\ndisplayName: Ken T\n")
                #expect(counts(report) == ["updated": 1], "\(report)")
                try expectFullChangesNothing()
            }
        }

        @Test func aRefusedDirSyncFallsBackToTheScanAndStaysCorrect() throws {
            _ = try sync()
            // The ordinary bind account holds no "Replicating Directory Changes": the DC refuses DirSync
            // (insufficientAccessRights) and the run scans, with a note.
            let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
                .replacingOccurrences(of: SambaADHarness.adminDN, with: SambaADHarness.bindDN)
                .replacingOccurrences(of: "env:TEST_BIND_PASSWORD", with: "env:TEST_SYNC_PASSWORD")
            try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
            let edsger = try #require(try account("edsger")?["id"] as? String)
            try dc.modify("dn: \(dn("Edsger Dijkstra"))\nchangetype: delete\n")
            let report = try sync()
            #expect(report["mode"] as? String == "incremental")
            #expect(report["changeMethod"] as? String == "scan", "\(report)")
            #expect(notes(report).contains("DirSync refused"), "\(report)")
            #expect(counts(report)["deactivated"] == 1, "\(report)")
            #expect(try account("edsger")?["id"] as? String == edsger)
            #expect(try account("edsger")?["active"] as? Bool == false)
            let full = try sync("--full")
            #expect(counts(full).isEmpty, "\(full)")
            #expect(notes(full).contains("DirSync not available"), "\(full)")
        }
    }
}
