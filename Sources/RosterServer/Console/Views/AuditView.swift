import Foundation
import RosterCore

/// The audit page (`#audit-filter`, `#audit-table`, `#audit-next`) and the audit table of a person's page.
enum AuditView {
    static func render(filter: AuditFilter, events: [AuditEvent], next: Int64?, note: String?) -> String {
        let form = """
            <form id="audit-filter" class="filters" method="get" action="/admin/audit" role="search">
            \(HTML.input(id: "audit-actor", name: "actor", label: "Actor (username, id or system)", value: filter.actor ?? ""))
            \(HTML.input(id: "audit-account", name: "account", label: "Account (username, email or id)", value: filter.account ?? ""))
            \(HTML.input(id: "audit-action", name: "action", label: "Action (e.g. account.roleChanged, or account.)", value: filter.action ?? ""))
            <button type="submit" id="audit-filter-submit">Filter</button>
            </form>
            """
        var pager = ""
        if let next {
            let query = filter.queryString
            let href = "/admin/audit?" + (query.isEmpty ? "" : query + "&") + "after=\(next)"
            pager = "<p class=\"pager\"><a id=\"audit-next\" href=\"\(href.html)\" rel=\"next\">Older entries</a></p>"
        }
        return form + (note.map { "<p id=\"audit-note\">\($0.html)</p>" } ?? "")
            + table(id: "audit-table", caption: "Audit entries, newest first (50 a page)", events: events, section: nil) + pager
    }

    static func table(id: String, caption: String, events: [AuditEvent], section: String?) -> String {
        let headers = ["#", "Time", "Actor", "Via", "Action", "Target", "Change"]
        let rows = events.map { event -> String in
            let before = (event.before ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let after = (event.after ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let change = before.isEmpty && after.isEmpty ? "" : before + " → " + after
            var target = (event.targetName ?? event.targetID ?? "—").html
            if event.targetType == "account", let targetID = event.targetID, UUID(uuidString: targetID) != nil {
                target = "<a href=\"/admin/people/\(targetID.html)\">\(target)</a>"
            }
            return "<tr data-audit-id=\"\(event.id)\">" + HTML.cell(headers[0], String(event.id)) + HTML.cell(headers[1], HTML.date(event.at))
                + HTML.cell(headers[2], (event.actorName ?? event.actor).html) + HTML.cell(headers[3], event.via.html)
                + HTML.cell(headers[4], event.action.rawValue.html) + HTML.cell(headers[5], target) + HTML.cell(headers[6], change.html) + "</tr>"
        }
        let rendered = HTML.table(id: id, caption: caption, headers: headers, rows: rows, empty: "No entry.")
        guard let section else { return rendered }
        return "<section id=\"\(section)\" aria-labelledby=\"\(section)-title\"><h2 id=\"\(section)-title\">Audit history</h2>\(rendered)</section>"
    }
}
