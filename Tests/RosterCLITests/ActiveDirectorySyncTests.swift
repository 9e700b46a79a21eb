import Foundation
import RosterTesting
import Testing

/// `roster sync` end to end against a real (Samba) Active Directory domain controller with the `activedirectory`
/// mapping, over LDAPS with the DC's test CA. Runs where samba is installed and always in CI (`CI=true`, where a
/// missing package fails it). See docs/active-directory.md.
///
/// Every test gets its own DC (a copy of the harness's cached, seeded template; Samba's ports cannot move, so the
/// suite is serialized) and starts with a full sync.
@Suite(.enabled(if: SambaADHarness.shouldRun), .serialized, .timeLimit(.minutes(10)))
final class ActiveDirectorySyncTests {
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
              <key>bindDN</key><string>\(SambaADHarness.bindDN)</string>
              <key>bindPassword</key><string>env:TEST_BIND_PASSWORD</string>
              <key>userBaseDN</key><string>\(SambaADHarness.peopleDN)</string>
              <key>groupBaseDN</key><string>\(SambaADHarness.groupsDN)</string>
              <key>roles</key><string>\(SlapdHarness.repository.appendingPathComponent("Mappings/roles.plist").path)</string>
              <key>timeoutSeconds</key><integer>30</integer>
              <key>networkTimeoutSeconds</key><integer>5</integer>
              <key>maxDeprovisionPercent</key><integer>50</integer>
            </dict></array>
            """, environment: ["TEST_BIND_PASSWORD": SambaADHarness.bindPassword,
                               "ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
    }

    /// The seeded named users (ada … frances) plus the bulk members of `staff`.
    static let seededUsers = 7 + SambaADHarness.bulkMembers

    func sync(_ arguments: String...) throws -> [String: Any] {
        let result = try env.runner.run(["sync", "--json"] + arguments)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        return (try env.json(result.stdout) as? [[String: Any]])?.first ?? [:]
    }

    func counts(_ report: [String: Any]) -> [String: Int] {
        report["counts"] as? [String: Int] ?? [:]
    }

    func accounts() throws -> [[String: Any]] {
        try env.json(env.run("users", "list", "--json", "--include-inactive").stdout) as? [[String: Any]] ?? []
    }

    func account(_ userName: String) throws -> [String: Any]? {
        try accounts().first { $0["userName"] as? String == userName }
    }

    func emails(_ account: [String: Any]?) -> [String] {
        (account?["emails"] as? [[String: Any]])?.compactMap { $0["value"] as? String } ?? []
    }

    func dn(_ cn: String) -> String { "CN=\(cn),\(SambaADHarness.peopleDN)" }

    @Test func aFirstSyncImportsAccountsEmailsAndDisabledAccounts() throws {
        let report = try sync()
        #expect(report["mode"] as? String == "full")
        #expect(report["status"] as? String == "applied")
        #expect((report["incompleteReasons"] as? [String])?.isEmpty == true, "\(report)")
        #expect(counts(report)["created"] == Self.seededUsers)
        let all = try accounts()
        #expect(all.count == Self.seededUsers)
        #expect(all.allSatisfy { $0["source"] as? String == "ldap:ad" && $0["authMethod"] as? String == "ldap" })
        let ada = try account("ada")
        #expect(ada?["displayName"] as? String == "Ada Lovelace")
        #expect(ada?["givenName"] as? String == "Ada")
        #expect(ada?["familyName"] as? String == "Lovelace")
        #expect(ada?["externalId"] as? String == dn("Ada Lovelace"))
        #expect(emails(ada).first == "ada@example.com")
        // No mail and no userPrincipalName: an account without an address.
        #expect(emails(try account("ken")).isEmpty)
        #expect(try account("ken")?["active"] as? Bool == true)
        // The disabled user (userAccountControl 514) is imported inactive.
        #expect(try account("frances")?["active"] as? Bool == false)
        #expect(all.filter { $0["active"] as? Bool == false }.compactMap { $0["userName"] as? String } == ["frances"])
        // The anchor is objectGUID written as AD writes GUIDs (the first three fields little-endian).
        let ldif = try dc.search(base: SambaADHarness.peopleDN, filter: "(sAMAccountName=ken)", attributes: ["objectGUID"])
        let encoded = try #require(ldif.split(separator: "\n").first { $0.hasPrefix("objectGUID:: ") }?.dropFirst(13))
        let guid: [String] = try #require(Data(base64Encoded: String(encoded))).map { String(format: "%02x", $0) }
        let fields: [[String]] = [Array(guid[0..<4].reversed()), Array(guid[4..<6].reversed()),
                                  Array(guid[6..<8].reversed()), Array(guid[8..<10]), Array(guid[10..<16])]
        let expected = fields.map { $0.joined() }.joined(separator: "-")
        let changes = report["changes"] as? [[String: Any]] ?? []
        #expect(changes.first { $0["userName"] as? String == "ken" }?["anchor"] as? String == expected)
        // Built-in accounts outside the base (Administrator, krbtgt, the bind account) are not imported.
        #expect(try account("Administrator") == nil && account("krbtgt") == nil && account("roster-sync") == nil)
    }

    @Test func rolesComeThroughNestedGroups() throws {
        _ = try sync()
        #expect(try account("alan")?["role"] as? String == "admin")
        #expect(try account("edsger")?["role"] as? String == "admin")
        let explained = try env.run("explain", "alan")
        #expect(explained.stdout.contains("admin via rule #2 (roster-admins): alan → platform-team → roster-admins"),
                "\(explained.stdout)")
        let json = try env.json(env.run("explain", "edsger", "--json").stdout) as? [String: Any]
        #expect((json?["explanation"] as? [String: Any])?["path"] as? [String] == ["platform-team", "roster-admins"])
        #expect(try account("ken")?["role"] as? String == "guest")
    }

    @Test func theLargeGroupIsReadCompletely() throws {
        // staff holds 1,602 members (more than AD's MaxValRange of 1,500): every one of them gets its role.
        let members = SambaADHarness.bulkMembers + 2
        _ = try sync()
        let all = try accounts()
        let staff = all.filter { $0["role"] as? String == "member" }.compactMap { $0["userName"] as? String }
        #expect(staff.count == members, "\(staff.count) members")
        #expect(Set(staff).isSuperset(of: ["ada", "grace", "u0001", "u1500", "u1501", "u1600"]))
        #expect(try env.run("explain", "u1600").stdout.contains("member via rule #3 (staff): u1600 → staff"))
    }

    @Test func renameDisableReenableDeleteAndAddKeepTheAccountIdentity() throws {
        _ = try sync()
        let before = try #require(try account("ada"))
        let id = try #require(before["id"] as? String)

        // Rename: new CN (a modrdn), sAMAccountName and userPrincipalName.
        try dc.modify("""
            dn: \(dn("Ada Lovelace"))
            changetype: modrdn
            newrdn: CN=Ada King
            deleteoldrdn: 1

