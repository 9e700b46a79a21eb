import Foundation
import RosterCore
import RosterTesting
import Testing

/// Deactivate, reactivate, delete, transfer, reset password — with the cascades the admin guides describe.
struct AccountLifecycleTests {
    let test: TestRoster
    let op = TestRoster.operatorContext

    init() throws {
        test = try TestRoster()
        _ = try test.accounts.create(NewAccount(email: "root@example.com", role: .superuser, authMethod: .saml), by: op)
        _ = try test.accounts.create(NewAccount(email: "admin@example.com", role: .admin, authMethod: .saml), by: op)
        _ = try test.accounts.create(NewAccount(email: "ada@example.com", role: .member), by: op)
    }

    func ada() throws -> AccountListing { try test.accounts.show("ada", by: op) }

    func giveAdaSessionsAndTokens() throws {
        let id = try ada().account.id
        _ = try test.accounts.openSession(accountID: id, lifetime: 3600, by: op)
        _ = try test.accounts.openSession(accountID: id, lifetime: 3600, by: op)
        _ = try test.accounts.issueAPIToken(for: "ada", name: "cli", by: op)
    }

    @Test func deactivateKeepsDataAndRevokesSessionsAndTokens() throws {
        try giveAdaSessionsAndTokens()
        let original = try ada().account
        let deactivated = try test.accounts.deactivate("ada", by: op)
        #expect(!deactivated.active)
        #expect(deactivated.emails == original.emails)
        #expect(deactivated.passwordHash == original.passwordHash)
        #expect(deactivated.deactivatedBy == "cli")
        let listing = try ada()
        #expect(listing.sessionCount == 0 && listing.apiTokenCount == 0)
        let entry = try #require(try test.accounts.auditLog(about: "ada", by: op).first)
        #expect(entry.action == .accountDeactivated)
        #expect(entry.after?["revokedSessions"] == .int(2))
        #expect(entry.after?["revokedAPITokens"] == .int(1))
        // Hidden from the default list, shown with includeInactive.
        #expect(try !test.accounts.list(includeInactive: false, by: op).contains { $0.account.id == original.id })
        #expect(try test.accounts.list(includeInactive: true, by: op).contains { $0.account.id == original.id })
    }

    @Test func reactivateRestoresTheAccountButNotTheTokens() throws {
        try giveAdaSessionsAndTokens()
        _ = try test.accounts.deactivate("ada", by: op)
        let reactivated = try test.accounts.reactivate("ada", by: op)
        #expect(reactivated.active)
        #expect(reactivated.deactivatedAt == nil)
        #expect(try ada().apiTokenCount == 0)
        #expect(throws: RosterError.matching(.invalidState)) { try test.accounts.reactivate("ada", by: op) }
    }

    @Test func resetPasswordRevokesSessionsUnlessKept() throws {
        try giveAdaSessionsAndTokens()
        let before = try ada().account
        let kept = try test.accounts.resetPassword("ada", keepSessions: true, by: op)
        #expect(kept.revokedSessions == 0)
        #expect(try ada().sessionCount == 2)
        let reset = try test.accounts.resetPassword("ada", keepSessions: false, by: op)
        #expect(reset.revokedSessions == 2)
        #expect(try ada().sessionCount == 0)
        // API tokens never survive a reset (issue 9, finding 5): the first reset already revoked the one token.
        #expect(try ada().apiTokenCount == 0)
        #expect(reset.account.mustChangePassword)
        #expect(reset.account.passwordHash != before.passwordHash)
        #expect(test.accounts.verifyPassword(reset.temporaryPassword, of: reset.account))
        #expect(!test.accounts.verifyPassword(kept.temporaryPassword, of: reset.account))
    }

