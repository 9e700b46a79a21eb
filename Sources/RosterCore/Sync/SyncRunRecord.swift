import Foundation

/// One row of the sync-runs table: a run's outcome, counts and report.
public struct SyncRunRecord: Sendable, Hashable, Codable {
    /// How a run ended.
    public enum Status: String, Sendable, Hashable, Codable {
        case running
        /// Everything planned was applied.
        case applied
        /// Applied except deprovisioning, held by a threshold or an incomplete read (exit 3).
        case held
        /// Nothing was written (exit 1).
        case failed
        /// `--dry-run`: planned only.
        case planned
    }

    public var id: Int64
    public var source: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: Status
    /// `full` or `incremental`.
    public var mode: String
    public var dryRun: Bool
    /// Counts per action (`created`, `updated`, `deactivated` …).
    public var counts: [String: Int]
    /// The full run report as JSON.
    public var reportJSON: String?

    public init(id: Int64 = 0, source: String, startedAt: Date, finishedAt: Date? = nil, status: Status, mode: String,
                dryRun: Bool, counts: [String: Int] = [:], reportJSON: String? = nil) {
        self.id = id
        self.source = source
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.mode = mode
        self.dryRun = dryRun
        self.counts = counts
        self.reportJSON = reportJSON
    }
}
