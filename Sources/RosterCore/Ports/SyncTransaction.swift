import Foundation

/// The store operations a sync run needs, inside one write transaction.
public protocol SyncTransaction: AccountTransaction, SyncReader {
    /// Everything the planner compares against, loaded in bulk.
    func existingAccounts(for source: AccountSource) throws -> ExistingAccounts
    /// Inserts an account the planner already checked (no lookups; unique indexes still guard).
    func insertPlanned(_ account: Account) throws
    /// Stores why an account has its role (JSON), for `roster explain`.
    func setRoleExplanation(accountID: UUID, source: AccountSource, explanation: String?) throws
    func saveSyncState(_ state: SyncState) throws
    /// The source's groups by anchor.
    func groups(of source: AccountSource) throws -> [String: Group]
    func update(_ group: Group) throws
    func deleteGroup(id: UUID) throws
    /// Current direct members of a group.
    func members(ofGroup groupID: UUID) throws -> Set<GroupMember>
    func removeMembers(_ members: [GroupMember], fromGroup groupID: UUID) throws
    func insertSyncRun(_ run: SyncRunRecord) throws -> Int64
    func updateSyncRun(_ run: SyncRunRecord) throws
}

/// Read access for sync history and explanations.
public protocol SyncReader: AccountReader {
    func syncRuns(source: String?, limit: Int) throws -> [SyncRunRecord]
    func syncState(source: AccountSource) throws -> SyncState?
    func roleExplanation(accountID: UUID) throws -> (source: String, explanation: String?)?
}

/// A store that can run sync transactions.
public protocol SyncStore: AccountStore {
    func syncWrite<T>(_ body: (any SyncTransaction) throws -> T) throws -> T
    func syncRead<T>(_ body: (any SyncReader) throws -> T) throws -> T
}
