import Foundation
import RosterRuntime

/// Human output of a run report.
enum SyncOutput {
    static func print(_ report: SyncReport) {
        let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let verb = report.dryRun ? "planned" : report.status.rawValue
        Terminal.print("\(report.source) (\(report.mode)): \(verb) in \(String(format: "%.2f", report.durationSeconds)) s"
            + (counts.isEmpty ? ", no changes" : ": \(counts)"))
        for note in report.notes ?? [] { Terminal.print("  \(note)") }
        for hold in report.holds { Terminal.print("  HELD: \(hold)") }
        for warning in report.warnings { Terminal.print("  warning: \(warning)") }
        for refusal in report.refusals { Terminal.print("  refused: \(refusal)") }
        for conflict in report.conflicts.prefix(20) {
            Terminal.print("  conflict: \(conflict.userName): \(conflict.reason)")
        }
        if report.conflicts.count > 20 { Terminal.print("  … \(report.conflicts.count - 20) more conflicts (--json)") }
        let shown = report.dryRun ? 200 : 20
        for change in report.changes.prefix(shown) {
            let fields = (change.changes ?? []).map { "\($0.field): \($0.before ?? "∅") → \($0.after ?? "∅")" }
            Terminal.print("  \(change.action) \(change.userName)" + (fields.isEmpty ? "" : " (\(fields.joined(separator: "; ")))")
                + (change.reason.map { " [\($0)]" } ?? ""))
        }
        if report.changes.count > shown { Terminal.print("  … \(report.changes.count - shown) more changes (--json)") }
    }
}

/// A one-line progress bar on a terminal (stderr), nothing otherwise. The totals are what the last complete run saw
/// (unknown on a first run: then only the count moves).
final class SyncProgressDisplay: Sendable {
    let source: String
    let expectedUsers: Int?
    let expectedGroups: Int?
    let isTerminal = isatty(STDERR_FILENO) == 1

    init(source: String, expectedUsers: Int?, expectedGroups: Int?) {
        self.source = source
        self.expectedUsers = expectedUsers
        self.expectedGroups = expectedGroups
    }

    func update(_ phase: String, _ count: Int) {
        guard isTerminal else { return }
        let total = phase == "groups" ? expectedGroups : expectedUsers
        var line = "  ldap:\(source) reading \(phase) \(count)"
        if let total, total > 0 {
            let fraction = min(1, Double(count) / Double(total))
            let filled = Int(fraction * 30)
            line += " / \(total) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
                + String(format: "] %3.0f%%", fraction * 100)
        }
        StandardError.writeRaw("\r\u{1B}[2K" + line)
    }

    func finish() {
        guard isTerminal else { return }
        StandardError.writeRaw("\r\u{1B}[2K")
    }
}
