import Foundation
import RosterCore
import Testing

struct SyncPlannerTests {
    static let source = AccountSource.ldap("corp")

    static func account(_ name: String, anchor: String?, source: AccountSource = source, role: Role = .member,
                        active: Bool = true, deactivatedBy: String? = nil) -> Account {
        Account(id: UUID(), userName: name, emails: [AccountEmail(value: "\(name)@example.com", primary: true, verified: true)],
                active: active, role: role, authMethod: .ldap, source: source, sourceAnchor: anchor,
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0),
                deactivatedBy: deactivatedBy)
    }

    static func entry(_ name: String, anchor: String, role: Role = .member, enabled: Bool = true,
                      email: String? = nil) -> DesiredAccount {
        DesiredAccount(anchor: anchor, userName: name, emails: [email ?? "\(name)@example.com"], enabled: enabled, role: role)
    }

    static func existing(_ accounts: [Account]) -> ExistingAccounts {
        var owned: [String: Account] = [:]
        var names: [String: ExistingAccounts.Holder] = [:]
        var emails: [String: ExistingAccounts.Holder] = [:]
        for account in accounts {
            if account.source == source, let anchor = account.sourceAnchor { owned[anchor] = account }
            names[UserNamePolicy.key(for: account.userName)] = .init(id: account.id, source: account.source)
            for email in account.emails { emails[EmailPolicy.key(for: email.value)] = .init(id: account.id, source: account.source) }
        }
        var existing = ExistingAccounts(ownedByAnchor: owned, userNameHolders: names, emailHolders: emails)
        existing.adoptable = Dictionary(uniqueKeysWithValues: accounts.filter { !$0.source.isExternal }.map { ($0.id, $0) })
        return existing
    }

    func planner(_ policy: SyncPolicy = SyncPolicy()) -> SyncPlanner { SyncPlanner(source: Self.source, policy: policy) }

    @Test func createsNewEntriesAndChangesNothingOnARerun() {
        let plan = planner().plan(desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [], existing: Self.existing([]))
        #expect(plan.creates.map(\.userName) == ["ada"])
        let stored = Self.account("ada", anchor: "a1")
        let again = planner().plan(desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [],
                                   existing: Self.existing([stored]))
        #expect(again.isEmpty)
    }

    @Test func aRenameUpdatesTheSameAccount() {
        let stored = Self.account("ada", anchor: "a1")
        let plan = planner().plan(desired: [Self.entry("ada.l", anchor: "a1", email: "lovelace@example.com")],
                                  incompleteReasons: [], existing: Self.existing([stored]))
        #expect(plan.creates.isEmpty)
        #expect(plan.updates.map(\.accountID) == [stored.id])
        #expect(Set(plan.updates[0].changes.map(\.field)) == ["userName", "emails"])
    }

    @Test func missingEntriesAreDeactivatedOrDeletedByPolicy() {
        let stored = (1...10).map { Self.account("user\($0)", anchor: "a\($0)") }
        let desired = stored.dropFirst(1).map { Self.entry($0.userName, anchor: $0.sourceAnchor!) }
        let plan = planner().plan(desired: desired, incompleteReasons: [], existing: Self.existing(stored))
        #expect(plan.deactivations.map(\.userName) == ["user1"])
        let deleting = planner(SyncPolicy(deprovision: .delete)).plan(desired: desired, incompleteReasons: [],
                                                                      existing: Self.existing(stored))
        #expect(deleting.deletions.map(\.userName) == ["user1"])
        #expect(deleting.deactivations.isEmpty)
    }

    @Test func anIncompleteReadDeprovisionsNobody() {
        let stored = (1...10).map { Self.account("user\($0)", anchor: "a\($0)") }
        let plan = planner(SyncPolicy(allowDeprovision: true)).plan(
            desired: [Self.entry("user1", anchor: "a1", role: .guest)], incompleteReasons: ["size limit exceeded"],
            existing: Self.existing(stored))
        #expect(plan.deactivations.isEmpty && plan.deletions.isEmpty)
        #expect(plan.heldDeactivations.count == 9)
        #expect(plan.heldDowngrades.count == 1)
        #expect(plan.updates.isEmpty)
        #expect(plan.holds == [.incompleteRead(reasons: ["size limit exceeded"])])
    }

    @Test func anEmptyDirectoryIsHeldByThePercentThreshold() {
        let stored = (1...10).map { Self.account("user\($0)", anchor: "a\($0)") }
        let plan = planner().plan(desired: [], incompleteReasons: [], existing: Self.existing(stored))
        #expect(plan.deactivations.isEmpty)
        #expect(plan.heldDeactivations.count == 10)
        #expect(plan.holds == [.percentThreshold(percent: 100, limit: 20)])
        let allowed = planner(SyncPolicy(allowDeprovision: true)).plan(desired: [], incompleteReasons: [],
                                                                       existing: Self.existing(stored))
        #expect(allowed.deactivations.count == 10)
    }

    @Test func theCountThresholdCountsDowngradesToo() {
        let stored = (1...100).map { Self.account("user\($0)", anchor: "a\($0)", role: .admin) }
        let desired = stored.map { Self.entry($0.userName, anchor: $0.sourceAnchor!, role: .member) }
        let plan = planner(SyncPolicy(maxDeprovisionCount: 5, maxDeprovisionPercent: 100)).plan(
            desired: desired, incompleteReasons: [], existing: Self.existing(stored))
        #expect(plan.holds == [.countThreshold(count: 100, limit: 5)])
        #expect(plan.updates.isEmpty)
        #expect(plan.heldDowngrades.count == 100)
    }

    @Test func anotherSourcesAccountIsAConflictOrAdoptedWhenAllowed() {
        let local = Self.account("ada", anchor: nil, source: .local)
        let plan = planner().plan(desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [],
                                  existing: Self.existing([local]))
        #expect(plan.creates.isEmpty)
        #expect(plan.conflicts.first?.existingAccountID == local.id)
        let adopting = planner(SyncPolicy(adoptAccounts: true)).plan(
            desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [], existing: Self.existing([local]))
        #expect(adopting.adoptions.map(\.accountID) == [local.id])
        // An address nobody verified, or an admin, is never adopted: the plan says so (a dry run shows the refusal).
        var unverified = local
        unverified.emails = [AccountEmail(value: "ada@example.com", primary: true, verified: false)]
        let refused = planner(SyncPolicy(adoptAccounts: true)).plan(
            desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [], existing: Self.existing([unverified]))
        #expect(refused.adoptions.isEmpty)
        #expect(refused.conflicts.first?.reason.contains("no verified address") == true)
        let admin = Self.account("ada", anchor: nil, source: .local, role: .admin)
        let elevated = planner(SyncPolicy(adoptAccounts: true)).plan(
            desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [], existing: Self.existing([admin]))
        #expect(elevated.adoptions.isEmpty)
        #expect(elevated.conflicts.first?.reason.contains("never adopted") == true)
        let scim = Self.account("ada", anchor: "s1", source: .scim("okta"))
        let never = planner(SyncPolicy(adoptAccounts: true)).plan(
            desired: [Self.entry("ada", anchor: "a1")], incompleteReasons: [], existing: Self.existing([scim]))
        #expect(never.adoptions.isEmpty && never.conflicts.count == 1)
    }

    @Test func disabledEntriesAreDeactivatedAndReenabledOnesReactivated() {
        let active = Self.account("ada", anchor: "a1")
        let off = Self.account("bob", anchor: "a2", active: false, deactivatedBy: Self.source.rawValue)
        let byAdmin = Self.account("cyd", anchor: "a3", active: false, deactivatedBy: "cli")
        let plan = planner(SyncPolicy(maxDeprovisionPercent: 100)).plan(
            desired: [Self.entry("ada", anchor: "a1", enabled: false), Self.entry("bob", anchor: "a2"),
                      Self.entry("cyd", anchor: "a3")],
            incompleteReasons: [], existing: Self.existing([active, off, byAdmin]))
        #expect(plan.deactivations.map(\.reason) == [.disabled])
        #expect(plan.updates.map(\.userName) == ["bob"])
        #expect(plan.updates.first?.reactivates == true)
    }

    @Test func duplicateEntriesInOneRunConflict() {
        let plan = planner().plan(desired: [Self.entry("ada", anchor: "a1"), Self.entry("ADA", anchor: "a2", email: "x@example.com")],
                                  incompleteReasons: [], existing: Self.existing([]))
        #expect(plan.creates.count == 1)
        #expect(plan.conflicts.count == 1)
    }
}
