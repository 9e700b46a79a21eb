import Foundation
import GRDB
import HTTPTypes
import Logging
import RosterCore
import RosterRuntime
import RosterSCIM
import RosterStore
import RosterTesting
import Testing

/// Issue 9: every entry point that writes account state tries the three things the write path exists to stop —
/// removing the last active superuser, granting superuser without being one, taking over an account by adoption —
/// and each is refused with the store unchanged. The CLI's half is `RosterCLITests/EveryEntryPointCLITests`; SCIM's
/// PUT/PATCH/DELETE/group/Bulk writes against the last superuser are `SCIMTrustTests.theLastSuperuserSurvivesEverySCIMWrite`.
@Suite(.timeLimit(.minutes(3))) struct EveryEntryPointTests {
    /// Every account's state and what hangs off it (see ``SCIMTrustTests/accountState(_:)``), for any store.
    static func accountState(_ store: SQLiteAccountStore) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT a.id || ' ' || a.user_name || ' ' || a.role || ' ' || a.active || ' ' || a.source || ' '
                    || coalesce(a.password_hash, '-') || ' ' || a.version
                    || ' ' || coalesce((SELECT group_concat(e.value || ':' || e.verified) FROM account_email e WHERE e.account_id = a.id), '')
                FROM account a ORDER BY a.id
                """) + ["session", "api_token", "email_verification", "audit_event"].map {
                "\($0) \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0)"
            }
        }
    }

    // MARK: the admin API and self-service

    @Test func adminAPI() async throws {
        let harness = try AccessHarness()
        try harness.account("root", role: .superuser)
        try harness.account("alice", role: .admin)
        try harness.account("mel", role: .member)
        try await harness.run { client in
            let root = try await harness.signIn(client, "root")
            let alice = try await harness.signIn(client, "alice")
            let mel = try await harness.signIn(client, "mel")
            let before = try Self.accountState(harness.store)
            let attempts: [(String, HTTPRequest.Method, String, JSONValue?, String, Int)] = [
                // the last superuser
                ("root demotes itself", .post, "/api/admin/users/root/role", ["role": "admin"], root, 403),
                ("root deactivates itself", .post, "/api/admin/users/root/deactivate", nil, root, 403),
                ("root deletes itself", .delete, "/api/admin/users/root", nil, root, 403),
                ("an admin deactivates root", .post, "/api/admin/users/root/deactivate", nil, alice, 403),
                ("an admin deletes root", .delete, "/api/admin/users/root", nil, alice, 403),
                // superuser without being one
                ("an admin grants superuser", .post, "/api/admin/users/mel/role", ["role": "superuser"], alice, 403),
                ("an admin makes itself superuser", .post, "/api/admin/users/alice/role", ["role": "superuser"], alice, 403),
                ("an admin creates a superuser", .post, "/api/admin/users", ["email": "new@corp.example", "role": "superuser"], alice, 403),
                ("a member grants itself admin", .post, "/api/admin/users/mel/role", ["role": "admin"], mel, 403),
                // taking over an account
                ("a member takes root's address", .patch, "/me", ["email": "root@corp.example"], mel, 409),
                ("an admin gives mel root's address", .patch, "/api/admin/users/mel", ["email": "root@corp.example"], alice, 409),
                ("an admin takes root's userName", .patch, "/api/admin/users/mel", ["userName": "root"], alice, 409),
            ]
            for (what, method, path, body, token, status) in attempts {
                let reply = try await client.send(method, path, body, token: token)
                #expect(reply.status == status, "\(what): \(reply.body?[key: "error"]?.stringValue ?? "")")
                #expect(try Self.accountState(harness.store) == before, "\(what)")
            }
        }
    }

    // MARK: SCIM POST (adoption) and group changes (grants)

    @Test func scimPostAndGroups() async throws {
        let harness = try await SCIMTrustTests.harness(adopt: true)
        _ = try harness.test.accounts.create(NewAccount(email: "root@corp.example", userName: "root", role: .superuser,
                                                        authMethod: .password, password: "root's own password"),
                                             by: .cliOperator)
        _ = try harness.test.accounts.create(NewAccount(email: "alice@corp.example", userName: "alice", role: .admin),
                                             by: .cliOperator)
        let hr = try await harness.registry.add(name: "hr").token
        try await harness.run { scim in
            let before = try Self.accountState(harness.store)
            for (userName, email) in [("root", "root@corp.example"), ("root.hr", "root@corp.example"), ("alice", "other@corp.example")] {
                let pushed = try await scim.send(.post, "Users", SCIMHarness.user(userName, email: email), token: hr)
                #expect(pushed.status == 409, "\(userName) <\(email)>")
                #expect(try Self.accountState(harness.store) == before)
            }
            let bulk = try await scim.send(.post, "Bulk", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                "Operations": [["method": "POST", "path": "/Users", "bulkId": "r", "data": SCIMHarness.user("root.bulk", email: "root@corp.example")]],
            ], token: hr)
            #expect(bulk.body?[key: "Operations"]?.arrayValue?.first?[key: "status"]?.stringValue == "409")
            #expect(try Self.accountState(harness.store) == before)
            // `hr` may not give superuser: its roster-superusers group changes no role.
            let mint = try await scim.send(.post, "Users", SCIMHarness.user("mint", email: "mint@corp.example"), token: hr)
            let granting = try await scim.send(.post, "Groups", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "roster-superusers",
                "members": [["value": .string(mint.id)]],
            ], token: hr)
            #expect(granting.status == 201)
            #expect(try harness.account("mint")?.role == .member)
            let superusers = try harness.store.read { try $0.activeSuperuserCount() }
            #expect(superusers == 1)
        }
    }

    // MARK: the LDAP sync (updates and adoption)

    @Test func ldapSync() async throws {
        let test = try TestRoster()
        let runner = SyncRunner(store: test.roster.store, accounts: test.accounts,
                                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let directory = FakeDirectorySource()
        let trusted = SyncPolicy(allowDeprovision: true, maxRole: .superuser)
        func entry(_ name: String, role: Role = .member, enabled: Bool = true) -> DesiredAccount {
            DesiredAccount(anchor: "uuid-\(name)", userName: name, emails: ["\(name)@corp.example"], enabled: enabled, role: role)
        }
        // The directory owns the only superuser; a local admin holds boss@corp.example.
        directory.serve(DirectorySnapshot(accounts: [entry("root", role: .superuser), entry("bob")]))
        _ = try await runner.run(directory, options: .init(policy: trusted))
        _ = try test.accounts.create(NewAccount(email: "boss@corp.example", userName: "boss", role: .admin), by: .cliOperator)
        let before = try Self.accountState(test.roster.store)
        let attempts: [(String, [DesiredAccount], SyncPolicy)] = [
            ("root left the directory", [entry("bob")], trusted),
            ("root disabled", [entry("root", role: .superuser, enabled: false), entry("bob")], trusted),
            ("root demoted", [entry("root", role: .member), entry("bob")], trusted),
            ("superuser without allowSuperuser", [entry("root", role: .superuser), entry("bob", role: .superuser)],
             SyncPolicy(maxRole: .admin)),
            ("adopting a local admin", [entry("root", role: .superuser), entry("bob"), entry("boss")],
             SyncPolicy(adoptAccounts: true, maxRole: .superuser)),
        ]
        for (what, accounts, policy) in attempts {
            directory.serve(DirectorySnapshot(accounts: accounts))
            let report = try await runner.run(directory, options: .init(full: true, policy: policy))
            #expect(!report.refusals.isEmpty || !report.conflicts.isEmpty, "\(what)")
            #expect(try Self.accountState(test.roster.store) == before, "\(what)")
        }
    }

    // MARK: signup and its verification

    @Test func signupVerification() async throws {
        let harness = try AccessHarness()
        try harness.account("root", role: .superuser)
        try await harness.run { client in
            let root = try #require(try Self.accountState(harness.store).first { $0.contains(" root ") })
            // Signing up with the superuser's address or userName never reaches the superuser's account, and no
            // other account gets its userName or address (eve may get an account of her own, unverified).
            for body: JSONValue in [
                ["email": "root@corp.example", "password": "a long enough password"],
                ["email": "eve@corp.example", "password": "a long enough password", "userName": "root"],
                ["email": "eve@corp.example", "password": "a long enough password", "userName": "root@corp.example"],
            ] {
                _ = try await client.send(.post, "/signup", body)
                let accounts = try harness.store.read { try $0.listAccounts(includeInactive: true, limit: nil, offset: 0) }
                    .map(\.account)
                #expect(try Self.accountState(harness.store).contains(root), "\(body)")
                #expect(accounts.filter { $0.userName.lowercased().hasPrefix("root") }.count == 1, "\(body)")
                #expect(accounts.filter { $0.emails.contains { $0.value == "root@corp.example" } }.count == 1, "\(body)")
                #expect(accounts.allSatisfy { $0.role != .superuser || $0.userName == "root" })
            }
        }
        // A pending signup adopted by a source loses its link: following it changes nothing.
        let adoptable = try AccessHarness()
        try await adoptable.run { client in
            _ = try await client.send(.post, "/signup", ["email": "kim@corp.example", "password": "a long enough password"])
            let link = try #require(adoptable.link(to: "kim@corp.example"))
            let token = try #require(AccessHarness.token(of: link))
            // The IdP pushes kim (the unverified signup is replaced).
            let service = SCIMServiceFactory.service(roster: adoptable.test.roster, settings: SCIMServiceSettings())
            let client2 = SCIMClient(id: UUID(), name: "idp", createdAt: Date())
            _ = try await service.createUser(SCIMHarness.user("kim", email: "kim@corp.example"), client: client2,
                                             projection: SCIMProjection(kind: .user))
            let before = try Self.accountState(adoptable.store)
            let verify = try await client.send(.post, "/signup/verify", ["token": .string(token)])
            #expect(verify.status == 404)
            #expect(try Self.accountState(adoptable.store) == before)
        }
    }
}
