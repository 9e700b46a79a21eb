import Foundation

/// A newly issued bearer secret: shown once, only its hash is stored.
public struct IssuedToken: Sendable, Hashable {
    public var id: UUID
    public var token: String
    /// When it stops working, where the issuer knows (personal API tokens: `sessions.apiTokenLifetimeDays`).
    public var expiresAt: Date? = nil
}

extension AccountService {
    /// Opens a session for an account and returns its token once. A must-change account gets a session limited
    /// to changing the password.
    public func openSession(accountID: UUID, lifetime: TimeInterval, by context: ActingContext) throws -> IssuedToken {
        let token = secrets.token()
        return try store.write { tx in
            guard let account = try tx.account(id: accountID) else {
                throw RosterError(.accountNotFound, "no account has this id")
            }
            guard account.active else {
                throw RosterError(.invalidState, "'\(account.userName)' is inactive")
            }
            let now = now()
            let session = Session(
                id: ids.next(), accountID: account.id, tokenHash: secrets.tokenHash(token), createdAt: now,
                expiresAt: now.addingTimeInterval(lifetime), passwordChangeOnly: account.mustChangePassword
            )
            try tx.insert(session)
            try audit(tx, context, actorState(context, in: tx), .sessionOpened, target: account, before: nil,
                      after: ["sessionID": .string(session.id.lowercasedText)], at: now)
            return IssuedToken(id: session.id, token: token)
        }
    }

    /// Issues a personal API token for an account (its own, or by an admin), returned once.
    public func issueAPIToken(for reference: String, name: String, by context: ActingContext) throws -> IssuedToken {
        let token = secrets.token()
        return try store.write { tx in
            let account = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.issueAPIToken, by: actor, on: account)
            guard account.active else {
                throw RosterError(.invalidState, "'\(account.userName)' is inactive")
            }
            let now = now()
            let apiToken = APIToken(id: ids.next(), accountID: account.id, name: name, tokenHash: secrets.tokenHash(token),
                                    createdAt: now)
            try tx.insert(apiToken)
            try audit(tx, context, actor, .apiTokenIssued, target: account, before: nil,
                      after: ["tokenID": .string(apiToken.id.lowercasedText), "name": .string(name)], at: now)
            return IssuedToken(id: apiToken.id, token: token)
        }
    }
}
