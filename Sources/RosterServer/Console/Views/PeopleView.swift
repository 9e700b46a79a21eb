import RosterCore
import RosterStore

/// The people list: filters (`#people-filter`), the table (`#people-table`, newest first) and `#people-next`.
enum PeopleView {
    static func render(filter: PeopleFilter, page: PeoplePage, sources: [String]) -> String {
        let roles = [("", "Any role")] + Role.allCases.map { ($0.rawValue, $0.rawValue) }
        let sourceOptions = [("", "Any source")] + sources.map { ($0, $0) }
        let activeOptions = [("", "Active or not"), ("active", "active"), ("inactive", "inactive")]
        let methods = [("", "Any method")] + AuthMethod.allCases.map { ($0.rawValue, $0.rawValue) }
        let form = """
            <form id="people-filter" class="filters" method="get" action="/admin/people" role="search">
            \(HTML.input(id: "people-search", name: "q", label: "Search (userName, email or name prefix)", value: filter.search ?? "", type: "search"))
            \(HTML.select(id: "filter-role", name: "role", label: "Role", options: roles, selected: filter.role?.rawValue ?? ""))
            \(HTML.select(id: "filter-source", name: "source", label: "Source", options: sourceOptions, selected: filter.source ?? ""))
            \(HTML.select(id: "filter-active", name: "active", label: "Status", options: activeOptions,
                          selected: filter.active.map { $0 ? "active" : "inactive" } ?? ""))
            \(HTML.select(id: "filter-auth", name: "auth", label: "Auth method", options: methods, selected: filter.auth?.rawValue ?? ""))
            <button type="submit" id="people-filter-submit">Filter</button>
            </form>
            """
        let headers = ["Username", "Display name", "Primary email", "Role", "Source", "Active", "Auth method", "Sessions",
                       "API tokens", "Created"]
        let rows = page.rows.map { listing -> String in
            let account = listing.account
            let id = account.id.lowercasedText
            let cells = [
                HTML.cell(headers[0], "<a href=\"/admin/people/\(id)\">\(account.userName.html)</a>"),
                HTML.cell(headers[1], (account.displayName ?? "").html),
                HTML.cell(headers[2], (account.primaryEmail ?? "").html),
                HTML.cell(headers[3], account.role.rawValue.html),
                HTML.cell(headers[4], account.source.rawValue.html),
                HTML.cell(headers[5], account.active ? "yes" : "no"),
                HTML.cell(headers[6], account.authMethod.rawValue.html),
                HTML.cell(headers[7], String(listing.sessionCount)),
                HTML.cell(headers[8], String(listing.apiTokenCount)),
                HTML.cell(headers[9], HTML.date(account.createdAt)),
            ]
            return "<tr data-account-id=\"\(id)\">\(cells.joined())</tr>"
        }
        var pager = ""
        if let next = page.next {
            let query = filter.queryString
            let href = "/admin/people?" + (query.isEmpty ? "" : query + "&") + "after=" + HTML.query(next.text)
            pager = "<p class=\"pager\"><a id=\"people-next\" href=\"\(href.html)\" rel=\"next\">Next 50 people</a></p>"
        }
        let first = filter.after == nil ? "" : "<p class=\"pager\"><a id=\"people-first\" href=\"/admin/people\">Back to the newest</a></p>"
        return form + HTML.table(id: "people-table", caption: "People, newest first (50 a page)", headers: headers, rows: rows,
                                 empty: "Nobody matches.") + pager + first
    }
}
