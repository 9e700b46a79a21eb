import Foundation
import RosterCore

/// The machine-readable report of one sync run (`roster sync --json`, stored in the sync-runs table).
public struct SyncReport: Codable, Sendable {
    /// One changed (or planned) account.
    public struct Change: Codable, Sendable {
        public var action: String
        public var userName: String
        public var id: String?
        public var anchor: String?
        public var changes: [SyncPlan.FieldChange]?
        public var reason: String?
    }

    public var source: String
    public var mode: String
    public var dryRun: Bool
    public var status: SyncRunRecord.Status
    public var startedAt: Date
    public var finishedAt: Date
    public var durationSeconds: Double
    public var counts: [String: Int]
    public var holds: [String]
    public var incompleteReasons: [String]
    public var changes: [Change]
    public var conflicts: [SyncPlan.Conflict]
    public var refusals: [String]
    public var warnings: [String]
    /// What the run did besides changes, e.g. that the directory was unchanged and nothing was read.
    /// (Optional so that reports stored before it existed still decode.)
    public var notes: [String]?
    /// How the run found the directory's changes: `full`, `marker` (unchanged, nothing read), `scan` (watermark plus
    /// anchor scan), `rfc4533` (content sync with the stored cookie) or `dirsync`. Nil for runs that read nothing
    /// (failures) and for reports stored before it existed.
    public var changeMethod: String?
    public var error: String?

    public init(
        source: String, mode: String, dryRun: Bool, status: SyncRunRecord.Status, startedAt: Date, finishedAt: Date,
        durationSeconds: Double, counts: [String: Int], holds: [String], incompleteReasons: [String], changes: [Change],
        conflicts: [SyncPlan.Conflict], refusals: [String], warnings: [String], error: String?,
        changeMethod: String? = nil, notes: [String]? = nil
    ) {
        self.changeMethod = changeMethod
        self.notes = notes
        self.source = source
        self.mode = mode
        self.dryRun = dryRun
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.counts = counts
        self.holds = holds
        self.incompleteReasons = incompleteReasons
        self.changes = changes
        self.conflicts = conflicts
        self.refusals = refusals
        self.warnings = warnings
        self.error = error
    }

    /// Counts planned per action, used for `--dry-run` (and as the base of an applied run's counts).
    public static func plannedCounts(_ plan: SyncPlan) -> [String: Int] {
        let counts: [String: Int] = [
            "created": plan.creates.count, "updated": plan.updates.count, "adopted": plan.adoptions.count,
            "deactivated": plan.deactivations.count, "deleted": plan.deletions.count, "conflicts": plan.conflicts.count,
            "roleChanged": plan.updates.filter { $0.roleChange != nil }.count,
            "heldDeactivations": plan.heldDeactivations.count, "heldDeletions": plan.heldDeletions.count,
            "heldRoleDowngrades": plan.heldDowngrades.count,
        ]
        return counts.filter { $0.value > 0 }
    }

    /// The per-account list of a plan.
    public static func changes(_ plan: SyncPlan) -> [Change] {
        var changes: [Change] = plan.creates.map {
            Change(action: "create", userName: $0.userName, id: nil, anchor: $0.anchor,
                   changes: [.init(field: "role", before: nil, after: $0.role.rawValue)], reason: nil)
        }
        changes += plan.adoptions.map {
            Change(action: "adopt", userName: $0.desired.userName, id: $0.accountID.lowercasedText,
                   anchor: $0.desired.anchor, changes: nil, reason: "adopted from \($0.fromSource)")
        }
        changes += plan.updates.map {
            Change(action: $0.reactivates ? "reactivate" : ($0.roleChange != nil ? "roleChange" : "update"),
                   userName: $0.userName, id: $0.accountID.lowercasedText, anchor: $0.desired.anchor,
                   changes: $0.changes, reason: nil)
        }
        changes += plan.deactivations.map {
            Change(action: "deactivate", userName: $0.userName, id: $0.accountID.lowercasedText, anchor: nil,
                   changes: nil, reason: $0.reason.rawValue)
        }
        changes += plan.deletions.map {
            Change(action: "delete", userName: $0.userName, id: $0.accountID.lowercasedText, anchor: nil,
                   changes: nil, reason: $0.reason.rawValue)
        }
        // What a hold keeps back, by name, so that whoever approves (`--allow-deprovision`) sees who it affects.
        changes += plan.heldDeactivations.map {
            Change(action: "heldDeactivate", userName: $0.userName, id: $0.accountID.lowercasedText, anchor: nil,
                   changes: nil, reason: $0.reason.rawValue)
        }
        changes += plan.heldDeletions.map {
            Change(action: "heldDelete", userName: $0.userName, id: $0.accountID.lowercasedText, anchor: nil,
                   changes: nil, reason: $0.reason.rawValue)
        }
        changes += plan.heldDowngrades.map {
            Change(action: "heldRoleDowngrade", userName: $0.userName, id: $0.accountID.lowercasedText,
                   anchor: $0.desired.anchor, changes: $0.changes, reason: nil)
        }
        return changes
    }

    /// One line per hold, for humans and the report.
    public static func describe(_ hold: SyncPlan.Hold) -> String {
        switch hold {
        case .incompleteRead(let reasons):
            "incomplete directory read (\(reasons.joined(separator: "; "))): nothing deprovisioned"
        case .countThreshold(let count, let limit):
            "\(count) deprovisioning changes exceed maxDeprovisionCount \(limit): held (review, then --allow-deprovision)"
        case .percentThreshold(let percent, let limit):
            "\(percent)% of the source's accounts exceeds maxDeprovisionPercent \(limit)%: held (review, then --allow-deprovision)"
        }
    }
}
