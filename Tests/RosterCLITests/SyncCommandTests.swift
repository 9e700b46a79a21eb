import Foundation
import RosterTesting
import Testing

/// `roster sync` end to end: the executable against a private slapd holding the sample directory.
@Suite(.enabled(if: SlapdHarness.shouldRun), .serialized, .timeLimit(.minutes(5)))
final class SyncCommandTests {
    let slapd: SlapdHarness
    let env: CLIEnvironment

    init() throws {
        slapd = try SlapdHarness(ldif: [SlapdHarness.fixture("sample-directory.ldif")])
        env = try Self.environment(url: slapd.url)
    }

    static func environment(url: String, extra: String = "") throws -> CLIEnvironment {
        try CLIEnvironment(extraKeys: """
            <key>ldap</key><array><dict>
              <key>name</key><string>corp</string>
              <key>url</key><string>\(url)</string>
              <key>bindDN</key><string>cn=roster,dc=example,dc=com</string>
              <key>bindPassword</key><string>env:TEST_BIND_PASSWORD</string>
              <key>userBaseDN</key><string>ou=people,dc=example,dc=com</string>
              <key>groupBaseDN</key><string>ou=groups,dc=example,dc=com</string>
              <key>roles</key><string>\(SlapdHarness.repository.appendingPathComponent("Mappings/roles.plist").path)</string>
              <key>timeoutSeconds</key><integer>5</integer>
              <key>networkTimeoutSeconds</key><integer>3</integer>
              <key>maxDeprovisionPercent</key><integer>50</integer>
              \(extra)
            </dict></array>
            """, environment: ["TEST_BIND_PASSWORD": SlapdHarness.readerPassword,
                               "ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
    }

    func sync(_ arguments: String...) throws -> CLIRunner.Result {
        try env.runner.run(["sync"] + arguments)
    }

    func accounts() throws -> [[String: Any]] {
        try env.json(env.run("users", "list", "--json", "--include-inactive").stdout) as? [[String: Any]] ?? []
    }

    func account(_ userName: String) throws -> [String: Any]? {
        try accounts().first { $0["userName"] as? String == userName }
    }

    func report(_ result: CLIRunner.Result) throws -> [String: Any] {
        let reports = try env.json(result.stdout) as? [[String: Any]]
        return reports?.first ?? [:]
    }

    @Test func aFirstSyncImportsAndASecondChangesNothing() throws {
        let first = try sync("--json")
        #expect(first.status == 0, "\(first.stderr)")
        let counts = try report(first)["counts"] as? [String: Int]
        #expect(counts?["created"] == 12)
        #expect(try account("alan")?["role"] as? String == "admin")
        #expect(try account("ada")?["authMethod"] as? String == "ldap")
        #expect(try account("ada")?["source"] as? String == "ldap:corp")
        let auditBefore = try env.run("audit", "--json", "--limit", "100000").stdout
        for arguments in [["--json"], ["--json", "--full"]] {
            let again = try env.runner.run(["sync"] + arguments)
            #expect(again.status == 0)
            #expect((try report(again)["counts"] as? [String: Int])?.isEmpty == true, "\(again.stdout)")
        }
        #expect(try env.run("audit", "--json", "--limit", "100000").stdout == auditBefore)
        // The incremental run of an untouched directory recognised it by its contextCSN and read no entry; the
        // full run read everything.
        let unchanged = try report(sync("--json"))
        #expect((unchanged["notes"] as? [String])?.first?.contains("unchanged") == true, "\(unchanged)")
        #expect((unchanged["counts"] as? [String: Int])?.isEmpty == true)
    }

    @Test func anyWriteInTheDirectoryMakesTheNextRunRead() throws {
        #expect(try sync().status == 0)
        #expect((try report(sync("--json"))["notes"] as? [String])?.isEmpty == false)
        // A write outside the user and group bases still changes the directory's contextCSN: the next run reads
        // (and finds nothing to change); a write to a user is applied.
        try slapd.modify("""
            dn: cn=roster,dc=example,dc=com
            changetype: modify
            replace: description
            description: touched

            """)
        // (It reads through content sync, syncprov running: its notes say so, and none says unchanged.)
        let read = try report(sync("--json"))
        #expect(read["changeMethod"] as? String == "rfc4533", "\(read)")
        #expect(!((read["notes"] as? [String]) ?? []).contains { $0.contains("unchanged") }, "\(read)")
        #expect((read["counts"] as? [String: Int])?.isEmpty == true)
        try slapd.modify("""
            dn: uid=ada,ou=people,dc=example,dc=com
            changetype: modify
            replace: cn
            cn: Ada King

            """)
        let changed = try report(sync("--json"))
        #expect(changed["changeMethod"] as? String == "rfc4533", "\(changed)")
        #expect(!((changed["notes"] as? [String]) ?? []).contains { $0.contains("unchanged") }, "\(changed)")
        #expect((changed["counts"] as? [String: Int])?["updated"] == 1, "\(changed)")
    }

    @Test func directoryAccountsLogInWithTheirDirectoryPassword() throws {
        #expect(try sync().status == 0)
        let server = try ServerProcess(runner: env.runner)
        defer { _ = try? server.stop() }
        let login = try server.request("POST", "/auth/login", body: ["userName": "ada", "password": "password123"])
        #expect(login.status == 200, "\(String(decoding: login.body ?? Data(), as: UTF8.self))")
        #expect((login.json["account"] as? [String: Any])?["authMethod"] as? String == "ldap")
        let token = try #require(login.json["token"] as? String)
        #expect(try server.request("GET", "/me", token: token).json["userName"] as? String == "ada")
        #expect(try server.request("POST", "/auth/login", body: ["userName": "ada", "password": "wrong"]).status == 401)
        // An empty password would be an anonymous bind, which succeeds: it is refused before any bind.
        #expect(try server.request("POST", "/auth/login", body: ["userName": "ada", "password": ""]).status == 401)
        #expect(try server.request("POST", "/auth/login", body: ["email": "grace@example.com", "password": "password123"]).status == 200)
    }

    @Test func aRulesChangeReachesUnchangedEntries() throws {
        #expect(try sync().status == 0)
        #expect(try account("grace")?["role"] as? String == "member")
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
            .replacingOccurrences(of: "<key>maxDeprovisionPercent</key>",
                                  with: "<key>allowSuperuser</key><true/><key>maxDeprovisionPercent</key>")
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        let result = try sync()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try account("grace")?["role"] as? String == "superuser")
        #expect(try env.run("explain", "grace").stdout.contains("superuser via rule #1 (roster-superusers)"))
    }

    @Test func aMembershipChangeInTheDirectoryChangesTheRole() throws {
        #expect(try sync().status == 0)
        try slapd.modify("""
            dn: cn=platform-team,ou=groups,dc=example,dc=com
            changetype: modify
            add: member
            member: uid=ada,ou=people,dc=example,dc=com
            """)
        #expect(try sync().status == 0)
        #expect(try account("ada")?["role"] as? String == "admin")
    }

    @Test func explainNamesTheRuleAndTheNestedGroupPath() throws {
        #expect(try sync().status == 0)
        let explained = try env.run("explain", "alan")
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("admin via rule #2 (roster-admins): alan → platform-team → roster-admins"),
                "\(explained.stdout)")
        let json = try env.json(env.run("explain", "edsger", "--json").stdout) as? [String: Any]
        #expect(json?["role"] as? String == "admin")
        let explanation = json?["explanation"] as? [String: Any]
        #expect(explanation?["path"] as? [String] == ["platform-team", "roster-admins"])
    }

