/// A source of accounts to sync (an LDAP directory): reads its entries, maps them and resolves their roles.
public protocol DirectorySource: Sendable {
    /// The store source its accounts belong to (`ldap:NAME`).
    var source: AccountSource { get }
    /// Reads the directory. An incremental read (`full == false` and a watermark in `state`) returns the changed
    /// entries in full and every anchor in scope; a full read returns everything.
    /// Throws when the directory cannot be reached or read at all.
    /// - Parameters:
    ///   - quick: allow a ``DirectorySnapshot/quiet`` answer when nothing but a few entries changed.
    ///   - groupDigests: the stored content digest of each of the source's groups, by anchor (for `quick`, and for
    ///     content sync to tell changed groups from unchanged ones).
    func snapshot(state: SyncState?, full: Bool, quick: Bool, groupDigests: [String: String]) async throws
        -> DirectorySnapshot
}

/// What one read of a directory produced, mapped to desired accounts and groups.
public struct DirectorySnapshot: Sendable {
    /// The entries read in full.
    public var accounts: [DesiredAccount]
    /// The source's groups (nil when the source has no group search).
    public var groups: [DesiredGroup]?
    /// Every account anchor in scope, for an incremental read; nil when `accounts` is complete.
    public var inScopeAnchors: Set<String>?
    /// Why a search did not complete (pages, ranges, size/time limits, referrals); empty when complete.
    public var incompleteReasons: [String]
    /// The watermark to store if the run completes.
    public var watermark: String?
    /// `full` or `incremental`.
    public var mode: String
    /// Mapping problems worth reporting (ignored superuser rules, cycles, entries without userName …).
    public var warnings: [String]
    /// Incremental reads: the role (and its explanation) of in-scope entries that were not read in full, by anchor,
    /// so a group change still updates the roles of unchanged members.
    public var scopeRoles: [String: ScopeRole]
    /// An incremental read that found no group changed, as many users and groups in scope as after the last
    /// complete run, and the same rules: only `accounts` (the users modified since the watermark) can differ, and
    /// their roles are those already stored (nothing that decides a role changed). Groups and roles were not read.
    /// If one of `accounts` is not stored yet, the run reads again with `quick: false`.
    public var quiet = false
    /// Accounts and groups in scope (stored after a complete run, for the next run's unchanged check).
    public var scopeAccountCount: Int?
    public var scopeGroupCount: Int?
    /// Digest of the mapping and rules used.
    public var rulesDigest: String?
    /// The directory's own change marker, read before any entry (OpenLDAP `contextCSN`, AD
    /// `highestCommittedUSN` of the DC, 389-DS `lastusn`); nil when the directory has none.
    public var directoryMarker: String?
    /// An incremental run whose directory marker, rules and mapping are those of the last complete run: nothing in
    /// the directory was written since, so nothing was read and nothing can change. The run records zero changes;
    /// never planned (no entries were read, so nothing may be taken as deleted).
    public var unchanged = false
    /// How the read found the changes: `full` (everything read), `marker` (unchanged directory, nothing read),
    /// `scan` (entries changed since the watermark plus every anchor in scope), `rfc4533` (an RFC 4533 content-sync
    /// refresh with the stored cookie named the changed and deleted entries), `dirsync` (AD DirSync).
    public var changeMethod = "scan"
    /// Content sync with a delete phase: the anchors that left the scope since the last settled run. Every other
    /// stored account of the source is still in scope (`inScopeAnchors` is nil then).
    public var removedAnchors: Set<String>?
    /// When set, `groups` hold the members among these anchors only (content sync: the changed and deleted users);
    /// the group mirror changes only their memberships and keeps everyone else's.
    public var membershipAnchors: Set<String>?
    /// The content-sync cookies to keep if the run settles (see ``SyncState/contentSyncCookies``); nil keeps none.
    public var contentSyncCookies: [String: String]?
    /// What the read wants the report to say (the method used, why content sync was not used …).
    public var notes: [String] = []

    public init(
        accounts: [DesiredAccount], groups: [DesiredGroup]? = nil, inScopeAnchors: Set<String>? = nil,
        incompleteReasons: [String] = [], watermark: String? = nil, mode: String = "full", warnings: [String] = [],
        scopeRoles: [String: ScopeRole] = [:]
    ) {
        self.accounts = accounts
        self.groups = groups
        self.inScopeAnchors = inScopeAnchors
        self.incompleteReasons = incompleteReasons
        self.watermark = watermark
        self.mode = mode
        self.warnings = warnings
        self.scopeRoles = scopeRoles
    }
}

/// The role of an entry known only by anchor in an incremental read.
public struct ScopeRole: Sendable, Hashable {
    public var role: Role
    public var explanation: String?

    public init(role: Role, explanation: String?) {
        self.role = role
        self.explanation = explanation
    }
}
