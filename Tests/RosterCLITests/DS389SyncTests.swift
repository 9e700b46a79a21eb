import Foundation
import RosterTesting
import Testing

/// `roster sync` end to end against a real 389 Directory Server (issue 10), with the `freeipa` mapping on a stock
/// server: `nsUniqueId` anchors, `nsAccountLock`, groupOfNames nesting, `lastusn` with the USN plug-in.
///
/// Runs where 389-ds-base is installed and always in CI (`CI=true`, where a missing package fails it); see
/// docs/389-directory-server.md.
@Suite(.enabled(if: DS389Harness.shouldRun), .serialized, .timeLimit(.minutes(10)))
final class DS389SyncTests {
    static let people = "ou=people,dc=example,dc=com"

    func environment(_ server: DS389Harness, extra: String = "") throws -> CLIEnvironment {
        try CLIEnvironment(extraKeys: """
            <key>ldap</key><array><dict>
              <key>name</key><string>ds</string>
              <key>url</key><string>\(server.url)</string>
              <key>mapping</key><string>freeipa</string>
              <key>bindDN</key><string>\(DS389Harness.readerDN)</string>
              <key>bindPassword</key><string>env:TEST_BIND_PASSWORD</string>
              <key>userBaseDN</key><string>ou=people,dc=example,dc=com</string>
              <key>groupBaseDN</key><string>ou=groups,dc=example,dc=com</string>
              <key>roles</key><string>\(SlapdHarness.repository.appendingPathComponent("Mappings/roles.plist").path)</string>
              <key>timeoutSeconds</key><integer>30</integer>
              <key>networkTimeoutSeconds</key><integer>5</integer>
              <key>maxDeprovisionPercent</key><integer>50</integer>
              \(extra)
            </dict></array>
            """, environment: ["TEST_BIND_PASSWORD": DS389Harness.readerPassword,
                               "ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
    }

    func sync(_ env: CLIEnvironment, _ arguments: String...) throws -> [String: Any] {
        let result = try env.runner.run(["sync", "--json"] + arguments)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        return (try env.json(result.stdout) as? [[String: Any]])?.first ?? [:]
    }

    func accounts(_ env: CLIEnvironment) throws -> [[String: Any]] {
        try env.json(env.run("users", "list", "--json", "--include-inactive").stdout) as? [[String: Any]] ?? []
    }

    func account(_ env: CLIEnvironment, _ userName: String) throws -> [String: Any]? {
        try accounts(env).first { $0["userName"] as? String == userName }
    }

    func counts(_ report: [String: Any]) -> [String: Int] { report["counts"] as? [String: Int] ?? [:] }

    func email(_ account: [String: Any]?) -> String? {
        (account?["emails"] as? [[String: Any]])?.first?["value"] as? String
    }

    @Test func aFirstSyncImportsUsersRolesAndTheLockedAccount() throws {
        let server = try DS389Harness()
        try server.add(file: server.largeGroupLDIF(count: 1600))
        let env = try environment(server)
        let first = try sync(env)
        #expect(counts(first)["created"] == 8 + 1600, "\(counts(first))")
        #expect((first["incompleteReasons"] as? [String] ?? []).isEmpty, "\(first)")
        // Anchored by the server's nsUniqueId (a stock 389-DS has no ipaUniqueID).
        let ada = try #require(try account(env, "ada"))
        let nsUniqueId = try server.value("nsUniqueId", of: "uid=ada,\(Self.people)")
        #expect(nsUniqueId != nil)
        let changes = first["changes"] as? [[String: Any]] ?? []
        let created = changes.first { $0["userName"] as? String == "ada" }
        #expect(nsUniqueId != nil && created?["anchor"] as? String == nsUniqueId, "\(created ?? [:])")
        #expect(ada["source"] as? String == "ldap:ds")
        #expect(ada["displayName"] as? String == "Ada Lovelace")
        #expect(email(ada) == "ada@example.com")
        // Roles through nested groups: alan and edsger are admins through platform-team inside roster-admins.
        #expect(try account(env, "alan")?["role"] as? String == "admin")
        #expect(try account(env, "barbara")?["role"] as? String == "admin")
        #expect(try account(env, "radia")?["role"] as? String == "member")
        let explained = try env.run("explain", "edsger").stdout
        #expect(explained.contains("admin via rule #2 (roster-admins): edsger → platform-team → roster-admins"), "\(explained)")
        // Superuser is not allowed for this source: grace keeps staff's member role.
        #expect(try account(env, "grace")?["role"] as? String == "member")
        // The account without mail, and the locked one.
        let ken = try #require(try account(env, "ken"))
        #expect(email(ken) == nil)
        #expect(ken["active"] as? Bool == true)
        #expect(try account(env, "mallory")?["active"] as? Bool == false)
        // The large group arrived whole: 5 groups, and the mirror holds every direct membership: platform-team 2,
        // roster-admins 1 user and 1 group, roster-superusers 1, staff 8, everyone 1,600.
        #expect(counts(first)["groupsCreated"] == 5)
        #expect(counts(first)["membershipsAdded"] == 13 + 1600, "\(counts(first))")
        #expect(try account(env, "bulk1600")?["active"] as? Bool == true)
        let full = try sync(env, "--full")
        #expect(counts(full).isEmpty, "\(counts(full))")
    }

    @Test func renameMoveLockUnlockDeleteAndAddKeepTheAccountIds() throws {
        let server = try DS389Harness()
        let env = try environment(server)
        #expect(counts(try sync(env))["created"] == 8)
        let ids = Dictionary(uniqueKeysWithValues: try accounts(env).compactMap { account -> (String, String)? in
            guard let name = account["userName"] as? String, let id = account["id"] as? String else { return nil }
            return (name, id)
        })

        // Rename (modrdn) and a new mail address: the same account.
        try server.modify("""
            dn: uid=ada,\(Self.people)
            changetype: modrdn
            newrdn: uid=ada.lovelace
            deleteoldrdn: 1

            dn: uid=ada.lovelace,\(Self.people)
            changetype: modify
            replace: mail
            mail: lovelace@example.com
            """)
        let renamed = try sync(env)
        #expect(renamed["mode"] as? String == "incremental", "\(renamed)")
        let ada = try #require(try account(env, "ada.lovelace"))
        #expect(ada["id"] as? String == ids["ada"])
        #expect(email(ada) == "lovelace@example.com")
        #expect(try account(env, "ada") == nil)

        // Move to another OU inside the user base: the same account, its DN follows.
        try server.modify("""
            dn: uid=radia,\(Self.people)
            changetype: modrdn
            newrdn: uid=radia
            deleteoldrdn: 1
            newsuperior: ou=engineering,\(Self.people)
            """)
        _ = try sync(env)
        let radia = try #require(try account(env, "radia"))
        #expect(radia["id"] as? String == ids["radia"])
        #expect(radia["active"] as? Bool == true)
        #expect("\(radia)".contains("ou=engineering"), "\(radia)")

        // Lock, then unlock.
        try server.modify("dn: uid=barbara,\(Self.people)\nchangetype: modify\nadd: nsAccountLock\nnsAccountLock: TRUE\n")
        _ = try sync(env)
        #expect(try account(env, "barbara")?["active"] as? Bool == false)
        #expect(try account(env, "barbara")?["id"] as? String == ids["barbara"])
        try server.modify("dn: uid=barbara,\(Self.people)\nchangetype: modify\ndelete: nsAccountLock\n")
        _ = try sync(env)
        #expect(try account(env, "barbara")?["active"] as? Bool == true)
        #expect(try account(env, "barbara")?["id"] as? String == ids["barbara"])
        // mallory, locked from the start, is unlocked with nsAccountLock: FALSE.
        try server.modify("dn: uid=mallory,\(Self.people)\nchangetype: modify\nreplace: nsAccountLock\nnsAccountLock: FALSE\n")
        _ = try sync(env)
        #expect(try account(env, "mallory")?["active"] as? Bool == true)
        #expect(try account(env, "mallory")?["id"] as? String == ids["mallory"])

        // Delete: deactivated (the default policy), the same account.
        try server.modify("dn: uid=ken,\(Self.people)\nchangetype: delete\n")
        let deleted = try sync(env)
        #expect(counts(deleted)["deactivated"] == 1, "\(counts(deleted))")
        #expect(try account(env, "ken")?["active"] as? Bool == false)
        #expect(try account(env, "ken")?["id"] as? String == ids["ken"])

        // Add: a new account, in a nested admin group at once.
        try server.modify("""
            dn: uid=linus,\(Self.people)
            changetype: add
            objectClass: inetOrgPerson
            uid: linus
            cn: Linus Torvalds
            sn: Torvalds
            displayName: Linus Torvalds
            mail: linus@example.com

            dn: cn=platform-team,ou=groups,dc=example,dc=com
            changetype: modify
            add: member
            member: uid=linus,\(Self.people)
            """)
        let added = try sync(env)
        #expect(counts(added)["created"] == 1, "\(counts(added))")
        #expect(try account(env, "linus")?["role"] as? String == "admin")

        // A full reconcile agrees with the incremental runs.
        let full = try sync(env, "--full")
        #expect(counts(full).isEmpty, "\(counts(full))")
        #expect(try accounts(env).count == 9)
    }

    @Test func withTheUSNPlugInAnUnchangedDirectoryIsNotRead() throws {
        let server = try DS389Harness(usn: true)
        #expect(try server.value("lastusn;userroot", of: "") != nil)
        let env = try environment(server)
        #expect(counts(try sync(env))["created"] == 8)
        let unchanged = try sync(env)
        #expect((unchanged["notes"] as? [String])?.first?.contains("unchanged") == true, "\(unchanged)")
        #expect(counts(unchanged).isEmpty)
        // Any write, even outside the bases, changes lastusn: the next run reads, and finds nothing to change.
        try server.modify("dn: cn=roster,dc=example,dc=com\nchangetype: modify\nreplace: description\ndescription: touched\n")
        let read = try sync(env)
        #expect(read["notes"] == nil, "\(read)")
        #expect(counts(read).isEmpty, "\(counts(read))")
        // A delete changes it too (the USN plug-in keeps a tombstone's USN).
        try server.modify("dn: uid=ken,\(Self.people)\nchangetype: delete\n")
        let deleted = try sync(env)
        #expect(deleted["notes"] == nil, "\(deleted)")
        #expect(counts(deleted)["deactivated"] == 1, "\(counts(deleted))")
        #expect((try sync(env)["notes"] as? [String])?.first?.contains("unchanged") == true)
    }

    @Test func withoutTheUSNPlugInEveryRunReadsAndNothingWrongHappens() throws {
        let server = try DS389Harness(usn: false)
        #expect(try server.value("lastusn;userroot", of: "") == nil)
        let env = try environment(server)
        #expect(counts(try sync(env))["created"] == 8)
        let before = try env.storeState()
        for _ in 0..<2 {
            let again = try sync(env)
            #expect(again["notes"] == nil, "\(again)")
            #expect(counts(again).isEmpty, "\(counts(again))")
        }
        #expect(try env.storeState() == before)
        try server.modify("dn: uid=grace,\(Self.people)\nchangetype: modify\nreplace: displayName\ndisplayName: Grace B. Hopper\n")
        let changed = try sync(env)
        #expect(counts(changed)["updated"] == 1, "\(counts(changed))")
        #expect(try account(env, "grace")?["displayName"] as? String == "Grace B. Hopper")
    }

    @Test func theBindAccountsLookThroughLimitHoldsTheRunAndDeprovisionsNobody() throws {
        // A stock 389-DS lets a non-root account examine 5,000 candidate entries per search (nsslapd-lookthroughlimit);
        // (objectClass=inetOrgPerson) over more users than that (seen with 6,000) ends in "administrative limit
        // exceeded". The same limit set to 5 on Roster's account shows it with the 8 people of the fixture.
        let server = try DS389Harness()
        let env = try environment(server)
        #expect(counts(try sync(env))["created"] == 8)
        try server.modify("""
            dn: \(DS389Harness.readerDN)
            changetype: modify
            add: objectClass
            objectClass: extensibleObject
            -
            add: nsLookThroughLimit
            nsLookThroughLimit: 5

            dn: uid=ken,\(Self.people)
            changetype: delete
            """)
        let held = try env.runner.run(["sync", "--json"])
        #expect(held.status == 3, "\(held.stdout) \(held.stderr)")
        let report = (try env.json(held.stdout) as? [[String: Any]])?.first ?? [:]
        #expect((report["incompleteReasons"] as? [String])?.joined().contains("administrative limit") == true, "\(report)")
        #expect(try accounts(env).allSatisfy { $0["userName"] as? String == "mallory" || $0["active"] as? Bool == true })
        // The remedy on the server: no lookthrough limit for Roster's account; the next run completes.
        try server.modify("""
            dn: \(DS389Harness.readerDN)
            changetype: modify
            replace: nsLookThroughLimit
            nsLookThroughLimit: -1
            """)
        let done = try sync(env)
        #expect(counts(done)["deactivated"] == 1, "\(counts(done))")
        #expect(try account(env, "ken")?["active"] as? Bool == false)
    }

    @Test func deletionsPastTheThresholdAreHeldUntilApproved() throws {
        let server = try DS389Harness(usn: true)
        let env = try environment(server, extra: "<key>maxDeprovisionCount</key><integer>1</integer>")
        #expect(counts(try sync(env))["created"] == 8)
        try server.modify(["ada", "radia"].map { "dn: uid=\($0),\(Self.people)\nchangetype: delete\n" }.joined(separator: "\n"))
        let held = try env.runner.run(["sync"])
        #expect(held.status == 3, "\(held.stdout) \(held.stderr)")
        #expect(try accounts(env).filter { $0["active"] as? Bool == false }.compactMap { $0["userName"] as? String } == ["mallory"])
        // The directory is unchanged since (same lastusn), yet the held run is planned again, not skipped.
        #expect(try env.runner.run(["sync"]).status == 3)
        let approved = try sync(env, "--allow-deprovision")
        #expect(counts(approved)["deactivated"] == 2, "\(counts(approved))")
        let inactive = try accounts(env).filter { $0["active"] as? Bool == false }.compactMap { $0["userName"] as? String }
        #expect(inactive.sorted() == ["ada", "mallory", "radia"])
    }

    @Test func directoryAccountsLogInAndALockedOneIsRefusedNotAnError() throws {
        let server = try DS389Harness()
        let env = try environment(server)
        #expect(counts(try sync(env))["created"] == 8)
        let roster = try ServerProcess(runner: env.runner)
        defer { _ = try? roster.stop() }
        let login = try roster.request("POST", "/auth/login", body: ["userName": "ada", "password": "password123"])
        #expect(login.status == 200, "\(String(decoding: login.body ?? Data(), as: UTF8.self))")
        #expect((login.json["account"] as? [String: Any])?["authMethod"] as? String == "ldap")
        #expect(try roster.request("POST", "/auth/login", body: ["userName": "ada", "password": "wrong"]).status == 401)
        // Locked in the directory after the last sync: 389-DS answers the bind with unwillingToPerform (53,
        // "Account inactivated"), which is a refused login, not a directory failure.
        try server.modify("dn: uid=ada,\(Self.people)\nchangetype: modify\nadd: nsAccountLock\nnsAccountLock: TRUE\n")
        let locked = try roster.request("POST", "/auth/login", body: ["userName": "ada", "password": "password123"])
        #expect(locked.status == 401, "\(locked.status) \(String(decoding: locked.body ?? Data(), as: UTF8.self))")
    }

    @Test func withTheMemberOfPlugInRolesAndGroupsStayThoseOfTheDirectory() throws {
        // memberOf lists every group a user is in, nested ones included: roles and the explanation must still
        // follow the direct memberships.
        let server = try DS389Harness(memberOf: true)
        let memberOf = try server.search(base: "uid=alan,\(Self.people)", scope: "base", attributes: ["memberOf"])
        #expect(memberOf.lowercased().contains("cn=roster-admins"), "\(memberOf)")
        let env = try environment(server)
        #expect(counts(try sync(env))["created"] == 8)
        #expect(try account(env, "alan")?["role"] as? String == "admin")
        let explained = try env.run("explain", "alan").stdout
        #expect(explained.contains("admin via rule #2 (roster-admins): alan → platform-team → roster-admins"), "\(explained)")
        // Taking alan out of platform-team (memberOf follows) ends the admin role.
        try server.modify("""
            dn: cn=platform-team,ou=groups,dc=example,dc=com
            changetype: modify
            delete: member
            member: uid=alan,\(Self.people)
            """)
        let result = try env.runner.run(["sync", "--json", "--allow-deprovision"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(try account(env, "alan")?["role"] as? String == "member")
    }
}
