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
            let writes = try writes(tx, context)
            try AccountPolicy.authorize(.deactivate, by: writes.actor, on: original)
            return try writes.deactivate(original)
        }
    }

    /// Reactivates an account. Revoked sessions and API tokens stay revoked.
    public func reactivate(_ reference: String, by context: ActingContext) throws -> Account {
        try store.write { tx in
            let original = try resolve(reference, in: tx)
            let writes = try writes(tx, context)
            try AccountPolicy.authorize(.reactivate, by: writes.actor, on: original)
            return try writes.reactivate(original)
        }
    }

    /// Deletes an account, refusing while it owns registered resources. Sessions, API tokens and group
    /// memberships are deleted with it. Nobody deletes their own account.
    public func delete(_ reference: String, by context: ActingContext) throws -> DeletedAccount {
        try store.write { tx in
            let account = try resolve(reference, in: tx)
            let writes = try writes(tx, context)
            try AccountPolicy.authorize(.delete, by: writes.actor, on: account)
            return try writes.delete(account)
        }
    }
}
