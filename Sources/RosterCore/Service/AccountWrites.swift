import Foundation

/// The one write path for account state: every entry point (the CLI, the admin API, self-service, signup and
/// invitations, SCIM, the LDAP sync) changes an account only through these commands, inside its own transaction.
///
/// The commands own the invariants, so that no entry point can forget one:
/// - **role grants**: an account never rises above ``roleCeiling`` (superuser only for the operator and superusers,
///   admin only for admins; a source's configured maximum for directories and SCIM clients);
/// - **the last active superuser** is never demoted, deactivated or deleted, by anyone;
/// - **deactivation** revokes the account's sessions and API tokens; reactivation clears the deactivation marks;
/// - **adoption** follows ``AdoptionPolicy`` and, when it happens, clears the password unless the source sets one,
///   applies the source's auth method and revokes sessions, API tokens and pending email verifications;
/// - **a changed password** revokes the account's API tokens (sessions are the caller's decision: a reset revokes
///   them unless told not to; a self-service change keeps the session that made it);
/// - **external sources assert their addresses**: the emails of an LDAP or SCIM account are always verified;
/// - each change bumps the version and the update time and appends **one audit entry**.
///
/// A refusal throws before anything is written, and the caller's transaction rolls back whatever it did before.
/// Permission checks that depend on *who* acts on *what* (``AccountPolicy/authorize(_:by:on:)``) stay with the
/// entry points that have an acting account; the commands enforce what holds for every writer.
public struct AccountWrites {
    public let tx: any AccountTransaction
    public let context: ActingContext
    public let actor: ActorState
    public let now: Date
    /// The highest role this writer may give an account.
    public let roleCeiling: Role

    public init(tx: any AccountTransaction, context: ActingContext, actor: ActorState, now: Date, roleCeiling: Role) {
        self.tx = tx
        self.context = context
        self.actor = actor
        self.now = now
        self.roleCeiling = roleCeiling
    }

    /// The ceiling of an acting identity: the operator may give every role, an account at most its own.
    public static func ceiling(of actor: ActorState) -> Role {
        actor.account?.role ?? .superuser
    }

    // MARK: commands

    /// Inserts a new account. `insert` is the store call to use (the sync writes with its bulk statement).
    @discardableResult
    public func create(
        _ new: Account, extra: AuditSnapshot = [:], insert: ((Account) throws -> Void)? = nil
    ) throws -> Account {
        var account = new
        try checkGrant(account.role, from: nil, for: account)
        if account.source.isExternal, account.emails.contains(where: { !$0.verified }) {
            account.emails = account.emails.markedVerified
        }
        if !account.active {
            account.deactivatedAt = account.deactivatedAt ?? now
            account.deactivatedBy = account.deactivatedBy ?? account.source.rawValue
        }
        if let insert { try insert(account) } else { try tx.insert(account) }
        var after = account.auditSnapshot
        after.merge(extra) { $1 }
        try audit(.accountCreated, account, before: nil, after: after)
        return account
    }

