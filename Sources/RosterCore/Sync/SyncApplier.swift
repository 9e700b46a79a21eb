import Foundation

/// Applies a ``SyncPlan`` inside one sync transaction, as the source (`ldap:NAME`, `scim:NAME`), with one audit entry
/// per changed account. Rules of the admin guides still hold: the last active superuser is never deprovisioned or
/// downgraded, and an account that owns registered resources is deactivated instead of deleted (both reported).
public struct SyncApplier: Sendable {
    public let service: AccountService
    public let source: AccountSource
    /// The auth method of accounts the source creates (`ldap` for directories: pass-through bind).
    public let authMethod: AuthMethod

    public init(service: AccountService, source: AccountSource, authMethod: AuthMethod) {
        self.service = service
        self.source = source
        self.authMethod = authMethod
    }

    var context: ActingContext { ActingContext(actor: .system, via: source.rawValue) }

    /// Applies account changes, then the groups (when given). Throws — and so writes nothing — on any store error.
    public func apply(
        _ plan: SyncPlan, groups: [DesiredGroup]?, groupsComplete: Bool, existing: ExistingAccounts,
        scopeRoles: [String: ScopeRole] = [:], in tx: any SyncTransaction
    ) throws -> SyncOutcome {
        var outcome = SyncOutcome()
        var anchors = existing.ownedByAnchor.mapValues(\.id)
        for desired in plan.creates {
            anchors[desired.anchor] = try create(desired, tx)
            outcome.count("created")
        }
        for adoption in plan.adoptions {
            try adopt(adoption, tx)
            anchors[adoption.desired.anchor] = adoption.accountID
            outcome.count("adopted")
        }
        for update in plan.updates {
            try self.update(update, tx, &outcome)
        }
        for item in plan.deactivations {
            try deactivate(item, tx, &outcome)
        }
        for item in plan.deletions {
            try delete(item, tx, &outcome)
        }
        // Created accounts got theirs with the insert.
        for desired in plan.updates.map(\.desired) + plan.adoptions.map(\.desired) {
            guard let id = anchors[desired.anchor] else { continue }
            if existing.roleExplanations[id] != desired.roleExplanation {
                try tx.setRoleExplanation(accountID: id, source: source, explanation: desired.roleExplanation)
            }
        }
        for (anchor, scoped) in scopeRoles {
            guard let account = existing.ownedByAnchor[anchor],
                  existing.roleExplanations[account.id] != scoped.explanation, account.role == scoped.role else { continue }
            try tx.setRoleExplanation(accountID: account.id, source: source, explanation: scoped.explanation)
        }
        outcome.count("conflicts", plan.conflicts.count)
        outcome.count("heldDeactivations", plan.heldDeactivations.count)
        outcome.count("heldDeletions", plan.heldDeletions.count)
        outcome.count("heldRoleDowngrades", plan.heldDowngrades.count)
        if let groups {
            try GroupSync(source: source, service: service).apply(
                groups, accountIDs: anchors, complete: groupsComplete, in: tx, &outcome)
        }
        return outcome
    }

    private func create(_ desired: DesiredAccount, _ tx: any SyncTransaction) throws -> UUID {
        let now = service.now()
        let account = Account(
            id: service.ids.next(), userName: desired.userName, displayName: desired.displayName,
            givenName: desired.givenName, familyName: desired.familyName, emails: Self.emails(desired),
            active: desired.enabled, role: desired.role, authMethod: authMethod, source: source,
            sourceAnchor: desired.anchor, externalId: desired.externalId, createdAt: now, updatedAt: now,
            deactivatedAt: desired.enabled ? nil : now, deactivatedBy: desired.enabled ? nil : source.rawValue
        )
        try tx.insertPlanned(account, roleExplanation: desired.roleExplanation)
        try service.audit(tx, context, .system, .accountCreated, target: account, before: nil,
                          after: account.auditSnapshot, at: now)
        return account.id
    }

