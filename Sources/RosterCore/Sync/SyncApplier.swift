import Foundation

/// Applies a ``SyncPlan`` inside one sync transaction, as the source (`ldap:NAME`, `scim:NAME`), with one audit entry
/// per changed account. Rules of the admin guides still hold: the last active superuser is never deprovisioned or
/// downgraded, and an account that owns registered resources is deactivated instead of deleted (both reported).
public struct SyncApplier: Sendable {
    public let service: AccountService
    public let source: AccountSource
    /// The auth method of accounts the source creates (`ldap` for directories: pass-through bind).
    public let authMethod: AuthMethod
    /// The source's adoption setting and highest role.
    public let policy: SyncPolicy

    public init(service: AccountService, source: AccountSource, authMethod: AuthMethod, policy: SyncPolicy = SyncPolicy()) {
        self.service = service
        self.source = source
        self.authMethod = authMethod
        self.policy = policy
    }

    /// Applies account changes, then the groups (when given). Throws — and so writes nothing — on any store error.
    public func apply(
        _ plan: SyncPlan, groups: [DesiredGroup]?, groupsComplete: Bool, existing: ExistingAccounts,
        scopeRoles: [String: ScopeRole] = [:], membershipAnchors: Set<String>? = nil, in tx: any SyncTransaction
    ) throws -> SyncOutcome {
        var outcome = SyncOutcome()
        let writes = service.sourceWrites(tx, source: source, maxRole: policy.maxRole)
        var anchors = existing.ownedByAnchor.mapValues(\.id)
        for desired in plan.creates {
            do {
                anchors[desired.anchor] = try create(desired, writes, tx)
                outcome.count("created")
            } catch let error as RosterError where error.code == .superuserOnly || error.code == .roleNotGrantable {
                // A role the source may not give: the entry is left out, never created with less or more.
                outcome.refusals.append("did not create '\(desired.userName)': \(error.message)")
            }
        }
        for adoption in plan.adoptions {
            if let id = try adopt(adoption, writes, tx, &outcome) { anchors[adoption.desired.anchor] = id }
        }
        for update in plan.updates {
            // The plan's account was read in this transaction, and nothing before this point writes an account the
            // source already owns: no second read.
            let loaded = existing.ownedByAnchor[update.desired.anchor].flatMap { $0.id == update.accountID ? $0 : nil }
            try self.update(update, loaded: loaded, writes, &outcome)
        }
        for item in plan.deactivations {
            try deactivate(item, writes, &outcome)
        }
        for item in plan.deletions {
            try delete(item, writes, &outcome)
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
                groups, accountIDs: anchors, complete: groupsComplete, onlyAccounts: membershipAnchors, in: tx, &outcome)
        }
        return outcome
    }

    private func create(_ desired: DesiredAccount, _ writes: AccountWrites, _ tx: any SyncTransaction) throws -> UUID {
        let now = writes.now
        let account = Account(
            id: service.ids.next(), userName: desired.userName, displayName: desired.displayName,
            givenName: desired.givenName, familyName: desired.familyName, emails: Self.emails(desired),
            active: desired.enabled, role: desired.role, authMethod: authMethod, source: source,
            sourceAnchor: desired.anchor, externalId: desired.externalId, createdAt: now, updatedAt: now,
            deactivatedAt: desired.enabled ? nil : now, deactivatedBy: desired.enabled ? nil : source.rawValue
        )
        return try writes.create(account) { try tx.insertPlanned($0, roleExplanation: desired.roleExplanation) }.id
    }

    /// Takes over a local account under ``AdoptionPolicy``, or replaces an unverified self signup; a refusal is
    /// reported and the entry is left out of this run (nothing is created in its place). Returns the account's id.
    private func adopt(
        _ adoption: SyncPlan.Adoption, _ writes: AccountWrites, _ tx: any SyncTransaction, _ outcome: inout SyncOutcome
    ) throws -> UUID? {
        guard let holder = try tx.account(id: adoption.accountID) else { return nil }
        let desired = adoption.desired
        switch AdoptionPolicy.decide(holder, by: source, assertedEmails: desired.emails, adoptAccounts: policy.adoptAccounts) {
        case .refuse(let reason):
            outcome.refusals.append("did not adopt '\(holder.userName)' for \(desired.userName): \(reason)")
            return nil
        case .replaceUnverifiedSignup:
            try writes.replaceUnverifiedSignup(holder, for: source)
            outcome.count("created")
            return try create(desired, writes, tx)
        case .adopt:
            let account = try writes.adopt(
                holder, into: source, assertedEmails: desired.emails, adoptAccounts: policy.adoptAccounts,
                authMethod: authMethod, passwordHash: authMethod == .password ? holder.passwordHash : nil
            ) { account in
                account = Self.applying(desired, to: account)
                account.sourceAnchor = desired.anchor
                account.role = desired.role
            }
            outcome.count("adopted")
            return account.id
        }
    }

    private func update(
        _ update: SyncPlan.Update, loaded: Account?, _ writes: AccountWrites, _ outcome: inout SyncOutcome
    ) throws {
        guard let original = try loaded ?? writes.tx.account(id: update.accountID) else { return }
        var account = Self.applying(update.desired, to: original)
        if update.reactivates {
            account.active = true
        }
        if let change = update.roleChange {
            account.role = change.to
        }
        do {
            let saved = try writes.save(original, as: account)
            guard saved != original else { return }
        } catch let error as RosterError where error.code == .lastSuperuser || error.code.category == .refused {
            // Keep everything else of the entry; only the role stays (the last superuser, or a role the source may
            // not give).
            outcome.refusals.append("kept the role of '\(original.userName)': \(error.message)")
            account.role = original.role
            guard try writes.save(original, as: account) != original else { return }
        }
        if update.reactivates { outcome.count("reactivated") }
        if update.roleChange != nil, account.role != original.role { outcome.count("roleChanged") }
        outcome.count("updated")
    }

    private func deactivate(_ item: SyncPlan.Deprovision, _ writes: AccountWrites, _ outcome: inout SyncOutcome) throws {
        guard let account = try writes.tx.account(id: item.accountID), account.active else { return }
        do {
            try writes.deactivate(account, origin: source.rawValue)
        } catch let error as RosterError where error.code == .lastSuperuser {
            outcome.refusals.append("kept '\(account.userName)' active: \(error.message)")
            return
        }
        outcome.count("deactivated")
    }

    private func delete(_ item: SyncPlan.Deprovision, _ writes: AccountWrites, _ outcome: inout SyncOutcome) throws {
        guard let account = try writes.tx.account(id: item.accountID) else { return }
        do {
            try writes.delete(account)
            outcome.count("deleted")
        } catch let error as RosterError where error.code == .lastSuperuser {
            outcome.refusals.append("kept '\(account.userName)': \(error.message)")
        } catch let error as RosterError where error.code == .ownsResources {
            outcome.refusals.append("deactivated '\(account.userName)' instead of deleting it: it owns \(error.details.count) resource(s)")
            if account.active {
                try writes.deactivate(account, origin: source.rawValue)
                outcome.count("deactivated")
            }
        }
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
            AccountEmail(value: EmailPolicy.normalized(value), type: "work", primary: index == 0, verified: true)
        }
    }
}
