import Foundation

/// What a source remembers between runs: the incremental watermark.
public struct SyncState: Sendable, Hashable, Codable {
    public var source: String
    /// The highest change marker seen by the last complete run (`modifyTimestamp` or `uSNChanged`), if any.
    public var watermark: String?
    public var lastFullRunAt: Date?
    public var lastRunAt: Date?
    /// How many accounts and groups were in scope after the last complete run (for the unchanged fast path).
    public var scopeAccounts: Int?
    public var scopeGroups: Int?
    /// A digest of the mapping and role rules the last complete run used; a different one forces a full plan.
    public var rulesDigest: String?
    /// The directory's change marker when the last complete run started (see ``DirectorySnapshot/directoryMarker``).
    public var directoryMarker: String?
    /// RFC 4533 content-sync cookies of the last settled run, base64, by search (`users`, `groups`): the next
    /// incremental run asks the directory for the changes since them instead of scanning every anchor. Kept under
    /// the same rule as the marker (a held, conflicting or refused run keeps none, so the next one reads again).
    public var contentSyncCookies: [String: String]?

    public init(source: String, watermark: String? = nil, lastFullRunAt: Date? = nil, lastRunAt: Date? = nil,
                scopeAccounts: Int? = nil, scopeGroups: Int? = nil, rulesDigest: String? = nil,
                directoryMarker: String? = nil, contentSyncCookies: [String: String]? = nil) {
        self.source = source
        self.watermark = watermark
        self.lastFullRunAt = lastFullRunAt
        self.lastRunAt = lastRunAt
        self.scopeAccounts = scopeAccounts
        self.scopeGroups = scopeGroups
        self.rulesDigest = rulesDigest
        self.directoryMarker = directoryMarker
        self.contentSyncCookies = contentSyncCookies
    }
}
