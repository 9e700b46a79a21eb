import RosterCore

/// Each directory source with its last runs (`#sync-runs-table`; a table per source, rows link to the run).
enum SyncView {
    static func render(_ sources: [(String, [SyncRunRecord])]) -> String {
        guard !sources.isEmpty else {
            return "<p>No directory source has run yet. Configure one in <code>ldap.sources</code> and run <code>roster sync</code>.</p>"
        }
        let headers = ["Run", "Started", "Finished", "Mode", "Status", "Counts"]
        return sources.enumerated().map { index, entry in
            let (source, runs) = entry
            let rows = runs.map { run -> String in
                let counts = run.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                return "<tr data-run-id=\"\(run.id)\">" + HTML.cell(headers[0], "<a href=\"/admin/sync/runs/\(run.id)\">#\(run.id)</a>")
                    + HTML.cell(headers[1], HTML.date(run.startedAt)) + HTML.cell(headers[2], HTML.date(run.finishedAt))
                    + HTML.cell(headers[3], (run.mode + (run.dryRun ? " (dry run)" : "")).html)
                    + HTML.cell(headers[4], "<span class=\"status status-\(run.status.rawValue)\">\(run.status.rawValue)</span>")
                    + HTML.cell(headers[5], counts.html) + "</tr>"
            }
            // The first source's table is `#sync-runs-table`; every one carries the class and its source.
            let id = index == 0 ? "sync-runs-table" : "sync-runs-table-\(index + 1)"
            return "<section class=\"sync-source\" data-source=\"\(source.html)\"><h2>\(source.html)</h2>"
                + HTML.table(id: id, caption: "Last runs of \(source), newest first", headers: headers, rows: rows, empty: "No run yet.")
                + "</section>"
        }.joined(separator: "\n")
    }
}