    @Test func renamesAndEmailChangesKeepTheAccount() throws {
        #expect(try sync().status == 0)
        let before = try #require(try account("ada"))
        try slapd.modify("""
            dn: uid=ada,ou=people,dc=example,dc=com
            changetype: modrdn
            newrdn: uid=ada.lovelace
            deleteoldrdn: 1

            dn: uid=ada.lovelace,ou=people,dc=example,dc=com
            changetype: modify
            replace: mail
            mail: lovelace@example.com
            """)
        let result = try sync("--json")
        #expect(result.status == 0, "\(result.stderr)")
        let after = try #require(try account("ada.lovelace"))
        #expect(after["id"] as? String == before["id"] as? String)
        #expect((after["emails"] as? [[String: Any]])?.first?["value"] as? String == "lovelace@example.com")
        #expect(try accounts().count == 12)
    }

    @Test func deletingThreeUsersDeactivatesExactlyThoseThree() throws {
        #expect(try sync().status == 0)
        try slapd.modify(["donald", "frances", "leslie"].map {
            "dn: uid=\($0),ou=people,dc=example,dc=com\nchangetype: delete\n"
        }.joined(separator: "\n"))
        let result = try sync("--json")
        #expect(result.status == 0, "\(result.stderr)")
        let inactive = try accounts().filter { $0["active"] as? Bool == false }.compactMap { $0["userName"] as? String }
        #expect(inactive.sorted() == ["donald", "frances", "leslie"])
        #expect(try account("ada")?["active"] as? Bool == true)
    }