            dn: \(dn("Ada King"))
            changetype: modify
            replace: sAMAccountName
            sAMAccountName: ada.king
            -
            replace: mail
            mail: ada.king@example.com
            """)
        var report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["updated"] == 1, "\(report)")
        let renamed = try #require(try account("ada.king"))
        #expect(renamed["id"] as? String == id)
        #expect(renamed["externalId"] as? String == dn("Ada King"))
        #expect(emails(renamed).first == "ada.king@example.com")
        #expect(renamed["role"] as? String == "member")
        #expect(try account("ada") == nil)

        // Disable (ACCOUNTDISABLE), then enable again.
        try dc.modify("dn: \(dn("Ada King"))\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 514\n")
        report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["deactivated"] == 1, "\(report)")
        #expect(try account("ada.king")?["active"] as? Bool == false)
        #expect(try account("ada.king")?["id"] as? String == id)
        try dc.modify("dn: \(dn("Ada King"))\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 512\n")
        report = try sync()
        #expect(counts(report)["reactivated"] == 1, "\(report)")
        #expect(try account("ada.king")?["active"] as? Bool == true)
        #expect(try account("ada.king")?["id"] as? String == id)

        // Delete: the object goes to CN=Deleted Objects (out of scope); its account is deactivated, not replaced.
        let edsger = try #require(try account("edsger")?["id"] as? String)
        try dc.modify("dn: \(dn("Edsger Dijkstra"))\nchangetype: delete\n")
        report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["deactivated"] == 1, "\(report)")
        #expect(try account("edsger")?["active"] as? Bool == false)
        #expect(try account("edsger")?["id"] as? String == edsger)
        #expect(try account("alan")?["role"] as? String == "admin")

        // Add: a new user in a nested admin group.
        try dc.modify("""
            dn: \(dn("Barbara Liskov"))
            changetype: add
            objectClass: user
            sAMAccountName: barbara
            givenName: Barbara
            sn: Liskov
            displayName: Barbara Liskov
            mail: barbara@example.com
            userAccountControl: 544

