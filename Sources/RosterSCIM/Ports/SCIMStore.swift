import Foundation
import RosterCore

/// The store as the SCIM service needs it. Calls suspend instead of blocking the caller's thread: the store runs
/// the body on its own queue (GRDB's writer or reader), so HTTP handlers never block Swift's cooperative pool.
public protocol SCIMStore: Sendable {
    /// One atomic write transaction: if `body` throws, nothing it did is kept.
    func scimWrite<T: Sendable>(_ body: @escaping @Sendable (any SCIMTransaction) throws -> T) async throws -> T
    /// A consistent read-only snapshot.
    func scimRead<T: Sendable>(_ body: @escaping @Sendable (any SCIMReader) throws -> T) async throws -> T
}

/// Reads of SCIM resources. Every lookup is limited to one source: a client never sees what others own.
public protocol SCIMReader: SyncReader {
    /// A live user of the source. `loadEmails: false` leaves `account.emails` empty when the SCIM body has them
    /// (reads that only render); writes load them.
    func scimUser(id: String, source: AccountSource, loadGroups: Bool, loadEmails: Bool) throws -> SCIMUserRecord?
    /// A live user for rendering only: the stored body is left unparsed in ``SCIMUserRecord/bodyText`` (``body``
    /// is nil); emails are loaded only when there is no stored body.
    func scimUserText(id: String, source: AccountSource, loadGroups: Bool) throws -> SCIMUserRecord?
    func scimUsers(_ query: SCIMStoreQuery, source: AccountSource) throws -> SCIMPage<SCIMUserRecord>
    /// A page of users for rendering only, bodies unparsed (as ``scimUserText(id:source:loadGroups:)``).
    func scimUsersText(_ query: SCIMStoreQuery, source: AccountSource) throws -> SCIMPage<SCIMUserRecord>
    func scimGroup(id: String, source: AccountSource, loadMembers: Bool) throws -> SCIMGroupRecord?
    func scimGroups(_ query: SCIMStoreQuery, source: AccountSource, loadMembers: Bool) throws -> SCIMPage<SCIMGroupRecord>
    /// The kinds of the given ids among the source's live users and groups (ids not found are absent).
    func memberKinds(ids: [String], source: AccountSource) throws -> [String: SCIMResourceKind]
    /// The groups an account reaches (directly and through nested groups of the same source), with paths.
    func roleMemberships(accountID: String, source: AccountSource) throws -> [GroupMembership]
    /// Every account a group reaches, directly or through nested groups.
    func accountIDs(reachedBy groupID: String) throws -> [String]
    /// Whether the account was deleted by its SCIM client under the deactivate policy (hidden from SCIM; a later
    /// POST of the same person revives it).
    func isSCIMDeleted(accountID: String) throws -> Bool
    func scimClient(tokenHash: Data) throws -> SCIMClient?
    func scimClients() throws -> [SCIMClient]
    /// Store figures for `/metrics`.
    func storeFigures() throws -> SCIMStoreFigures
}

/// Writes of SCIM resources.
public protocol SCIMTransaction: SCIMReader, SyncTransaction {
    /// Stores the canonical SCIM body of an account (nil for none).
    func setSCIMBody(accountID: String, body: [String: JSONValue]?) throws
    /// Hides an account from SCIM (deleted by the client under the deactivate policy), or shows it again (nil).
    func setSCIMDeleted(accountID: String, at: Date?) throws
    /// Removes every direct member of a group; returns the account ids that were members.
    func removeAllMembers(groupID: String) throws -> [String]
    func insertSCIMClient(_ client: SCIMClient, tokenHash: Data) throws
    /// Marks the named client revoked; false when there is no such active client.
    func revokeSCIMClient(name: String, at: Date) throws -> Bool
}

/// A query over one source's users or groups: a parsed filter, an order and a page.
public struct SCIMStoreQuery: Sendable, Hashable {
    public var filter: SCIMFilter?
    public var sortBy: SCIMAttributePath?
    public var descending: Bool
    /// Zero-based offset (SCIM's startIndex − 1).
    public var offset: Int
    public var limit: Int
    /// For searches over several resource types: an attribute this type does not have matches nothing (and
    /// `ne` matches everything) instead of failing the filter.
    public var unknownAttributesMatchNothing = false

    public init(filter: SCIMFilter? = nil, sortBy: SCIMAttributePath? = nil, descending: Bool = false, offset: Int = 0, limit: Int = 100) {
        self.filter = filter
        self.sortBy = sortBy
        self.descending = descending
        self.offset = offset
        self.limit = limit
    }
}

/// One page of a query, with the number of all matches.
public struct SCIMPage<Item: Sendable>: Sendable {
    public var total: Int
    public var items: [Item]
    public init(total: Int, items: [Item]) {
        self.total = total
        self.items = items
    }
}

/// A SCIM client: a name (the source `scim:NAME`) and a bearer token kept only as its SHA-256.
public struct SCIMClient: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: UUID, name: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var source: AccountSource { .scim(name) }
}

/// Counts for `/metrics`.
public struct SCIMStoreFigures: Sendable {
    /// The last run of one sync source.
    public struct SyncFigure: Sendable {
        public var source: String
        public var status: String
        public var finishedAt: Date?
        public init(source: String, status: String, finishedAt: Date?) {
            self.source = source
            self.status = status
            self.finishedAt = finishedAt
        }
    }

    public var accounts: Int
    public var activeAccounts: Int
    public var groups: Int
    public var lastSyncRuns: [SyncFigure]

    public init(accounts: Int, activeAccounts: Int, groups: Int, lastSyncRuns: [SyncFigure]) {
        self.accounts = accounts
        self.activeAccounts = activeAccounts
        self.groups = groups
        self.lastSyncRuns = lastSyncRuns
    }
}
