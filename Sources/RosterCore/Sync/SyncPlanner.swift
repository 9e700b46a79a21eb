import Foundation

/// Plans a sync run: compares what a source says (desired accounts) with what the store holds, and decides creates,
/// updates, role changes, adoptions, conflicts and deprovisioning — with the fail-closed guards:
///
/// - nothing is deprovisioned (deactivated, deleted or downgraded) unless every search of the run completed;
/// - nor past the source's thresholds (count and percentage of the accounts it owns), unless `allowDeprovision`;
/// - a source only changes accounts it owns; another source's account with the same userName or email is a conflict
///   (or, for local/signup/invitation accounts with adoption on, an adoption).
public struct SyncPlanner: Sendable {
    public var source: AccountSource
    public var policy: SyncPolicy

    public init(source: AccountSource, policy: SyncPolicy) {
        self.source = source
        self.policy = policy
    }

    /// - Parameters:
    ///   - desired: the entries read in full (all of them in a full run; the changed ones in an incremental run).
    ///   - inScope: every anchor currently in the source's scope (for deletion detection), or nil when `desired` is
    ///     the complete set.
    ///   - incompleteReasons: why some search did not complete (empty = complete).
    ///   - scopeRoles: incremental reads: the roles of in-scope entries not read in full; a differing role becomes a
    ///     role change of the stored account.
    public func plan(
        desired: [DesiredAccount], inScope: Set<String>? = nil, scopeRoles: [String: ScopeRole] = [:],
        incompleteReasons: [String], existing: ExistingAccounts
    ) -> SyncPlan {
        var plan = SyncPlan()
        var claims = Claims(existing: existing)
        let adoptable = existing.adoptable
        var seen: Set<String> = []
        seen.reserveCapacity(desired.count)
        for entry in desired {
            seen.insert(entry.anchor)
            if let account = existing.ownedByAnchor[entry.anchor] {
                planUpdate(account, entry, &plan, &claims)
            } else {
                planCreate(entry, adoptable, &plan, &claims)
            }
        }
        for (anchor, scoped) in scopeRoles where !seen.contains(anchor) {
            guard let account = existing.ownedByAnchor[anchor], account.role != scoped.role else { continue }
            var entry = Self.desired(from: account)
            entry.role = scoped.role
            entry.roleExplanation = scoped.explanation
            planUpdate(account, entry, &plan, &claims)
        }
        let scope = inScope ?? Set(desired.map(\.anchor))
        for (anchor, account) in existing.ownedByAnchor where !scope.contains(anchor) {
            let item = SyncPlan.Deprovision(accountID: account.id, userName: account.userName, reason: .missing)
            switch policy.deprovision {
            case .deactivate where account.active: plan.deactivations.append(item)
            case .delete: plan.deletions.append(item)
            default: break
            }
        }
        applyGuards(&plan, incompleteReasons: incompleteReasons, owned: existing.ownedCount ?? existing.ownedByAnchor.count)
        plan.deactivations.sort { $0.userName < $1.userName }
        plan.deletions.sort { $0.userName < $1.userName }
        return plan
    }

    private func planCreate(
        _ entry: DesiredAccount, _ adoptable: [UUID: Account], _ plan: inout SyncPlan, _ claims: inout Claims
    ) {
        let userKey = UserNamePolicy.key(for: entry.userName)
        let emailKeys = entry.emails.map(EmailPolicy.key(for:))
        let holders = Set([claims.userNames[userKey]].compactMap { $0 } + emailKeys.compactMap { claims.emails[$0] })
        if holders.isEmpty {
            if let problem = validation(entry) {
                plan.conflicts.append(.init(anchor: entry.anchor, userName: entry.userName, reason: problem))
                return
            }
            claims.claim(entry, id: nil, source: source)
            plan.creates.append(entry)
            return
        }
        // One local account holds the userName and/or addresses: AdoptionPolicy decides, as the apply will.
        var refusal: String?
        if holders.count == 1, let holder = holders.first, holder.isAdoptable, let id = holder.id,
           let account = adoptable[id], validation(entry) == nil
        {
            switch AdoptionPolicy.decide(account, by: source, assertedEmails: entry.emails, adoptAccounts: policy.adoptAccounts) {
            case .adopt, .replaceUnverifiedSignup:
                claims.claim(entry, id: id, source: source)
                plan.adoptions.append(.init(accountID: id, fromSource: holder.source.rawValue, desired: entry))
                return
            case .refuse(let reason):
                refusal = reason
            }
        }
        let holder = holders.first
        let what = claims.userNames[userKey] != nil ? "userName" : "email"
        plan.conflicts.append(.init(
            anchor: entry.anchor, userName: entry.userName,
            reason: refusal ?? (holder?.id == nil ? "another entry of this run has the same \(what)"
                : "the \(what) belongs to an account of \(holder?.source.rawValue ?? "?")"),
            existingAccountID: holder?.id, existingSource: holder?.source.rawValue))
    }