    /// Stores `changed` in place of `original` with every invariant of the write path (see the type's
    /// documentation). Returns the stored account, or `original` when nothing changed (nothing is written then,
    /// unless `action` is given).
    @discardableResult
    public func save(
        _ original: Account, as changed: Account, action explicitAction: AuditAction? = nil, extra: AuditSnapshot = [:]
    ) throws -> Account {
        precondition(changed.id == original.id, "an account's id never changes")
        var account = changed
        try checkGrant(account.role, from: original, for: account)
        try checkLastSuperuser(original, after: account)
        if account.source.isExternal, account.emails.contains(where: { !$0.verified }) {
            account.emails = account.emails.markedVerified
        }
        var after = extra
        var revokedTokens = 0
        let deactivating = original.active && !account.active
        if deactivating {
            // A caller that names the origin (a source deprovisioning) sets deactivatedBy; otherwise the entry point.
            let origin = account.deactivatedBy != original.deactivatedBy ? account.deactivatedBy : nil
            account.deactivatedAt = now
            account.deactivatedBy = origin ?? context.via
            after["revokedSessions"] = .int(try tx.deleteSessions(accountID: account.id))
            revokedTokens += try tx.deleteAPITokens(accountID: account.id)
        } else if !original.active && account.active {
            account.deactivatedAt = nil
            account.deactivatedBy = nil
        }
        if original.passwordHash != nil, account.passwordHash != original.passwordHash {
            revokedTokens += try tx.deleteAPITokens(accountID: account.id)
        }
        if revokedTokens > 0 || deactivating { after["revokedAPITokens"] = .int(revokedTokens) }
        let columnsChanged = account.withoutBookkeeping != original.withoutBookkeeping
        guard columnsChanged || explicitAction != nil || !after.isEmpty else { return original }
        account.version = original.version + 1
        account.updatedAt = now
        try tx.update(account, from: original)
        var diff = original.auditSnapshot.changes(to: account.auditSnapshot)
        if account.passwordHash != original.passwordHash {
            diff.before["password"] = .string(original.passwordHash == nil ? "none" : "set")
            diff.after["password"] = .string(account.passwordHash == nil ? "none" : "changed")
        }
        diff.after.merge(after) { $1 }
        try audit(explicitAction ?? Self.action(original, account), account, before: diff.before, after: diff.after)
        return account
    }

    /// Gives an account a role.
    @discardableResult
    public func changeRole(_ original: Account, to role: Role) throws -> Account {
        var account = original
        account.role = role
        return try save(original, as: account, action: original.role == role ? nil : .roleChanged)
    }

    /// Deactivates an account (sessions and API tokens revoked); `origin` is recorded as `deactivatedBy`
    /// (default: the entry point).
    @discardableResult
    public func deactivate(_ original: Account, origin: String? = nil) throws -> Account {
        guard original.active else {
            throw RosterError(.invalidState, "'\(original.userName)' is already inactive")
        }
        var account = original
        account.active = false
        account.deactivatedBy = origin ?? context.via
        return try save(original, as: account, action: .accountDeactivated)
    }

    /// Reactivates an account. Revoked sessions and API tokens stay revoked.
    @discardableResult
    public func reactivate(_ original: Account) throws -> Account {
        guard !original.active else {
            throw RosterError(.invalidState, "'\(original.userName)' is already active")
        }
        var account = original
        account.active = true
        return try save(original, as: account, action: .accountReactivated)
    }

    /// Deletes an account with everything that hangs off it (sessions, API tokens, emails, memberships), refusing
    /// the last active superuser and an account that owns registered resources.
    @discardableResult
    public func delete(_ account: Account, action: AuditAction = .accountDeleted, extra: AuditSnapshot = [:]) throws -> DeletedAccount {
        try checkLastSuperuser(account, after: nil)
        try AccountPolicy.checkNoOwnedResources(account, owned: tx.ownerships(ownerID: account.id).map(\.resource))
        let result = DeletedAccount(
            account: account, sessions: try tx.sessionCount(accountID: account.id),
            apiTokens: try tx.apiTokenCount(accountID: account.id), groupMemberships: try tx.groupCount(accountID: account.id)
        )
        try tx.deleteAccount(id: account.id)
        var after: AuditSnapshot = [
            "deletedSessions": .int(result.sessions), "deletedAPITokens": .int(result.apiTokens),
            "removedGroupMemberships": .int(result.groupMemberships),
        ]
        after.merge(extra) { $1 }
        try audit(action, account, before: account.auditSnapshot, after: after)
        return result
    }

