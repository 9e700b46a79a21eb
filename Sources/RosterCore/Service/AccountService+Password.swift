import Foundation

/// The outcome of a password reset: the temporary password (shown once) and how many sessions were revoked.
public struct PasswordReset: Sendable, Hashable {
    public var account: Account
    public var temporaryPassword: String
    public var revokedSessions: Int
}

extension AccountService {
    /// Issues a temporary password the account must change at next login, and revokes its sessions unless
    /// `keepSessions` (the guides leave sessions alive and recommend revoking them; Roster revokes by default).
    public func resetPassword(_ reference: String, keepSessions: Bool, by context: ActingContext) throws -> PasswordReset {
        let temporary = secrets.temporaryPassword(length: settings.temporaryPasswordLength)
        let hash = try hasher.hash(temporary)
        return try store.write { tx in
            let original = try resolve(reference, in: tx)
            let writes = try writes(tx, context)
            try AccountPolicy.authorize(.resetPassword, by: writes.actor, on: original)
            guard original.authMethod == .password else {
                throw RosterError(
                    .notPasswordAccount,
                    "'\(original.userName)' signs in with \(original.authMethod), not a local password"
                )
            }
            let revoked = keepSessions ? 0 : try tx.deleteSessions(accountID: original.id)
            var account = original
            account.passwordHash = hash
            account.mustChangePassword = true
            // The write path revokes the account's API tokens with the old password.
            account = try writes.save(original, as: account, action: .passwordReset,
                                      extra: ["revokedSessions": .int(revoked)])
            return PasswordReset(account: account, temporaryPassword: temporary, revokedSessions: revoked)
        }
    }

    /// Checks a password against the stored hash in constant time; false for accounts without a local password.
    public func verifyPassword(_ password: String, of account: Account) -> Bool {
        guard account.authMethod == .password, let hash = account.passwordHash else { return false }
        return hasher.verify(password, against: hash)
    }
}
