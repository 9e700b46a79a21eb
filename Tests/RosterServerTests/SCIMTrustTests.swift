import Foundation
import GRDB
import RosterCore
import RosterRuntime
import RosterSCIM
import RosterServer
import RosterStore
import RosterTesting
import Testing

/// Issue 9, findings 2 and 7 over SCIM: adoption follows one policy (a verified address the client asserts, never
/// a userName alone, never an admin), the last active superuser survives every SCIM write, and each client gives
/// only the roles configured for it.
@Suite(.timeLimit(.minutes(3))) struct SCIMTrustTests {
    static let rules: [(String, Role)] = [("roster-superusers", .superuser), ("roster-admins", .admin)]

    /// A harness whose client `idp` may give superuser; other clients only the default (member).
    static func harness(adopt: Bool = false) async throws -> SCIMHarness {
        try await SCIMHarness(rules: rules) { settings in
            settings.scim.adoptAccounts = adopt
            settings.scim.resolver.maxRole = .member  // the shipped default for clients without an entry
            settings.scim.clientResolvers["idp"] = RoleResolver(rules: settings.scim.resolver.rules, maxRole: .superuser)
        }
    }

    /// The store's state of every account (id, role, active, source, password, version) and the counts of what
    /// hangs off them: equal before and after means no account changed.
    static func accountState(_ harness: SCIMHarness) throws -> [String] {
        try harness.store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT id || ' ' || role || ' ' || active || ' ' || source || ' ' || coalesce(password_hash, '-') || ' ' || version
                FROM account ORDER BY id
                """) + [
                "sessions \(try Int.fetchOne(db, sql: "SELECT count(*) FROM session") ?? 0)",
                "tokens \(try Int.fetchOne(db, sql: "SELECT count(*) FROM api_token") ?? 0)",
                "memberships \(try Int.fetchOne(db, sql: "SELECT count(*) FROM group_member_account") ?? 0)",
                "audit \(try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event") ?? 0)",
            ]
        }
    }

    /// Gives `account` a session and an API token (what an attacker who controls it would hold).
    static func giveCredentials(_ harness: SCIMHarness, _ account: Account) throws {
        try harness.store.write { tx in
            let now = Date()
            try tx.insert(Session(id: UUID(), accountID: account.id, tokenHash: (0..<32).map { _ in UInt8.random(in: 0...255) },
                                  createdAt: now, expiresAt: now.addingTimeInterval(3600), passwordChangeOnly: false))
            try tx.insert(APIToken(id: UUID(), accountID: account.id, name: "personal",
                                   tokenHash: (0..<32).map { _ in UInt8.random(in: 0...255) }, createdAt: now))
        }
    }

    // MARK: finding 2: adoption

    @Test func anUnverifiedSignupSquattingAUserNameIsReplacedNotAdopted() async throws {
        let harness = try await Self.harness()
        // Mallory signs up with her own address and J. Doe's userName; she never verifies it.
        let mallory = try harness.test.accounts.create(NewAccount(
            email: "mallory@corp.example", userName: "jdoe", authMethod: .password, source: .signup, active: false,
            password: "mallory's password"), by: ActingContext(actor: .system, via: "signup")).account
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("jdoe", email: "jdoe@corp.example"))
            #expect(pushed.status == 201)
            #expect(pushed.id != mallory.id.lowercasedText)
        }
        let jdoe = try #require(try harness.account("jdoe"))
        #expect(jdoe.source == .scim("idp"))
        #expect(jdoe.passwordHash == nil)
        #expect(jdoe.authMethod == .saml)
        #expect(try harness.store.read { try $0.account(id: mallory.id) } == nil)
        #expect(try harness.store.read { try $0.account(emailKey: "mallory@corp.example") } == nil)
    }

    @Test func aUserNameAloneNeverAdoptsAnAccount() async throws {
        let harness = try await Self.harness(adopt: true)
        // Mallory's account is verified (her own address) and logged in; its userName is J. Doe's.
        let mallory = try harness.test.accounts.create(NewAccount(
            email: "mallory@corp.example", userName: "jdoe", authMethod: .password, source: .local,
            password: "mallory's password"), by: .cliOperator).account
        try Self.giveCredentials(harness, mallory)
        let before = try Self.accountState(harness)
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("jdoe", email: "jdoe@corp.example"))
            #expect(pushed.status == 409)
            #expect(pushed.scimType == "uniqueness")
        }
        #expect(try Self.accountState(harness) == before)
        #expect(try harness.account("jdoe")?.source == .local)
    }

    @Test func anAddressChangedThroughMeIsUnverifiedAndAdoptsNothing() async throws {
        let harness = try await Self.harness(adopt: true)
        let mallory = try harness.test.accounts.create(NewAccount(
            email: "mallory@corp.example", userName: "mallory", authMethod: .password, password: "mallory's password"),
            by: .cliOperator).account
        // Through her own session (self-service), Mallory takes J. Doe's address before the IdP pushes him.
        _ = try harness.test.accounts.edit("mallory", AccountChanges(email: "jdoe@corp.example"),
                                           by: ActingContext(actor: .account(mallory.id), via: "api"))
        let changed = try #require(try harness.account("mallory"))
        #expect(changed.emails.first { $0.value == "jdoe@corp.example" }?.verified == false)
        let before = try Self.accountState(harness)
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("john.doe", email: "jdoe@corp.example"))
            #expect(pushed.status == 409)
        }
        #expect(try Self.accountState(harness) == before)
    }

    @Test func adoptionClearsThePasswordAndRevokesSessionsTokensAndVerifications() async throws {
        let harness = try await Self.harness(adopt: true)
        let ada = try harness.test.accounts.create(NewAccount(
            email: "ada@corp.example", userName: "ada", authMethod: .password, password: "ada's own password"),
            by: .cliOperator).account
        try Self.giveCredentials(harness, ada)
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("ada.lovelace", email: "ada@corp.example"))
            #expect(pushed.status == 201)
            #expect(pushed.id == ada.id.lowercasedText)
        }
        let adopted = try #require(try harness.account("ada.lovelace"))
        #expect(adopted.source == .scim("idp"))
        #expect(adopted.passwordHash == nil)
        #expect(adopted.authMethod == .saml)
        #expect(adopted.mustChangePassword == false)
        let counts = try harness.store.read { (try $0.sessionCount(accountID: ada.id), try $0.apiTokenCount(accountID: ada.id)) }
        #expect(counts.0 == 0 && counts.1 == 0)
        let audit = try harness.test.accounts.auditLog(about: ada.id.lowercasedText, by: .cliOperator)
        #expect(audit.first?.action == .accountAdopted)
        #expect(audit.first?.after?["adoptedFrom"] == .string("local"))
    }

    @Test(arguments: [Role.admin, .superuser])
    func elevatedAccountsAreNeverAdopted(_ role: Role) async throws {
        let harness = try await Self.harness(adopt: true)
        _ = try harness.test.accounts.create(NewAccount(email: "root@corp.example", userName: "root", role: .superuser),
                                             by: .cliOperator)
        let boss = try harness.test.accounts.create(NewAccount(
            email: "boss@corp.example", userName: "boss", role: role, authMethod: .password, password: "the boss's password"),
            by: .cliOperator).account
        try Self.giveCredentials(harness, boss)
        let before = try Self.accountState(harness)
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("boss", email: "boss@corp.example"))
            #expect(pushed.status == 409)
            #expect(pushed.body?[key: "detail"]?.stringValue?.contains("never adopted") == true)
        }
        #expect(try Self.accountState(harness) == before)
        #expect(try harness.account("boss")?.role == role)
    }

    @Test func adoptionNeedsAdoptAccountsEvenForAVerifiedSignup() async throws {
        let harness = try await Self.harness(adopt: false)
        _ = try harness.test.accounts.create(NewAccount(
            email: "self@corp.example", userName: "self.signed", authMethod: .password, source: .signup,
            password: "a long password"), by: .cliOperator)
        try harness.store.write { tx in
            // As a followed verification link leaves it: verified.
            var account = try #require(try tx.account(userNameKey: "self.signed"))
            account.emails = account.emails.markedVerified
            try tx.update(account)
        }
        let before = try Self.accountState(harness)
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("self.signed.hr", email: "self@corp.example"))
            #expect(pushed.status == 409)
        }
        #expect(try Self.accountState(harness) == before)
    }

    // MARK: finding 7: the last superuser and per-client roles

    /// `root` (SCIM-owned, the only active superuser through `roster-superusers`) and that group's id.
    static func superuserOverSCIM(_ scim: SCIMHarness.Client) async throws -> (user: String, group: String) {
        let root = try await scim.post("Users", SCIMHarness.user("root", email: "root@corp.example"))
        #expect(root.status == 201)
        let group = try await scim.post("Groups", [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "roster-superusers",
            "members": [["value": .string(root.id)]],
        ])
        #expect(group.status == 201)
        return (root.id, group.id)
    }

    @Test func theLastSuperuserSurvivesEverySCIMWrite() async throws {
        let harness = try await Self.harness()
        try await harness.run { scim in
            let (root, group) = try await Self.superuserOverSCIM(scim)
            #expect(try harness.account("root")?.role == .superuser)
            let before = try Self.accountState(harness)
            let deactivate: JSONValue = ["op": "replace", "path": "active", "value": false]
            var inactive = SCIMHarness.user("root", email: "root@corp.example")
            inactive = .object((inactive.objectValue ?? [:]).merging(["active": false]) { $1 })
            let attempts: [(String, SCIMHarness.Client.Reply)] = [
                ("DELETE user", try await scim.send(.delete, "Users/\(root)")),
                ("PATCH active=false", try await scim.patch("Users/\(root)", [deactivate])),
                ("PATCH \"False\" (Entra)", try await scim.patch("Users/\(root)", [["op": "Replace", "path": "active", "value": "False"]])),
                ("PUT active=false", try await scim.send(.put, "Users/\(root)", inactive)),
                ("PATCH group remove member", try await scim.patch("Groups/\(group)", [
                    ["op": "remove", "path": .string("members[value eq \"\(root)\"]")]])),
                ("PUT group without members", try await scim.send(.put, "Groups/\(group)", [
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "roster-superusers"])),
                ("DELETE group", try await scim.send(.delete, "Groups/\(group)")),
            ]
            for (what, reply) in attempts {
                #expect(reply.status == 403, "\(what)")
                #expect(try Self.accountState(harness) == before, "\(what)")
            }
            let bulk = try await scim.send(.post, "Bulk", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                "Operations": [
                    ["method": "PATCH", "path": .string("/Users/\(root)"), "data": [
                        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [deactivate]]],
                    ["method": "DELETE", "path": .string("/Users/\(root)")],
                ],
            ])
            #expect(bulk.status == 200)
            let statuses = bulk.body?[key: "Operations"]?.arrayValue?.compactMap { $0[key: "status"]?.stringValue }
            #expect(statuses == ["403", "403"])
            #expect(try Self.accountState(harness) == before)
            #expect(try harness.account("root")?.role == .superuser)
        }
    }

    @Test func aClientGivesOnlyTheRolesConfiguredForIt() async throws {
        let harness = try await Self.harness()
        let hr = try await harness.registry.add(name: "hr").token
        try await harness.run { scim in
            // `hr` has no entry of its own: the default maximum (member) applies, whatever its groups are called.
            let user = try await scim.send(.post, "Users", SCIMHarness.user("mint", email: "mint@corp.example"), token: hr)
            #expect(user.status == 201)
            for name in ["roster-admins", "roster-superusers"] {
                let group = try await scim.send(.post, "Groups", [
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": .string(name),
                    "members": [["value": .string(user.id)]],
                ], token: hr)
                #expect(group.status == 201)
            }
            #expect(try harness.account("mint")?.role == .member)
            // `idp` may give superuser: the same groups of its own do.
            _ = try await Self.superuserOverSCIM(scim)
            #expect(try harness.account("root")?.role == .superuser)
        }
    }

    // MARK: finding 9: SCIM passwords

    @Test func scimPasswordsFollowThePasswordPolicy() async throws {
        let test = try TestRoster(accounts: AccountSettings(passwordPolicy: PasswordPolicy(minimumLength: 20)))
        let service = SCIMServiceFactory.service(roster: test.roster, settings: SCIMServiceSettings())
        let client = SCIMClient(id: UUID(), name: "idp", createdAt: Date())
        var body = try #require(SCIMHarness.user("pat", email: "pat@corp.example").objectValue)
        body["password"] = "twelve chars"
        do {
            _ = try await service.createUser(.object(body), client: client, projection: SCIMProjection(kind: .user))
            Issue.record("a 12-character password passed a 20-character policy")
        } catch {
            #expect(error.status == 400)
            #expect(error.scimType == .invalidValue)
        }
        #expect(try test.roster.store.read { try $0.account(userNameKey: "pat") } == nil)
        body["password"] = "a passphrase of twenty-six"
        _ = try await service.createUser(.object(body), client: client, projection: SCIMProjection(kind: .user))
        #expect(try test.roster.store.read { try $0.account(userNameKey: "pat") }?.authMethod == .password)
    }
}
