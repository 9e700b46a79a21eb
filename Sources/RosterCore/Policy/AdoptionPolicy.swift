/// When a source (a directory or a SCIM client) may take over an account it did not create: the one rule every
/// adoption follows, whichever entry point asks.
///
/// A source asserts a person (userName, emails). An account already holding that userName or an address is adopted
/// only when all of these hold:
/// - the source's `adoptAccounts` is on (adoption is never implicit);
/// - the account is `local`, `signup` or `invitation` (another source's account is never taken);
/// - the account is not an `admin` or `superuser`: elevated accounts are never adopted silently (the report or the
///   SCIM error names the account; an operator demotes it or deletes it first);
/// - one of the account's **verified** addresses (``AccountEmail/verified``) equals one the source asserts: a userName
///   alone, or an address somebody typed for themselves, proves nothing.
///
/// A self signup that was never verified proves nothing either and only squats the userName and address: it is
/// replaced (deleted, then the source creates its own account), whatever `adoptAccounts` says.
public enum AdoptionPolicy {
    public enum Decision: Sendable, Hashable {
        /// Take the account over (same id).
        case adopt
        /// Delete the unverified self signup and create the source's account.
        case replaceUnverifiedSignup
        /// Leave the account alone; the reason says why (no personal values in it beyond the userName).
        case refuse(String)
    }

    /// Decides for `holder`, the one account holding the asserted userName and/or addresses.
    /// - Parameters:
    ///   - source: the source asking to adopt.
    ///   - assertedEmails: the addresses the source asserts for the person.
    ///   - adoptAccounts: the source's `adoptAccounts` setting.
    public static func decide(
        _ holder: Account, by source: AccountSource, assertedEmails: [String], adoptAccounts: Bool
    ) -> Decision {
        if holder.source == source {
            return .refuse("'\(holder.userName)' already belongs to \(source)")
        }
        if holder.source.isExternal {
            return .refuse("the userName or an email belongs to an account of another source (\(holder.source))")
        }
        if isUnverifiedSignup(holder) { return .replaceUnverifiedSignup }
        guard adoptAccounts else {
            return .refuse("the userName or an email belongs to the \(holder.source) account '\(holder.userName)' (adoptAccounts is off)")
        }
        guard holder.role < .admin else {
            return .refuse("'\(holder.userName)' is \(holder.role == .superuser ? "a superuser" : "an admin"); elevated accounts are never adopted automatically (demote or delete it first)")
        }
        let asserted = Set(assertedEmails.map(EmailPolicy.key(for:)))
        guard !asserted.isDisjoint(with: holder.emails.verifiedKeys) else {
            return .refuse("'\(holder.userName)' has no verified address that the source asserts; a userName or an unverified address is not enough to adopt it")
        }
        return .adopt
    }

    /// A self signup whose address was never verified: inactive since the signup created it (an admin's or a
    /// source's deactivation records another origin; an adoption changes the source), with no verified address.
    /// Its verification link is the only thing that may activate it.
    public static func isUnverifiedSignup(_ account: Account) -> Bool {
        account.source == .signup && !account.active && account.deactivatedBy == AccountSource.signup.rawValue
            && account.emails.verifiedKeys.isEmpty
    }
}