    private func planUpdate(_ account: Account, _ entry: DesiredAccount, _ plan: inout SyncPlan, _ claims: inout Claims) {
        let userKey = UserNamePolicy.key(for: entry.userName)
        let emailKeys = entry.emails.map(EmailPolicy.key(for:))
        let taken = ([claims.userNames[userKey]] + emailKeys.map { claims.emails[$0] }).compactMap { $0 }
            .first { $0.id != account.id }
        if let taken {
            plan.conflicts.append(.init(
                anchor: entry.anchor, userName: entry.userName,
                reason: "a renamed userName or a new email belongs to another account",
                existingAccountID: taken.id, existingSource: taken.source.rawValue))
            return
        }
        if let problem = validation(entry) {
            plan.conflicts.append(.init(anchor: entry.anchor, userName: entry.userName, reason: problem,
                                        existingAccountID: account.id, existingSource: source.rawValue))
            return
        }
        claims.claim(entry, id: account.id, source: source)
        if !entry.enabled {
            if account.active {
                plan.deactivations.append(.init(accountID: account.id, userName: account.userName, reason: .disabled))
            }
        }
        var changes = Self.fieldChanges(account, entry)
        let reactivates = entry.enabled && !account.active && account.deactivatedBy == source.rawValue
        if reactivates { changes.append(.init(field: "active", before: "false", after: "true")) }
        let roleChange = entry.role == account.role ? nil : SyncPlan.RoleChange(from: account.role, to: entry.role)
        if roleChange != nil {
            changes.append(.init(field: "role", before: account.role.rawValue, after: entry.role.rawValue))
        }
        guard !changes.isEmpty else { return }
        plan.updates.append(.init(accountID: account.id, userName: account.userName, desired: entry, changes: changes,
                                  roleChange: roleChange, reactivates: reactivates))
    }

    /// The entry that would leave a stored account as it is.
    public static func desired(from account: Account) -> DesiredAccount {
        DesiredAccount(
            anchor: account.sourceAnchor ?? "", externalId: account.externalId, userName: account.userName,
            displayName: account.displayName, givenName: account.givenName, familyName: account.familyName,
            emails: account.emails.map(\.value), enabled: account.active,
            role: account.role)
    }

    /// Attribute differences between a stored account and an entry (role and active are handled apart).
    public static func fieldChanges(_ account: Account, _ entry: DesiredAccount) -> [SyncPlan.FieldChange] {
        var changes: [SyncPlan.FieldChange] = []
        func compare(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(.init(field: field, before: before, after: after)) }
        }
        compare("userName", account.userName, entry.userName)
        compare("displayName", account.displayName, entry.displayName)
        compare("givenName", account.givenName, entry.givenName)
        compare("familyName", account.familyName, entry.familyName)
        compare("externalId", account.externalId, entry.externalId)
        let before = account.emails.map(\.value)
        let after = entry.emails.map(EmailPolicy.normalized)
        if before != after {
            changes.append(.init(field: "emails", before: before.joined(separator: ", "), after: after.joined(separator: ", ")))
        }
        return changes
    }

    private func validation(_ entry: DesiredAccount) -> String? {
        do {
            try UserNamePolicy.validate(entry.userName)
            for email in entry.emails { try EmailPolicy.validate(email) }
            return nil
        } catch {
            return error.message
        }
    }

    /// Holds deprovisioning after an incomplete read or past a threshold.
    private func applyGuards(_ plan: inout SyncPlan, incompleteReasons: [String], owned: Int) {
        let downgrades = plan.updates.filter { $0.roleChange?.isDowngrade == true }
        let count = plan.deactivations.count + plan.deletions.count + downgrades.count
        guard count > 0 else {
            if !incompleteReasons.isEmpty { plan.holds.append(.incompleteRead(reasons: incompleteReasons)) }
            return
        }
        var holds: [SyncPlan.Hold] = []
        if !incompleteReasons.isEmpty {
            holds.append(.incompleteRead(reasons: incompleteReasons))
        } else if !policy.allowDeprovision {
            if count > policy.maxDeprovisionCount {
                holds.append(.countThreshold(count: count, limit: policy.maxDeprovisionCount))
            }
            let percent = Double(count) * 100 / Double(max(owned, 1))
            if percent > policy.maxDeprovisionPercent {
                holds.append(.percentThreshold(percent: (percent * 10).rounded() / 10, limit: policy.maxDeprovisionPercent))
            }
        }
        guard !holds.isEmpty else { return }
        plan.holds = holds
        plan.heldDeactivations = plan.deactivations
        plan.heldDeletions = plan.deletions
        plan.heldDowngrades = downgrades
        plan.deactivations = []
        plan.deletions = []
        plan.updates = plan.updates.compactMap { update in
            guard update.roleChange?.isDowngrade == true else { return update }
            var kept = update
            kept.roleChange = nil
            kept.desired.role = update.roleChange?.from ?? update.desired.role
            kept.changes.removeAll { $0.field == "role" }
            return kept.changes.isEmpty ? nil : kept
        }
    }
}

/// Who holds each userName and email key, including what this run has claimed so far.
private struct Claims {
    struct Holder: Hashable {
        var id: UUID?
        var source: AccountSource
        var isAdoptable: Bool {
            switch source {
            case .local, .signup, .invitation: id != nil
            case .ldap, .scim: false
            }
        }
    }

    var userNames: [String: Holder]
    var emails: [String: Holder]

    init(existing: ExistingAccounts) {
        userNames = existing.userNameHolders.mapValues { Holder(id: $0.id, source: $0.source) }
        emails = existing.emailHolders.mapValues { Holder(id: $0.id, source: $0.source) }
    }

    mutating func claim(_ entry: DesiredAccount, id: UUID?, source: AccountSource) {
        let holder = Holder(id: id, source: source)
        userNames[UserNamePolicy.key(for: entry.userName)] = holder
        for email in entry.emails { emails[EmailPolicy.key(for: email)] = holder }
    }
}