    private func adopt(_ adoption: SyncPlan.Adoption, _ tx: any SyncTransaction) throws {
        guard let original = try tx.account(id: adoption.accountID) else { return }
        var account = Self.applying(adoption.desired, to: original)
        account.source = source
        account.sourceAnchor = adoption.desired.anchor
        account.authMethod = authMethod
        account.passwordHash = authMethod == .password ? original.passwordHash : nil
        account.mustChangePassword = false
        account.role = adoption.desired.role
        _ = try service.save(account, replacing: original, .accountUpdated, tx, context, .system, at: service.now())
    }

    private func update(_ update: SyncPlan.Update, _ tx: any SyncTransaction, _ outcome: inout SyncOutcome) throws {
        guard let original = try tx.account(id: update.accountID) else { return }
        var account = Self.applying(update.desired, to: original)
        if update.reactivates {
            account.active = true
            account.deactivatedAt = nil
            account.deactivatedBy = nil
            outcome.count("reactivated")
        }
        if let change = update.roleChange {
            if change.from == .superuser,
               (try? AccountPolicy.checkLastSuperuser(original, remainsActiveSuperuser: false,
                                                      activeSuperuserCount: tx.activeSuperuserCount())) == nil {
                outcome.refusals.append("kept the role of '\(original.userName)': the last active superuser")
            } else {
                account.role = change.to
                outcome.count("roleChanged")
            }
        }
        guard account != original else { return }
        let action: AuditAction = update.roleChange != nil && account.role != original.role ? .roleChanged
            : update.reactivates ? .accountReactivated : .accountUpdated
        _ = try service.save(account, replacing: original, action, tx, context, .system, at: service.now())
        outcome.count("updated")
    }

    private func deactivate(_ item: SyncPlan.Deprovision, _ tx: any SyncTransaction, _ outcome: inout SyncOutcome) throws {
        guard let account = try tx.account(id: item.accountID), account.active else { return }
        let superusers = account.role == .superuser ? try tx.activeSuperuserCount() : 0
        do {
            try AccountPolicy.checkLastSuperuser(account, remainsActiveSuperuser: false, activeSuperuserCount: superusers)
        } catch {
            outcome.refusals.append("kept '\(account.userName)' active: \(error.message)")
            return
        }
        _ = try service.deactivateAccount(account, tx, context, .system, by: source.rawValue)
        outcome.count("deactivated")
    }

    private func delete(_ item: SyncPlan.Deprovision, _ tx: any SyncTransaction, _ outcome: inout SyncOutcome) throws {
        guard let account = try tx.account(id: item.accountID) else { return }
        let superusers = account.role == .superuser ? try tx.activeSuperuserCount() : 0
        do {
            try AccountPolicy.checkLastSuperuser(account, remainsActiveSuperuser: false, activeSuperuserCount: superusers)
        } catch {
            outcome.refusals.append("kept '\(account.userName)': \(error.message)")
            return
        }
        let owned = try tx.ownerships(ownerID: account.id)
        guard owned.isEmpty else {
            outcome.refusals.append("deactivated '\(account.userName)' instead of deleting it: it owns \(owned.count) resource(s)")
            if account.active {
                _ = try service.deactivateAccount(account, tx, context, .system, by: source.rawValue)
                outcome.count("deactivated")
            }
            return
        }
        _ = try service.deleteAccount(account, tx, context, .system)
        outcome.count("deleted")
    }

    /// The account with the entry's attributes (identity, role and state untouched).
    static func applying(_ desired: DesiredAccount, to original: Account) -> Account {
        var account = original
        account.userName = desired.userName
        account.displayName = desired.displayName
        account.givenName = desired.givenName
        account.familyName = desired.familyName
        account.externalId = desired.externalId
        account.emails = emails(desired)
        return account
    }

    static func emails(_ desired: DesiredAccount) -> [AccountEmail] {
        desired.emails.enumerated().map { index, value in
            AccountEmail(value: EmailPolicy.normalized(value), type: "work", primary: index == 0)
        }
    }
}