            dn: CN=platform-team,\(SambaADHarness.groupsDN)
            changetype: modify
            add: member
            member: \(dn("Barbara Liskov"))
            """)
        report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["created"] == 1, "\(report)")
        let barbara = try #require(try account("barbara"))
        #expect(barbara["role"] as? String == "admin")
        #expect(barbara["active"] as? Bool == true)
        #expect(emails(barbara) == ["barbara@example.com"])
        #expect(try accounts().count == Self.seededUsers + 1)
        // Nothing left over: a full reconcile agrees with the incremental runs.
        #expect(counts(try sync("--full")).isEmpty)
    }

    /// A user locks their account out with wrong passwords (the domain's threshold is three): the account is inactive
    /// after the next incremental run, and active again once an administrator unlocks it (`lockoutTime: 0`). Before
    /// the preset read `msDS-User-Account-Control-Computed`, a locked-out account stayed active.
    @Test func aLockedOutAccountIsInactiveUntilUnlocked() throws {
        _ = try sync()
        let linus = try #require(try account("linus")?["id"] as? String)
        #expect(try account("linus")?["active"] as? Bool == true)
        try dc.failBinds(dn: dn("Linus Torvalds"), times: 3)
        let computed = try dc.search(base: dn("Linus Torvalds"), scope: "base", filter: "(objectClass=user)",
                                     attributes: ["msDS-User-Account-Control-Computed"])
        #expect(computed.contains("msDS-User-Account-Control-Computed: 16"), "\(computed)")
        var report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["deactivated"] == 1, "\(report)")
        #expect(try account("linus")?["active"] as? Bool == false)
        #expect(try account("linus")?["id"] as? String == linus)
        try dc.modify("dn: \(dn("Linus Torvalds"))\nchangetype: modify\nreplace: lockoutTime\nlockoutTime: 0\n")
        report = try sync()
        #expect(counts(report)["reactivated"] == 1, "\(report)")
        #expect(try account("linus")?["active"] as? Bool == true)
        #expect(try account("linus")?["id"] as? String == linus)
    }

    @Test func movesWithinAndOutOfScopeKeepOrDeactivateTheAccount() throws {
        _ = try sync()
        let ada = try #require(try account("ada")?["id"] as? String)
        let grace = try #require(try account("grace")?["id"] as? String)
        // Into a sub-OU of the user base (still in scope), and out of the base altogether (CN=Users).
        try dc.modify("""
            dn: OU=Moved,\(SambaADHarness.peopleDN)
            changetype: add
            objectClass: organizationalUnit

