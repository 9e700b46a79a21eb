import Foundation
import RosterRuntime

/// Human output of a run report.
enum SyncOutput {
    static func print(_ report: SyncReport) {
        let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let verb = report.dryRun ? "planned" : report.status.rawValue
        Swift.print("\(report.source) (\(report.mode)): \(verb) in \(String(format: "%.2f", report.durationSeconds)) s"
            + (counts.isEmpty ? ", no changes" : ": \(counts)"))
        for hold in report.holds { Swift.print("  HELD: \(hold)") }
        for warning in report.warnings { Swift.print("  warning: \(warning)") }
        for refusal in report.refusals { Swift.print("  refused: \(refusal)") }
        for conflict in report.conflicts.prefix(20) {
            Swift.print("  conflict: \(conflict.userName): \(conflict.reason)")
        }
        if report.conflicts.count > 20 { Swift.print("  … \(report.conflicts.count - 20) more conflicts (--json)") }
        let shown = report.dryRun ? 200 : 20
        for change in report.changes.prefix(shown) {
            let fields = (change.changes ?? []).map { "\($0.field): \($0.before ?? "∅") → \($0.after ?? "∅")" }
            Swift.print("  \(change.action) \(change.userName)" + (fields.isEmpty ? "" : " (\(fields.joined(separator: "; ")))")
                + (change.reason.map { " [\($0)]" } ?? ""))
        }
        if report.changes.count > shown { Swift.print("  … \(report.changes.count - shown) more changes (--json)") }
    }
}

/// A one-line progress display on a terminal (stderr), nothing otherwise.
final class SyncProgressDisplay: Sendable {
    let source: String
    let isTerminal = isatty(STDERR_FILENO) == 1

    init(source: String) {
        self.source = source
    }

    func update(_ phase: String, _ count: Int) {
        guard isTerminal else { return }
        let bar = String(repeating: "█", count: min(30, count / 1000 % 31)).padding(toLength: 30, withPad: "░", startingAt: 0)
        StandardError.writeRaw("\r\u{1B}[2K  ldap:\(source) reading \(phase) \(bar) \(count)")
    }

    func finish() {
        guard isTerminal else { return }
        StandardError.writeRaw("\r\u{1B}[2K")
    }
}
