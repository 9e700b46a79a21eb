import RosterCore
import RosterRuntime

/// One run's report: counts, holds with the CLI command that approves them (there is no approve button), conflicts,
/// refusals, warnings, and the changes.
enum SyncRunView {
    static func render(_ run: SyncRunRecord, report: SyncReport?) -> String {
        let name = run.source.hasPrefix("ldap:") ? String(run.source.dropFirst(5)) : run.source
        var out = """
            <dl class="profile" id="run-summary"><dt>Source</dt><dd>\(run.source.html)</dd><dt>Status</dt><dd id="run-status">\(run.status.rawValue)</dd>
            <dt>Mode</dt><dd>\((run.mode + (run.dryRun ? " (dry run)" : "")).html)</dd><dt>Started</dt><dd>\(HTML.date(run.startedAt))</dd>
            <dt>Finished</dt><dd>\(HTML.date(run.finishedAt))</dd></dl>
            """
        let counts = (report?.counts ?? run.counts).sorted { $0.key < $1.key }
        out += section("counts", "Counts", counts.isEmpty ? "<p>No change.</p>"
            : "<dl class=\"profile\">" + counts.map { "<dt>\($0.key.html)</dt><dd>\($0.value)</dd>" }.joined() + "</dl>")
        guard let report else {
            return out + "<p>This run stored no report.</p>"
        }
        if let error = report.error { out += section("run-error", "Error", "<p>\(error.html)</p>") }
        let holds = report.holds + report.incompleteReasons.map { "incomplete read: \($0)" }
        out += section("holds", "Holds", holds.isEmpty ? "<p>Nothing held.</p>" : list(holds) + """
            <p>Deprovisioning was held for review. After checking the changes below, approve it on the server with:</p>
            <pre><code id="approve-command">roster sync --source \(name.html) --allow-deprovision</code></pre>
            """)
        let conflicts = report.conflicts.map { "\($0.userName) (\($0.anchor)): \($0.reason)" + ($0.existingSource.map { " — held by \($0)" } ?? "") }
        out += section("conflicts", "Conflicts", conflicts.isEmpty ? "<p>None.</p>" : list(conflicts))
        out += section("refusals", "Refusals", report.refusals.isEmpty ? "<p>None.</p>" : list(report.refusals))
        out += section("warnings", "Warnings", report.warnings.isEmpty ? "<p>None.</p>" : list(report.warnings))
        if let notes = report.notes, !notes.isEmpty { out += section("notes", "Notes", list(notes)) }
        let headers = ["Action", "User", "Changes", "Reason"]
        let rows = report.changes.prefix(500).map { change -> String in
            let fields = (change.changes ?? []).map { "\($0.field): \($0.before ?? "—") → \($0.after ?? "—")" }.joined(separator: "; ")
            return "<tr>" + HTML.cell(headers[0], change.action.html) + HTML.cell(headers[1], change.userName.html)
                + HTML.cell(headers[2], fields.html) + HTML.cell(headers[3], (change.reason ?? "").html) + "</tr>"
        }
        let more = report.changes.count > 500 ? "<p>First 500 of \(report.changes.count) changes; the CLI's <code>roster sync history --json</code> has them all.</p>" : ""
        out += section("changes", "Changes (\(report.changes.count))",
                       HTML.table(id: "changes-table", caption: "Changes of this run", headers: headers, rows: Array(rows), empty: "No change.") + more)
        return out
    }

    private static func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section id=\"\(id)\" aria-labelledby=\"\(id)-title\"><h2 id=\"\(id)-title\">\(title.html)</h2>\(body)</section>"
    }

    private static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\($0.html)</li>" }.joined() + "</ul>"
    }
}
