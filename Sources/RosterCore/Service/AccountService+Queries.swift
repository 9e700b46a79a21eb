import Foundation

extension AccountService {
    /// Accounts newest first with session and API-token counts. Needs admin (or the operator).
    public func list(includeInactive: Bool, by context: ActingContext) throws -> [AccountListing] {
        try store.read { reader in
            try AccountPolicy.authorize(.viewAccounts, by: actorState(context, in: reader), on: nil)
            return try reader.listAccounts(includeInactive: includeInactive, limit: nil, offset: 0)
        }
    }

    /// One account by id, userName or email, with its counts. An account may always see itself.
    public func show(_ reference: String, by context: ActingContext) throws -> AccountListing {
        try store.read { reader in
            let account = try resolve(reference, in: reader)
            let actor = try actorState(context, in: reader)
            if actor.account?.id != account.id {
                try AccountPolicy.authorize(.viewAccounts, by: actor, on: nil)
            }
            return AccountListing(
                account: account, sessionCount: try reader.sessionCount(accountID: account.id),
                apiTokenCount: try reader.apiTokenCount(accountID: account.id)
            )
        }
    }

    /// The audit log newest first, optionally only entries about (or by) one account.
    public func auditLog(about reference: String?, limit: Int = 1000, by context: ActingContext) throws -> [AuditEvent] {
        try store.read { reader in
            try AccountPolicy.authorize(.viewAudit, by: actorState(context, in: reader), on: nil)
            if let reference {
                // A deleted account can still be looked up by id in the log.
                let id = try (try? resolve(reference, in: reader))?.id ?? UUID(uuidString: reference).orThrow(
                    RosterError(.accountNotFound, "no account matches the given id, userName or email")
                )
                return try reader.auditEvents(involving: id, limit: limit)
            }
            return try reader.auditEvents(involving: nil, limit: limit)
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