    @Test func aHeldRunIsAppliedWithAllowDeprovisionEvenWhenTheDirectoryIsUnchanged() throws {
        #expect(try sync().status == 0)
        // A threshold of 2 accounts holds the deactivation of 3.
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
            .replacingOccurrences(of: "<key>maxDeprovisionPercent</key>", with: "<key>maxDeprovisionCount</key><integer>2</integer><key>maxDeprovisionPercent</key>")
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        try slapd.modify(["donald", "frances", "leslie"].map {
            "dn: uid=\($0),ou=people,dc=example,dc=com\nchangetype: delete\n"
        }.joined(separator: "\n"))
        let held = try sync()
        #expect(held.status == 3, "\(held.stdout) \(held.stderr)")
        #expect(try accounts().allSatisfy { $0["active"] as? Bool == true })
        // Nothing changed in the directory since: a plain run is held again (it must not skip as unchanged) …
        #expect(try sync().status == 3)
        // … and the approved run applies exactly the held deactivations.
        let approved = try sync("--allow-deprovision")
        #expect(approved.status == 0, "\(approved.stdout) \(approved.stderr)")
        let inactive = try accounts().filter { $0["active"] as? Bool == false }.compactMap { $0["userName"] as? String }
        #expect(inactive.sorted() == ["donald", "frances", "leslie"])
    }

    @Test func theDeletePolicyDeletesAndCascades() throws {
        let env = try Self.environment(url: slapd.url, extra: "<key>deprovision</key><string>delete</string>")
        #expect(try env.runner.run(["sync"]).status == 0)
        try slapd.modify("dn: uid=ken,ou=people,dc=example,dc=com\nchangetype: delete\n")
        let result = try env.runner.run(["sync"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try env.runner.run(["users", "show", "ken"]).status == 2)
        #expect(result.stdout.contains("deleted 1"), "\(result.stdout)")
    }

    @Test func aWrongBaseDNFailsAndDeprovisionsNobody() throws {
        #expect(try sync().status == 0)
        let before = try env.storeState()
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
            .replacingOccurrences(of: "ou=people,dc=example,dc=com", with: "ou=nowhere,dc=example,dc=com")
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        let result = try sync()
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(try env.storeState() == before)
    }

    @Test func anEmptyBaseIsHeldAndDeprovisionsNobody() throws {
        #expect(try sync().status == 0)
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
            .replacingOccurrences(of: "<string>ou=people,dc=example,dc=com</string>", with: "<string>ou=groups,dc=example,dc=com</string>")
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        let result = try sync("--full")
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("HELD"))
        #expect(try accounts().allSatisfy { $0["active"] as? Bool == true })
        let history = try env.run("sync", "history")
        #expect(history.stdout.contains("held"))
    }

