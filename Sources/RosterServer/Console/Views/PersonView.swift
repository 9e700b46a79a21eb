import Foundation
import RosterCore
import RosterRuntime

/// A person's page: `#profile`, `#emails`, `#groups`, `#role` (with "Why this role?"), `#sessions`, `#ownership`,
/// `#actions` and `#audit-history`. What a directory or SCIM source manages is shown read-only with the source named.
enum PersonView {
    struct Details: Sendable {
        var listing: AccountListing
        var sessions: [Session]
        var groups: [(name: String, source: String)]
        var explanation: RoleExplanation
        var owned: [Ownership]
        var audit: [AuditEvent]
    }

    static func render(_ details: Details, caller: ConsoleCaller) -> String {
        let account = details.listing.account
        return [heading(account), profile(account), emails(account), groups(details), role(details, caller),
                sessions(details, caller), ownership(details, caller), actions(account, caller),
                AuditView.table(id: "audit-history-table", caption: "This account's audit history, newest first (50 at most)",
                                events: details.audit, section: "audit-history")].joined(separator: "\n")
    }

    private static func heading(_ account: Account) -> String {
        "<p class=\"lead\"><strong id=\"person-username\">\(account.userName.html)</strong>\(account.displayName.map { " — " + $0.html } ?? "")"
            + (account.active ? "" : " <span class=\"muted\">(inactive)</span>") + "</p>"
    }

    /// "managed by SOURCE" next to a field a source owns.
    private static func managed(_ account: Account) -> String {
        account.source.isExternal ? " <span class=\"managed\">managed by \(account.source.rawValue.html)</span>" : ""
    }

    private static func profile(_ account: Account) -> String {
        let m = managed(account)
        var rows: [(String, String)] = [
            ("Username", account.userName.html + m), ("Display name", (account.displayName ?? "—").html + m),
            ("Given name", (account.givenName ?? "—").html + m), ("Family name", (account.familyName ?? "—").html + m),
            ("Id", "<code>\(account.id.lowercasedText)</code>"), ("Source", account.source.rawValue.html),
            ("Auth method", account.authMethod.rawValue.html), ("Active", account.active ? "yes" : "no"),
            ("Created", HTML.date(account.createdAt)), ("Updated", HTML.date(account.updatedAt)),
        ]
        if account.source.isExternal {
            rows.append(("Source anchor", (account.sourceAnchor ?? "—").html))
            if let external = account.externalId { rows.append(("External id", external.html)) }
        }
        if let at = account.deactivatedAt {
            rows.append(("Deactivated", HTML.date(at) + " by " + (account.deactivatedBy ?? "—").html))
        }
        if account.mustChangePassword { rows.append(("Password", "temporary: must be changed at next sign-in")) }
        let list = rows.map { "<dt>\($0.0.html)</dt><dd>\($0.1)</dd>" }.joined()
        return "<section id=\"profile\" aria-labelledby=\"profile-title\"><h2 id=\"profile-title\">Profile</h2><dl class=\"profile\">\(list)</dl></section>"
    }

    private static func emails(_ account: Account) -> String {
        let headers = ["Address", "Type", "Primary", "Verified"]
        let rows = account.emails.map { email in
            "<tr>" + HTML.cell(headers[0], email.value.html) + HTML.cell(headers[1], (email.type ?? "—").html)
                + HTML.cell(headers[2], email.primary ? "yes" : "no") + HTML.cell(headers[3], email.verified ? "yes" : "no") + "</tr>"
        }
        return "<section id=\"emails\" aria-labelledby=\"emails-title\"><h2 id=\"emails-title\">Emails\(managed(account))</h2>"
            + HTML.table(id: "emails-table", caption: "Email addresses", headers: headers, rows: rows, empty: "No address.") + "</section>"
    }

    private static func groups(_ details: Details) -> String {
        let items = details.groups.map { "<li>\($0.name.html) <span class=\"muted\">(\($0.source.html))</span></li>" }.joined()
        return "<section id=\"groups\" aria-labelledby=\"groups-title\"><h2 id=\"groups-title\">Groups</h2>"
            + (items.isEmpty ? "<p>Member of no group.</p>" : "<ul>\(items)</ul>") + "</section>"
    }

