import Foundation

/// Write access to the user store inside one transaction.
public protocol AccountTransaction: AccountReader {
    func insert(_ account: Account) throws
    /// Replaces the stored account (and its emails) with `account`, every column.
    func update(_ account: Account) throws
    /// Stores `account` in place of `original`, the stored row as this transaction read it: only what differs is
    /// written. Throws `versionMismatch` when the stored version is no longer `original`'s.
    func update(_ account: Account, from original: Account) throws
    /// Deletes the account; sessions, API tokens and group memberships go with it.
    func deleteAccount(id: UUID) throws
    /// Deletes the account's sessions; returns how many.
    @discardableResult func deleteSessions(accountID: UUID) throws -> Int
    /// Deletes the account's API tokens; returns how many.
    @discardableResult func deleteAPITokens(accountID: UUID) throws -> Int
    /// Deletes the account's unused email verifications (their links stop working); returns how many.
    @discardableResult func deletePendingVerifications(accountID: UUID) throws -> Int
    func insert(_ session: Session) throws
    func insert(_ token: APIToken) throws
    func insert(_ group: Group) throws
    func addMembers(_ members: [GroupMember], toGroup groupID: UUID) throws
    func addOwnership(_ resource: ResourceRef, ownerID: UUID, at: Date) throws
    @discardableResult func removeOwnership(_ resource: ResourceRef) throws -> Bool
    /// Moves every resource owned by `from` to `to`; returns what moved.
    func transferOwnerships(from: UUID, to: UUID) throws -> [ResourceRef]
    func append(_ event: AuditEvent) throws
}
