import Foundation
import RosterCore
import RosterStore
import RosterTesting
import Testing

/// Planning and applying sync runs against a real store (the directory side is given as desired accounts).
struct SyncApplyTests {
    static let source = AccountSource.ldap("corp")
    let test: TestRoster

    init() throws {
        test = try TestRoster()
    }

    func entries(_ count: Int) -> [DesiredAccount] {
        (1...count).map { DesiredAccount(anchor: "uuid-\($0)", externalId: "uid=user\($0),ou=people,dc=example,dc=com",
                                         userName: "user\($0)", displayName: "User \($0)", emails: ["user\($0)@example.com"],
                                         role: $0 == 1 ? .admin : .member, roleExplanation: "{\"rule\":\($0)}") }
    }

    /// Plans and applies one run; returns the plan and outcome.
    @discardableResult
    func run(_ desired: [DesiredAccount], groups: [DesiredGroup]? = nil, policy: SyncPolicy = SyncPolicy(),
             incomplete: [String] = []) throws -> (SyncPlan, SyncOutcome) {
        try test.roster.store.syncWrite { tx in
            let existing = try tx.existingAccounts(for: Self.source)
            let plan = SyncPlanner(source: Self.source, policy: policy)
                .plan(desired: desired, incompleteReasons: incomplete, existing: existing)
            let outcome = try SyncApplier(service: test.accounts, source: Self.source, authMethod: .ldap, policy: policy)
                .apply(plan, groups: groups, groupsComplete: incomplete.isEmpty, existing: existing, in: tx)
            return (plan, outcome)
        }
    }

    func accounts() throws -> [Account] {
        try test.accounts.list(includeInactive: true, by: .cliOperator).map(\.account)
    }

    @Test func aSecondRunWithNoChangeAppliesNothing() throws {
        let (_, first) = try run(entries(20))
        #expect(first.counts["created"] == 20)
        let auditCount = try test.accounts.auditLog(about: nil, by: .cliOperator).count
        let (plan, second) = try run(entries(20))
        #expect(plan.isEmpty)
        #expect(second.counts.isEmpty)
        #expect(try test.accounts.auditLog(about: nil, by: .cliOperator).count == auditCount)
    }

    @Test func renamesAndEmailChangesKeepTheAccountID() throws {
        try run(entries(5))
        let before = try #require(try accounts().first { $0.userName == "user3" })
        var changed = entries(5)
        changed[2].userName = "user3-renamed"
        changed[2].externalId = "uid=user3-renamed,ou=moved,dc=example,dc=com"
        changed[2].emails = ["new3@example.com"]
        let (_, outcome) = try run(changed)
        #expect(outcome.counts["updated"] == 1)
        let after = try #require(try accounts().first { $0.id == before.id })
        #expect(after.userName == "user3-renamed")
        #expect(after.primaryEmail == "new3@example.com")
        #expect(after.version == before.version + 1)
        #expect(try accounts().count == 5)
    }

    @Test func deletingThreeEntriesDeactivatesExactlyThoseThree() throws {
        try run(entries(30))
        let remaining = entries(30).filter { !["user4", "user5", "user6"].contains($0.userName) }
        let (_, outcome) = try run(remaining)
        #expect(outcome.counts["deactivated"] == 3)
        let inactive = try accounts().filter { !$0.active }.map(\.userName).sorted()
        #expect(inactive == ["user4", "user5", "user6"])
        let entry = try #require(try test.accounts.auditLog(about: "user4", by: .cliOperator).first)
        #expect(entry.via == "ldap:corp")
        #expect(entry.action == .accountDeactivated)
    }

    @Test func theDeletePolicyDeletesAndCascades() throws {
        try run(entries(30))
        let user4 = try #require(try accounts().first { $0.userName == "user4" })
        _ = try test.accounts.issueAPIToken(for: "user4", name: "t", by: .cliOperator)
        let remaining = entries(30).filter { !["user4", "user5", "user6"].contains($0.userName) }
        let (_, outcome) = try run(remaining, policy: SyncPolicy(deprovision: .delete))
        #expect(outcome.counts["deleted"] == 3)
        #expect(try accounts().count == 27)
        #expect(try test.roster.store.syncRead { try $0.roleExplanation(accountID: user4.id) } == nil)
    }

    @Test func anAccountOwningResourcesIsDeactivatedInsteadOfDeleted() throws {
        try run(entries(10))
        _ = try test.accounts.addOwnership(ResourceRef(type: "project", id: "1"), owner: "user2", by: .cliOperator)
        let (_, outcome) = try run(entries(10).filter { $0.userName != "user2" }, policy: SyncPolicy(deprovision: .delete))
        #expect(outcome.counts["deleted"] == nil)
        #expect(outcome.counts["deactivated"] == 1)
        #expect(outcome.refusals.count == 1)
    }

    @Test func anIncompleteRunDeprovisionsNobodyButAppliesTheRest() throws {
        try run(entries(10))
        var partial = Array(entries(10).prefix(2))
        partial[1].displayName = "Changed"
        let (plan, outcome) = try run(partial, incomplete: ["size limit exceeded"])
        #expect(plan.isHeld)
        #expect(outcome.counts["deactivated"] == nil)
        #expect(outcome.counts["heldDeactivations"] == 8)
        #expect(outcome.counts["updated"] == 1)
        #expect(try accounts().allSatisfy(\.active))
    }

    @Test func groupsAndMembershipsAreMirroredAsDeltas() throws {
        let groups = [
            DesiredGroup(anchor: "g-staff", displayName: "staff", memberAccountAnchors: ["uuid-1", "uuid-2", "uuid-3"]),
            DesiredGroup(anchor: "g-admins", displayName: "admins", memberAccountAnchors: ["uuid-1"],
                         memberGroupAnchors: ["g-staff"]),
        ]
        let (_, first) = try run(entries(3), groups: groups)
        #expect(first.counts["groupsCreated"] == 2)
        #expect(first.counts["membershipsAdded"] == 5)
        var changed = groups
        changed[0].memberAccountAnchors = ["uuid-1", "uuid-3"]
        let (_, second) = try run(entries(3), groups: changed)
        #expect(second.counts["membershipsRemoved"] == 1)
        #expect(second.counts["membershipsAdded"] == nil)
        let (_, third) = try run(entries(3), groups: changed)
        #expect(third.counts.isEmpty)
    }

    @Test func theLastSuperuserIsNeverDeprovisioned() throws {
        var desired = entries(3)
        desired[0].role = .superuser
        try run(desired, policy: SyncPolicy(maxRole: .superuser))
        let (_, outcome) = try run(Array(desired.dropFirst()), policy: SyncPolicy(allowDeprovision: true, maxRole: .superuser))
        #expect(outcome.refusals.count == 1)
        #expect(try accounts().first { $0.userName == "user1" }?.active == true)
    }
}