    @Test func resetPasswordNeedsAPasswordAccount() throws {
        #expect(throws: RosterError.matching(.notPasswordAccount)) {
            try test.accounts.resetPassword("admin", keepSessions: false, by: op)
        }
    }

    @Test func deleteRefusesWhileOwningResourcesAndListsThem() throws {
        _ = try test.accounts.addOwnership(ResourceRef(type: "project", id: "42"), owner: "ada", by: op)
        _ = try test.accounts.addOwnership(ResourceRef(type: "dataset", id: "7"), owner: "ada", by: op)
        do {
            _ = try test.accounts.delete("ada", by: op)
            Issue.record("the delete should have been refused")
        } catch let error as RosterError {
            #expect(error.code == .ownsResources)
            #expect(error.details == ["dataset:7", "project:42"])
        }
        #expect(try ada().account.active)
    }

    @Test func transferThenDeleteCascades() throws {
        try giveAdaSessionsAndTokens()
        let adaID = try ada().account.id
        _ = try test.accounts.addOwnership(ResourceRef(type: "project", id: "42"), owner: "ada", by: op)
        try test.accounts.store.write { tx in
            let group = Group(id: UUID(), source: .local, displayName: "staff", createdAt: Date(), updatedAt: Date())
            try tx.insert(group)
            try tx.addMembers([.account(adaID)], toGroup: group.id)
        }
        let moved = try test.accounts.transfer(from: "ada", to: "admin", by: op)
        #expect(moved == [ResourceRef(type: "project", id: "42")])
        #expect(try test.accounts.ownerships(of: "admin", by: op).map(\.resource) == moved)
        let deleted = try test.accounts.delete("ada", by: op)
        #expect(deleted.sessions == 2 && deleted.apiTokens == 1 && deleted.groupMemberships == 1)
        #expect(throws: RosterError.matching(.accountNotFound)) { try test.accounts.show("ada", by: op) }
        let leftovers = try test.roster.store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM session) + (SELECT count(*) FROM api_token)
                     + (SELECT count(*) FROM group_member_account) + (SELECT count(*) FROM account_email WHERE account_id = ?)
                """, arguments: [adaID.uuidString.lowercased()])
        }
        #expect(leftovers == 0)
        // The audit log keeps the deleted account's history, findable by id.
        let history = try test.accounts.auditLog(about: adaID.uuidString, by: op)
        #expect(history.first?.action == .accountDeleted)
    }

    @Test func nobodyDeletesThemselves() throws {
        let admin = try test.accounts.show("admin", by: op).account
        #expect(throws: RosterError.matching(.selfAction)) {
            try test.accounts.delete("admin", by: TestRoster.acting(as: admin))
        }
    }

    @Test func editChangesProfileKeepingTheId() throws {
        let before = try ada().account
        let edited = try test.accounts.edit("ada", AccountChanges(userName: "ada.l", email: "lovelace@example.com",
                                                                   displayName: "Ada Lovelace"), by: op)
        #expect(edited.id == before.id)
        #expect(edited.userName == "ada.l")
        #expect(edited.primaryEmail == "lovelace@example.com")
        #expect(edited.emails.count == 2)
        #expect(try test.accounts.show("lovelace@example.com", by: op).account.id == before.id)
        #expect(throws: RosterError.matching(.userNameTaken)) {
            try test.accounts.edit("ada.l", AccountChanges(userName: "ADMIN"), by: op)
        }
        #expect(throws: RosterError.matching(.emailTaken)) {
            try test.accounts.edit("ada.l", AccountChanges(email: "root@example.com"), by: op)
        }
    }

    @Test func theAuditLogIsAppendOnly() throws {
        #expect(throws: (any Error).self) {
            try test.roster.store.pool.write { db in try db.execute(sql: "DELETE FROM audit_event") }
        }
        #expect(throws: (any Error).self) {
            try test.roster.store.pool.write { db in try db.execute(sql: "UPDATE audit_event SET actor = 'x'") }
        }
    }

    @Test func ownershipRegistryRejectsDuplicates() throws {
        let resource = ResourceRef(type: "project", id: "1")
        _ = try test.accounts.addOwnership(resource, owner: "ada", by: op)
        #expect(throws: RosterError.matching(.resourceAlreadyOwned)) {
            try test.accounts.addOwnership(resource, owner: "admin", by: op)
        }
        _ = try test.accounts.removeOwnership(resource, by: op)
        #expect(throws: RosterError.matching(.resourceNotFound)) { try test.accounts.removeOwnership(resource, by: op) }
    }
}
