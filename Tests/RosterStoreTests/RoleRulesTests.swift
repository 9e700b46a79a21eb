import Foundation
import RosterCore
import RosterTesting
import Testing

/// The role rules, against a real store: superuser only by a superuser, the last superuser stays.
struct RoleRulesTests {
    let test: TestRoster
    let root: Account
    let admin: Account
    let member: Account

    init() throws {
        test = try TestRoster()
        let op = TestRoster.operatorContext
        root = try test.accounts.create(NewAccount(email: "root@example.com", role: .superuser, authMethod: .saml), by: op).account
        admin = try test.accounts.create(NewAccount(email: "admin@example.com", role: .admin, authMethod: .saml), by: op).account
        member = try test.accounts.create(NewAccount(email: "member@example.com", role: .member, authMethod: .saml), by: op).account
    }

    func snapshot() throws -> [Account] {
        try test.accounts.list(includeInactive: true, by: TestRoster.operatorContext).map(\.account)
    }

    @Test func anAdminCannotGrantSuperuserAndNothingChanges() throws {
        let before = try snapshot()
        let auditBefore = try test.accounts.auditLog(about: nil, by: TestRoster.operatorContext).count
        #expect(throws: RosterError.matching(.superuserOnly)) {
            try test.accounts.setRole("member", to: .superuser, by: TestRoster.acting(as: admin))
        }
        #expect(try snapshot() == before)
        #expect(try test.accounts.auditLog(about: nil, by: TestRoster.operatorContext).count == auditBefore)
    }

    @Test func aMemberCannotGrantAdmin() throws {
        #expect(throws: RosterError.matching(.insufficientRole)) {
            try test.accounts.setRole("admin@example.com", to: .admin, by: TestRoster.acting(as: member))
        }
    }

    @Test func anAdminGrantsAdminAndItIsAudited() throws {
        let updated = try test.accounts.setRole("member", to: .admin, by: TestRoster.acting(as: admin))
        #expect(updated.role == .admin)
        #expect(updated.version == member.version + 1)
        let entry = try #require(try test.accounts.auditLog(about: "member", by: TestRoster.operatorContext).first)
        #expect(entry.action == .roleChanged)
        #expect(entry.actor == "account:\(admin.id.uuidString.lowercased())")
        #expect(entry.actorName == "admin")
        #expect(entry.before == ["role": .string("member")])
        #expect(entry.after == ["role": .string("admin")])
    }

    @Test func aSuperuserGrantsSuperuser() throws {
        let updated = try test.accounts.setRole("admin", to: .superuser, by: TestRoster.acting(as: root))
        #expect(updated.role == .superuser)
    }

    @Test func theLastActiveSuperuserCannotBeDemotedDeactivatedOrDeleted() throws {
        let op = TestRoster.operatorContext
        #expect(throws: RosterError.matching(.lastSuperuser)) { try test.accounts.setRole("root", to: .admin, by: op) }
        #expect(throws: RosterError.matching(.lastSuperuser)) { try test.accounts.deactivate("root", by: op) }
        #expect(throws: RosterError.matching(.lastSuperuser)) { try test.accounts.delete("root", by: op) }
        #expect(try test.accounts.show("root", by: op).account == root)
    }

    @Test func aSuperuserMayStepDownWhenAnotherRemains() throws {
        _ = try test.accounts.setRole("admin", to: .superuser, by: TestRoster.acting(as: root))
        let demoted = try test.accounts.setRole("root", to: .admin, by: TestRoster.acting(as: root))
        #expect(demoted.role == .admin)
    }

    @Test func anInactiveSuperuserDoesNotCountAsTheLastOne() throws {
        let op = TestRoster.operatorContext
        _ = try test.accounts.setRole("admin", to: .superuser, by: op)
        _ = try test.accounts.deactivate("admin", by: op)
        #expect(throws: RosterError.matching(.lastSuperuser)) { try test.accounts.deactivate("root", by: op) }
    }

    @Test func onlyASuperuserCreatesASuperuser() throws {
        #expect(throws: RosterError.matching(.superuserOnly)) {
            try test.accounts.create(NewAccount(email: "x@example.com", role: .superuser), by: TestRoster.acting(as: admin))
        }
        #expect(try snapshot().count == 3)
    }

    @Test func externallyManagedRolesAreRefused() throws {
        _ = try test.accounts.create(
            NewAccount(email: "dir@example.com", authMethod: .ldap, source: .ldap("corp"), sourceAnchor: "uuid-1"),
            by: TestRoster.operatorContext)
        #expect(throws: RosterError.matching(.managedBySource)) {
            try test.accounts.setRole("dir", to: .admin, by: TestRoster.operatorContext)
        }
    }
}
