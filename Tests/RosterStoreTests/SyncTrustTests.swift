import Foundation
import GRDB
import RosterCore
import RosterStore
import RosterTesting
import Testing

/// Issue 9, findings 2 and 7 for directories: a sync adopts only under ``AdoptionPolicy``, revokes what the adopted
/// account held, never gives a role above the source's maximum, and replaces an unverified self signup.
struct SyncTrustTests {
    static let source = AccountSource.ldap("corp")
    let test: TestRoster

    init() throws {
        test = try TestRoster()
    }

    static func entry(_ userName: String, email: String, role: Role = .member) -> DesiredAccount {
        DesiredAccount(anchor: "uuid-\(userName)", externalId: "uid=\(userName),ou=people,dc=example,dc=com",
                       userName: userName, displayName: userName, emails: [email], role: role)
    }

    /// Plans and applies one run; refusals of the apply and conflicts of the plan are both in `refusals`.
    @discardableResult
    func run(_ desired: [DesiredAccount], policy: SyncPolicy) throws -> SyncOutcome {
        try test.roster.store.syncWrite { tx in
            let existing = try tx.existingAccounts(for: Self.source)
            let plan = SyncPlanner(source: Self.source, policy: policy)
                .plan(desired: desired, incompleteReasons: [], existing: existing)
            var outcome = try SyncApplier(service: test.accounts, source: Self.source, authMethod: .ldap, policy: policy)
                .apply(plan, groups: nil, groupsComplete: true, existing: existing, in: tx)
            outcome.refusals += plan.conflicts.map { "\($0.userName): \($0.reason)" }
            return outcome
        }
    }

    func account(_ userName: String) throws -> Account? {
        try test.roster.store.read { try $0.account(userNameKey: userName) }
    }

    func giveCredentials(_ account: Account) throws {
        try test.roster.store.write { tx in
            let now = Date()
            try tx.insert(Session(id: UUID(), accountID: account.id, tokenHash: (0..<32).map { _ in UInt8.random(in: 0...255) },
                                  createdAt: now, expiresAt: now.addingTimeInterval(3600), passwordChangeOnly: false))
            try tx.insert(APIToken(id: UUID(), accountID: account.id, name: "personal",
                                   tokenHash: (0..<32).map { _ in UInt8.random(in: 0...255) }, createdAt: now))
        }
    }

    func credentialCounts(_ account: Account) throws -> [Int] {
        try test.roster.store.read { [try $0.sessionCount(accountID: account.id), try $0.apiTokenCount(accountID: account.id)] }
    }

    @Test(arguments: [Role.admin, .superuser])
    func anElevatedLocalAccountIsNeverAdopted(_ role: Role) throws {
        let boss = try test.accounts.create(NewAccount(email: "boss@example.com", userName: "boss", role: role,
                                                       authMethod: .password, password: "the boss's password"),
                                            by: .cliOperator).account
        let outcome = try run([Self.entry("boss", email: "boss@example.com")],
                              policy: SyncPolicy(adoptAccounts: true, maxRole: .superuser))
        #expect(outcome.counts["adopted"] == nil)
        #expect(outcome.refusals.contains { $0.contains("never adopted") })
        let after = try #require(try account("boss"))
        #expect(after == boss)
    }

    @Test func adoptionRevokesSessionsTokensAndThePassword() throws {
        let ada = try test.accounts.create(NewAccount(email: "ada@example.com", userName: "ada", authMethod: .password,
                                                      password: "ada's own password"), by: .cliOperator).account
        try giveCredentials(ada)
        let outcome = try run([Self.entry("ada", email: "ada@example.com")], policy: SyncPolicy(adoptAccounts: true))
        #expect(outcome.counts["adopted"] == 1)
        let adopted = try #require(try account("ada"))
        #expect(adopted.id == ada.id)
        #expect(adopted.source == Self.source)
        #expect(adopted.passwordHash == nil)
        #expect(adopted.authMethod == .ldap)
        #expect(try credentialCounts(ada) == [0, 0])
    }

    @Test func anUnverifiedSignupIsReplacedNotAdopted() throws {
        // Mallory typed J. Doe's address at signup and could never verify it.
        let mallory = try test.accounts.create(NewAccount(
            email: "jdoe@example.com", userName: "mallory", authMethod: .password, source: .signup, active: false,
            password: "mallory's password"), by: ActingContext(actor: .system, via: "signup")).account
        let outcome = try run([Self.entry("jdoe", email: "jdoe@example.com")], policy: SyncPolicy())
        #expect(outcome.counts["adopted"] == nil)
        let jdoe = try #require(try account("jdoe"))
        #expect(jdoe.id != mallory.id)
        #expect(jdoe.passwordHash == nil)
        #expect(try test.roster.store.read { try $0.account(id: mallory.id) } == nil)
    }

    @Test func aVerifiedSignupIsAdoptedOnlyWithAdoptAccounts() throws {
        let signup = try test.accounts.create(NewAccount(
            email: "self@example.com", userName: "self", authMethod: .password, source: .signup, password: "a long password"),
            by: .cliOperator).account
        try test.roster.store.write { tx in
            var account = signup
            account.emails = account.emails.markedVerified
            try tx.update(account)
        }
        let refused = try run([Self.entry("self", email: "self@example.com")], policy: SyncPolicy(adoptAccounts: false))
        #expect(refused.counts["adopted"] == nil)
        #expect(try account("self")?.source == .signup)
        let adopted = try run([Self.entry("self", email: "self@example.com")], policy: SyncPolicy(adoptAccounts: true))
        #expect(adopted.counts["adopted"] == 1)
        #expect(try account("self")?.id == signup.id)
    }

    @Test func aSourceNeverGivesMoreThanItsMaximum() throws {
        // A directory without allowSuperuser (maximum admin) whose snapshot still carries superuser.
        let outcome = try run([Self.entry("eve", email: "eve@example.com", role: .superuser),
                               Self.entry("bob", email: "bob@example.com")], policy: SyncPolicy(maxRole: .admin))
        #expect(try account("eve") == nil)
        #expect(try account("bob")?.role == .member)
        #expect(outcome.refusals.contains { $0.contains("eve") })
        let raised = try run([Self.entry("bob", email: "bob@example.com", role: .superuser)], policy: SyncPolicy(maxRole: .admin))
        #expect(try account("bob")?.role == .member)
        #expect(raised.refusals.contains { $0.contains("bob") })
    }
}