    /// A source takes over `holder` under ``AdoptionPolicy`` (throws `adoptionRefused` otherwise). `apply` sets the
    /// source's attributes and role on the account; the password becomes `passwordHash` (nil clears it), the auth
    /// method the source's, and sessions, API tokens and pending verifications are revoked.
    @discardableResult
    public func adopt(
        _ holder: Account, into source: AccountSource, assertedEmails: [String], adoptAccounts: Bool,
        authMethod: AuthMethod, passwordHash: String?, apply: (inout Account) -> Void
    ) throws -> Account {
        guard case .adopt = AdoptionPolicy.decide(holder, by: source, assertedEmails: assertedEmails,
                                                  adoptAccounts: adoptAccounts) else {
            throw RosterError(.adoptionRefused, Self.refusal(holder, source, assertedEmails, adoptAccounts))
        }
        var account = holder
        apply(&account)
        account.source = source
        account.authMethod = authMethod
        account.passwordHash = passwordHash
        account.mustChangePassword = false
        var extra: AuditSnapshot = ["adoptedFrom": .string(holder.source.rawValue)]
        extra["revokedSessions"] = .int(try tx.deleteSessions(accountID: holder.id))
        extra["revokedAPITokens"] = .int(try tx.deleteAPITokens(accountID: holder.id))
        extra["revokedVerifications"] = .int(try tx.deletePendingVerifications(accountID: holder.id))
        return try save(holder, as: account, action: .accountAdopted, extra: extra)
    }

    /// Removes an unverified self signup that squats what a source asserts (``AdoptionPolicy``).
    public func replaceUnverifiedSignup(_ holder: Account, for source: AccountSource) throws {
        guard AdoptionPolicy.isUnverifiedSignup(holder) else {
            throw RosterError(.adoptionRefused, "'\(holder.userName)' is not an unverified self signup")
        }
        try delete(holder, extra: ["replacedBy": .string(source.rawValue)])
    }

    // MARK: invariants

    /// Refuses a role above the writer's ceiling, unless the account already had it.
    func checkGrant(_ role: Role, from original: Account?, for account: Account) throws {
        guard role > (original?.role ?? .guest), role > roleCeiling else { return }
        if role == .superuser {
            throw RosterError(.superuserOnly, "only a superuser can grant the superuser role ('\(account.userName)' via \(context.via))")
        }
        throw RosterError(.roleNotGrantable, "\(context.via) may not give the role '\(role)' (its maximum is '\(roleCeiling)')")
    }

    /// Refuses a change after which the last active superuser would no longer be one (`after` nil: deleted).
    func checkLastSuperuser(_ original: Account, after: Account?) throws {
        let remains = after.map { $0.active && $0.role == .superuser } ?? false
        guard original.active, original.role == .superuser, !remains else { return }
        try AccountPolicy.checkLastSuperuser(original, remainsActiveSuperuser: false,
                                             activeSuperuserCount: tx.activeSuperuserCount())
    }

    // MARK: helpers

    func audit(_ action: AuditAction, _ account: Account, before: AuditSnapshot?, after: AuditSnapshot?) throws {
        try tx.append(AuditEvent(
            at: now, actor: context.actor.description, actorName: actor.account?.userName, via: context.via,
            action: action, targetType: "account", targetID: account.id.lowercasedText, targetName: account.userName,
            before: before, after: after
        ))
    }

    /// The action a change without an explicit one is recorded as.
    static func action(_ original: Account, _ account: Account) -> AuditAction {
        if original.active && !account.active { return .accountDeactivated }
        if !original.active && account.active { return .accountReactivated }
        var roleOnly = original
        roleOnly.role = account.role
        if original.role != account.role, roleOnly.withoutBookkeeping == account.withoutBookkeeping { return .roleChanged }
        return .accountUpdated
    }

    static func refusal(_ holder: Account, _ source: AccountSource, _ emails: [String], _ adoptAccounts: Bool) -> String {
        switch AdoptionPolicy.decide(holder, by: source, assertedEmails: emails, adoptAccounts: adoptAccounts) {
        case .refuse(let reason): reason
        case .replaceUnverifiedSignup: "'\(holder.userName)' is an unverified self signup; it is replaced, not adopted"
        case .adopt: "adoption refused"
        }
    }
}

extension Account {
    /// The account without its version and update time, to tell whether anything that matters changed.
    var withoutBookkeeping: Account {
        var account = self
        account.version = 0
        account.updatedAt = Date(timeIntervalSince1970: 0)
        return account
    }
}

extension AuditAction {
    public static let accountAdopted = AuditAction(rawValue: "account.adopted")
}
