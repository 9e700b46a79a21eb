import Foundation

/// The store operations a sync run needs, inside one write transaction.
public protocol SyncTransaction: AccountTransaction, SyncReader {
    /// Everything the planner compares against, loaded in bulk.
    func existingAccounts(for source: AccountSource) throws -> ExistingAccounts
    /// Only what planning `entries` needs: their stored accounts (by anchor) and the holders of their userNames and
    /// emails. For quiet incremental runs, where nothing else can change.
    func existingAccounts(for source: AccountSource, entries: [DesiredAccount]) throws -> ExistingAccounts
    /// Inserts an account the planner already checked (no lookups; unique indexes still guard), with why it has
    /// its role.
    func insertPlanned(_ account: Account, roleExplanation: String?) throws
    /// Stores why an account has its role (JSON), for `roster explain`.
    func setRoleExplanation(accountID: UUID, source: AccountSource, explanation: String?) throws
    func saveSyncState(_ state: SyncState) throws
    func update(_ group: Group) throws
    func deleteGroup(id: UUID) throws
    /// Current direct members of every group of a source, as id texts, by group id text (one query).
    func memberIDs(ofGroupsOf source: AccountSource) throws -> [String: GroupMemberIDs]
    func removeMembers(_ members: [GroupMember], fromGroup groupID: UUID) throws
    /// Adds and removes direct members given as id texts (bulk-friendly forms of the two calls above).
    func addMemberIDs(_ members: GroupMemberIDs, toGroup groupID: String) throws
    func removeMemberIDs(_ members: GroupMemberIDs, fromGroup groupID: String) throws
    func insertSyncRun(_ run: SyncRunRecord) throws -> Int64
    func updateSyncRun(_ run: SyncRunRecord) throws
}

/// Read access for sync history and explanations.
public protocol SyncReader: AccountReader {
    func syncRuns(source: String?, limit: Int) throws -> [SyncRunRecord]
    func syncState(source: AccountSource) throws -> SyncState?
    /// The source's groups by anchor.
    func groups(of source: AccountSource) throws -> [String: Group]
    /// The source's accounts by anchor, with the external id (DN) and userName they were stored with.
    func knownEntries(of source: AccountSource) throws -> [String: KnownEntry]
    /// The same, for these anchors only (those not stored are absent): one indexed lookup each.
    func knownEntries(of source: AccountSource, anchors: [String]) throws -> [String: KnownEntry]
    func roleExplanation(accountID: UUID) throws -> (source: String, explanation: String?)?
}

/// A store that can run sync transactions.
public protocol SyncStore: AccountStore {
    func syncWrite<T>(_ body: (any SyncTransaction) throws -> T) throws -> T
    func syncRead<T>(_ body: (any SyncReader) throws -> T) throws -> T
}

/// The direct members of one group, as lower-case id texts.
public struct GroupMemberIDs: Sendable, Hashable {
    public var accounts: Set<String> = []
    public var groups: Set<String> = []
    public init(accounts: Set<String> = [], groups: Set<String> = []) {
        self.accounts = accounts
        self.groups = groups
    }

    public var count: Int { accounts.count + groups.count }
}

/// What the store remembers of a source's entry: enough to tell whether its group membership could have changed.
public struct KnownEntry: Sendable, Hashable {
    public var externalId: String?
    public var userName: String
    public init(externalId: String?, userName: String) {
        self.externalId = externalId
        self.userName = userName
    }
}