    private static func role(_ details: Details, _ caller: ConsoleCaller) -> String {
        let account = details.listing.account
        let explanation = details.explanation
        var why = "<p id=\"role-explanation-text\">\(explanation.text.html)</p>"
        if let assignment = explanation.assignment {
            if let rule = assignment.rule, let index = assignment.ruleIndex {
                why += "<p>Rule #\(index + 1): group <code>\(rule.group.html)</code> gives <strong>\(assignment.role.rawValue.html)</strong>.</p>"
            } else {
                why += "<p>No rule matched: the default role applies.</p>"
            }
            if !assignment.path.isEmpty {
                let path = ([account.userName] + assignment.path).map { "<li>\($0.html)</li>" }.joined()
                why += "<p>Group path:</p><ol class=\"group-path\">\(path)</ol>"
            }
        }
        var out = """
            <section id="role" aria-labelledby="role-title"><h2 id="role-title">Role</h2>
            <p>Role: <strong id="current-role">\(account.role.rawValue.html)</strong>\(managed(account))</p>
            <details id="role-explanation"><summary id="role-explanation-toggle">Why this role?</summary>\(why)</details>
            """
        if !account.source.isExternal {
            let options = Role.allCases.map { ($0.rawValue, $0.rawValue) }
            out += """
                <form id="role-form" class="stack-form" method="post" action="/admin/people/\(account.id.lowercasedText)/role">\(HTML.csrf(caller.csrf))
                \(HTML.select(id: "role-select", name: "role", label: "New role", options: options, selected: account.role.rawValue))
                <button type="submit" id="role-submit">Set role</button></form>
                """
        }
        return out + "</section>"
    }

    private static func sessions(_ details: Details, _ caller: ConsoleCaller) -> String {
        let id = details.listing.account.id.lowercasedText
        let headers = ["Session", "Opened", "Expires", "Kind"]
        let rows = details.sessions.map { session in
            "<tr>" + HTML.cell(headers[0], "<code>\(String(session.id.lowercasedText.prefix(8)))…</code>")
                + HTML.cell(headers[1], HTML.date(session.createdAt)) + HTML.cell(headers[2], HTML.date(session.expiresAt))
                + HTML.cell(headers[3], session.passwordChangeOnly ? "password change only" : "full") + "</tr>"
        }
        return """
            <section id="sessions" aria-labelledby="sessions-title"><h2 id="sessions-title">Sessions (\(details.sessions.count)) and API tokens (\(details.listing.apiTokenCount))</h2>
            \(HTML.table(id: "sessions-table", caption: "Open sessions", headers: headers, rows: rows, empty: "No open session."))
            \(HTML.buttonForm(id: "revoke-sessions-form", action: "/admin/people/\(id)/sessions/revoke", csrf: caller.csrf,
                              buttonID: "revoke-sessions-button", label: "Revoke all sessions", danger: true))
            </section>
            """
    }

    private static func ownership(_ details: Details, _ caller: ConsoleCaller) -> String {
        let id = details.listing.account.id.lowercasedText
        let items = details.owned.map { "<li><code>\($0.resource.description.html)</code></li>" }.joined()
        return """
            <section id="ownership" aria-labelledby="ownership-title"><h2 id="ownership-title">Owned resources (\(details.owned.count))</h2>
            \(items.isEmpty ? "<p>Owns nothing in the ownership registry.</p>" : "<ul id=\"owned-resources\">\(items)</ul>")
            <form id="transfer-form" class="stack-form" method="post" action="/admin/people/\(id)/transfer">\(HTML.csrf(caller.csrf))
            \(HTML.input(id: "transfer-to", name: "to", label: "Transfer everything to (username, email or id)", required: true))
            <button type="submit" id="transfer-submit">Transfer ownership</button></form>
            </section>
            """
    }

    private static func actions(_ account: Account, _ caller: ConsoleCaller) -> String {
        let base = "/admin/people/\(account.id.lowercasedText)"
        let lifecycle = account.active
            ? HTML.buttonForm(id: "deactivate-form", action: base + "/deactivate", csrf: caller.csrf, buttonID: "deactivate-button",
                              label: "Deactivate", danger: true)
            : HTML.buttonForm(id: "reactivate-form", action: base + "/reactivate", csrf: caller.csrf, buttonID: "reactivate-button",
                              label: "Reactivate")
        let reset = account.authMethod == .password
            ? HTML.buttonForm(id: "reset-password-form", action: base + "/reset-password", csrf: caller.csrf,
                              buttonID: "reset-password-button", label: "Reset password")
            : "<p class=\"muted\">Signs in with \(account.authMethod.rawValue.html): no local password to reset.</p>"
        return """
            <section id="actions" aria-labelledby="actions-title" class="actions"><h2 id="actions-title">Actions</h2>
            \(lifecycle)
            \(reset)
            \(HTML.buttonForm(id: "delete-form", action: base + "/delete", csrf: caller.csrf, buttonID: "delete-button",
                              label: "Delete account", danger: true))
            </section>
            """
    }
}
