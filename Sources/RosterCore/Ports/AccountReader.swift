import Foundation

/// Read access to the user store inside one transaction or snapshot.
public protocol AccountReader {
    func account(id: UUID) throws -> Account?
    func account(userNameKey: String) throws -> Account?
    func account(emailKey: String) throws -> Account?
    func account(source: AccountSource, anchor: String) throws -> Account?
    /// Whether any account has this userName key.
    func userNameKeyExists(_ key: String) throws -> Bool
    /// Accounts that are active superusers.
    func activeSuperuserCount() throws -> Int
    /// Accounts newest first (creation time), with their session and API-token counts.
    func listAccounts(includeInactive: Bool, limit: Int?, offset: Int) throws -> [AccountListing]
    func sessionCount(accountID: UUID) throws -> Int
    func apiTokenCount(accountID: UUID) throws -> Int
    /// The group memberships of an account (direct only).
    func groupCount(accountID: UUID) throws -> Int
    /// Ownership entries, of one owner or of all (sorted by type and id).
    func ownerships(ownerID: UUID?) throws -> [Ownership]
    func ownership(of resource: ResourceRef) throws -> Ownership?
    /// Audit entries, newest first, optionally only those about one target or by one actor.
    func auditEvents(involving id: UUID?, limit: Int) throws -> [AuditEvent]
    func group(id: UUID) throws -> Group?
}
