import Foundation

/// What a source remembers between runs: the incremental watermark.
public struct SyncState: Sendable, Hashable, Codable {
    public var source: String
    /// The highest change marker seen by the last complete run (`modifyTimestamp` or `uSNChanged`), if any.
    public var watermark: String?
    public var lastFullRunAt: Date?
    public var lastRunAt: Date?

    public init(source: String, watermark: String? = nil, lastFullRunAt: Date? = nil, lastRunAt: Date? = nil) {
        self.source = source
        self.watermark = watermark
        self.lastFullRunAt = lastFullRunAt
        self.lastRunAt = lastRunAt
    }
}