    @Test func aStoppedDirectoryChangesNothing() throws {
        #expect(try sync().status == 0)
        let before = try env.storeState()
        try slapd.stop()
        let result = try sync()
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was changed"))
        #expect(try env.storeState() == before)
    }

    @Test func aSecondRunWhileOneRunsExitsFourAtOnce() throws {
        // A server that accepts connections and never answers keeps the first run busy (until the test hangs up). The
        // test holds its socket (port 0, never released), and the first run's connection to it shows that the run
        // holds the sync lock (taken before it connects).
        let blackHole = try LoopbackListener()
        let hung = try Self.environment(url: "ldap://127.0.0.1:\(blackHole.port)")
        let first = try hung.runner.start(["sync"])
        defer { if first.isRunning { first.terminate() } }
        try #require(blackHole.accept(timeout: 60), "the first run never connected")
        let started = Date()
        let second = try hung.runner.run(["sync"])
        #expect(second.status == 4, "\(second.stderr)")
        #expect(Date().timeIntervalSince(started) < 3)
        blackHole.hangUp()  // the first run fails now instead of at its timeout
        #expect(try first.wait().status == 1)
    }

    @Test func aDryRunPrintsThePlanAndWritesNothing() throws {
        let result = try sync("--dry-run")
        #expect(result.status == 0)
        #expect(result.stdout.contains("create alan"))
        #expect(try accounts().isEmpty)
        #expect(try env.run("sync", "history").stdout.contains("dry run"))
    }
}

/// Sync problems that are configuration errors exit 2 before anything runs.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SyncConfigurationTests {
    @Test func aMissingBindSecretOrRolesFileIsAUsageError() throws {
        let env = try CLIEnvironment(extraKeys: """
            <key>ldap</key><array><dict>
              <key>name</key><string>corp</string><key>url</key><string>ldap://127.0.0.1:9</string>
              <key>bindDN</key><string>cn=roster,dc=example,dc=com</string>
              <key>bindPassword</key><string>env:NOT_SET_ANYWHERE</string>
              <key>userBaseDN</key><string>ou=people,dc=example,dc=com</string>
            </dict></array>
            """)
        let result = try env.run("sync")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("NOT_SET_ANYWHERE"))
        let unknown = try env.run("sync", "--source", "nope")
        #expect(unknown.status == 2)
    }
}

extension SyncCommandTests {
    @Test func aRenamedMemberWhoseGroupStillNamesTheOldDNLosesTheRole() throws {
        #expect(try sync().status == 0)
        #expect(try account("barbara")?["role"] as? String == "admin")
        // No referential-integrity overlay: roster-admins still lists the old DN, so barbara is no longer a member.
        try slapd.modify("""
            dn: uid=barbara,ou=people,dc=example,dc=com
            changetype: modrdn
            newrdn: uid=barbara.l
            deleteoldrdn: 1
            """)
        let result = try sync("--allow-deprovision")
        #expect(result.status == 0, "\(result.stderr)")
        // Every group still names the old DN, so no rule matches any more: the default role.
        #expect(try account("barbara.l")?["role"] as? String == "guest")
    }

    @Test func aQuietRunStillAppliesAttributeChanges() throws {
        #expect(try sync().status == 0)
        try slapd.modify("""
            dn: uid=radia,ou=people,dc=example,dc=com
            changetype: modify
            replace: cn
            cn: Radia J. Perlman
            """)
        let result = try sync("--json")
        #expect(result.status == 0)
        #expect(try account("radia")?["displayName"] as? String == "Radia J. Perlman")
        #expect(try account("radia")?["role"] as? String == "member")
        #expect((try report(result)["counts"] as? [String: Int])?["updated"] == 1)
    }
}