            dn: \(dn("Ada Lovelace"))
            changetype: modrdn
            newrdn: CN=Ada Lovelace
            deleteoldrdn: 1
            newsuperior: OU=Moved,\(SambaADHarness.peopleDN)
            """)
        var report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["updated"] == 1, "\(report)")
        #expect(try account("ada")?["id"] as? String == ada)
        #expect(try account("ada")?["externalId"] as? String == "CN=Ada Lovelace,OU=Moved,\(SambaADHarness.peopleDN)")
        #expect(try account("ada")?["role"] as? String == "member")
        try dc.modify("""
            dn: \(dn("Grace Hopper"))
            changetype: modrdn
            newrdn: CN=Grace Hopper
            deleteoldrdn: 1
            newsuperior: CN=Users,\(SambaADHarness.baseDN)
            """)
        report = try sync()
        #expect(counts(report)["deactivated"] == 1, "\(report)")
        #expect(try account("grace")?["active"] as? Bool == false)
        #expect(try account("grace")?["id"] as? String == grace)
    }

    @Test func deprovisioningPastTheThresholdIsHeldUntilApproved() throws {
        _ = try sync()
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
            .replacingOccurrences(of: "<key>maxDeprovisionPercent</key>",
                                  with: "<key>maxDeprovisionCount</key><integer>2</integer><key>maxDeprovisionPercent</key>")
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        try dc.modify(["u0001", "u0002", "u0003"].map { "dn: \(dn($0))\nchangetype: delete\n" }.joined(separator: "\n"))
        let held = try env.runner.run(["sync", "--json"])
        #expect(held.status == 3, "\(held.stdout) \(held.stderr)")
        #expect(try accounts().filter { $0["active"] as? Bool == false }.count == 1)  // frances only
        let approved = try env.runner.run(["sync", "--json", "--allow-deprovision"])
        #expect(approved.status == 0, "\(approved.stdout) \(approved.stderr)")
        let inactive = try accounts().filter { $0["active"] as? Bool == false }.compactMap { $0["userName"] as? String }
        #expect(inactive.sorted() == ["frances", "u0001", "u0002", "u0003"])
    }

    @Test func aChangedUserAloneIsAQuietIncrementalRun() throws {
        _ = try sync()
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8)
            .replacingOccurrences(of: "<key>storePath</key>",
                                  with: "<key>logging</key><dict><key>level</key><string>debug</string></dict><key>storePath</key>")
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        try dc.modify("dn: \(dn("Ken Thompson"))\nchangetype: modify\nreplace: displayName\ndisplayName: Ken T\n")
        // uSNChanged finds the one changed user; no group changed since the watermark and the scope counts are those of
        // the last run, so the groups are not read again (the "quiet" phase) and the stored roles are kept.
        let result = try env.runner.run(["sync", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try env.json(result.stdout) as? [[String: Any]])?.first ?? [:]
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report) == ["updated": 1], "\(report)")
        #expect(result.stderr.contains("sync.entries=1 sync.phase=users"), "\(result.stderr)")
        #expect(result.stderr.contains("sync.phase=quiet"), "\(result.stderr)")
        #expect(!result.stderr.contains("sync.phase=groups"))
        #expect(try account("ken")?["displayName"] as? String == "Ken T")
        #expect(try account("alan")?["role"] as? String == "admin")
    }

    @Test func aMembershipChangeReachesTheRoleIncrementally() throws {
        _ = try sync()
        let alan = try #require(try account("alan")?["id"] as? String)
        // member is a linked attribute: removing alan from platform-team changes the group's uSNChanged, not alan's.
        try dc.modify("""
            dn: CN=platform-team,\(SambaADHarness.groupsDN)
            changetype: modify
            delete: member
            member: \(dn("Alan Turing"))
            """)
        var report = try sync()
        #expect(report["mode"] as? String == "incremental")
        #expect(counts(report)["roleChanged"] == 1, "\(report)")
        #expect(try account("alan")?["role"] as? String == "guest")
        #expect(try account("alan")?["id"] as? String == alan)
        // And into the large group: u0001 … are members; ken joins staff.
        try dc.modify("""
            dn: CN=staff,\(SambaADHarness.groupsDN)
            changetype: modify
            add: member
            member: \(dn("Ken Thompson"))
            """)
        report = try sync()
        #expect(counts(report)["roleChanged"] == 1, "\(report)")
        #expect(try account("ken")?["role"] as? String == "member")
    }

    @Test func directoryAccountsLogInWithTheirDomainPassword() throws {
        _ = try sync()
        let server = try ServerProcess(runner: env.runner)
        defer { _ = try? server.stop() }
        let login = try server.request("POST", "/auth/login", body: ["userName": "alan", "password": SambaADHarness.userPassword])
        #expect(login.status == 200, "\(String(decoding: login.body ?? Data(), as: UTF8.self))")
        #expect((login.json["account"] as? [String: Any])?["authMethod"] as? String == "ldap")
        #expect(try server.request("POST", "/auth/login", body: ["userName": "alan", "password": "wrong"]).status == 401)
        #expect(try server.request("POST", "/auth/login", body: ["email": "grace@example.com",
                                                                 "password": SambaADHarness.userPassword]).status == 200)
        // The disabled account is inactive in Roster (and the DC refuses its bind too).
        #expect(try server.request("POST", "/auth/login", body: ["userName": "frances",
                                                                 "password": SambaADHarness.userPassword]).status == 401)
    }

    @Test func anUnchangedDirectoryIsRecognisedByItsHighestCommittedUSN() throws {
        _ = try sync()
        let unchanged = try sync()
        #expect(unchanged["mode"] as? String == "incremental")
        let notes = unchanged["notes"] as? [String] ?? []
        #expect(notes.first?.contains("unchanged") == true, "\(unchanged)")
        #expect(notes.first?.contains("ad:CN=NTDS Settings,CN=ROSTERDC") == true, "\(notes)")
        #expect(counts(unchanged).isEmpty)
        // A write anywhere in the domain (here: the bind account, outside the bases) moves highestCommittedUSN: the
        // next run reads (and finds nothing to change).
        try dc.modify("""
            dn: \(SambaADHarness.bindDN)
            changetype: modify
            replace: description
            description: touched
            """)
        let read = try sync()
        // The only notes: DirSync is refused to this ordinary bind account (ActiveDirectoryDirSyncTests), so the run
        // scanned.
        #expect(read["changeMethod"] as? String == "scan", "\(read)")
        #expect((read["notes"] as? [String] ?? []).allSatisfy { $0.hasPrefix("DirSync") }, "\(read)")
        #expect(counts(read).isEmpty, "\(read)")
        #expect((try sync()["notes"] as? [String])?.first?.contains("unchanged") == true)
    }
}
