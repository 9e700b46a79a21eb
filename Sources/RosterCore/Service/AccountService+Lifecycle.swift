import Foundation

/// What a delete removed with the account.
public struct DeletedAccount: Sendable, Hashable {
    public var account: Account
    public var sessions: Int
    public var apiTokens: Int
    public var groupMemberships: Int
}

extension AccountService {
    /// Deactivates an account: its data stays, its sessions and API tokens are revoked.
    public func deactivate(_ reference: String, by context: ActingContext) throws -> Account {
        try store.write { tx in
            let original = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.deactivate, by: actor, on: original)
            guard original.active else {
                throw RosterError(.invalidState, "'\(original.userName)' is already inactive")
            }
            try AccountPolicy.checkLastSuperuser(
                original, remainsActiveSuperuser: false, activeSuperuserCount: tx.activeSuperuserCount()
            )
            return try deactivateAccount(original, tx, context, actor, by: context.via)
        }
    }

    /// The body of a deactivation inside an open transaction (also used by sync and SCIM deprovisioning).
    public func deactivateAccount(
        _ original: Account, _ tx: any AccountTransaction, _ context: ActingContext, _ actor: ActorState, by origin: String
    ) throws -> Account {
        let now = now()
        let sessions = try tx.deleteSessions(accountID: original.id)
        let tokens = try tx.deleteAPITokens(accountID: original.id)
        var account = original
        account.active = false
        account.deactivatedAt = now
        account.deactivatedBy = origin
        account.version = original.version + 1
        account.updatedAt = now
        try tx.update(account)
        var diff = original.auditSnapshot.changes(to: account.auditSnapshot)
        diff.after["revokedSessions"] = .int(sessions)
        diff.after["revokedAPITokens"] = .int(tokens)
        try audit(tx, context, actor, .accountDeactivated, target: account, before: diff.before, after: diff.after, at: now)
        return account
    }

    /// Reactivates an account. Revoked sessions and API tokens stay revoked.
    public func reactivate(_ reference: String, by context: ActingContext) throws -> Account {
        try store.write { tx in
            let original = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.reactivate, by: actor, on: original)
            guard !original.active else {
                throw RosterError(.invalidState, "'\(original.userName)' is already active")
            }
            var account = original
            account.active = true
            account.deactivatedAt = nil
            account.deactivatedBy = nil
            return try save(account, replacing: original, .accountReactivated, tx, context, actor, at: now())
        }
    }

    /// Deletes an account, refusing while it owns registered resources. Sessions, API tokens and group
    /// memberships are deleted with it. Nobody deletes their own account.
    public func delete(_ reference: String, by context: ActingContext) throws -> DeletedAccount {
        try store.write { tx in
            let account = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.delete, by: actor, on: account)
            try AccountPolicy.checkLastSuperuser(
                account, remainsActiveSuperuser: false, activeSuperuserCount: tx.activeSuperuserCount()
            )
            try AccountPolicy.checkNoOwnedResources(account, owned: tx.ownerships(ownerID: account.id).map(\.resource))
            return try deleteAccount(account, tx, context, actor)
        }
    }

    /// The body of a delete inside an open transaction, after the rules were checked.
    public func deleteAccount(
        _ account: Account, _ tx: any AccountTransaction, _ context: ActingContext, _ actor: ActorState
    ) throws -> DeletedAccount {
        let result = DeletedAccount(
            account: account, sessions: try tx.sessionCount(accountID: account.id),
            apiTokens: try tx.apiTokenCount(accountID: account.id), groupMemberships: try tx.groupCount(accountID: account.id)
        )
        try tx.deleteAccount(id: account.id)
        let after: AuditSnapshot = [
            "deletedSessions": .int(result.sessions), "deletedAPITokens": .int(result.apiTokens),
            "removedGroupMemberships": .int(result.groupMemberships),
        ]
        try audit(tx, context, actor, .accountDeleted, target: account, before: account.auditSnapshot, after: after,
                  at: now())
        return result
    }
}
