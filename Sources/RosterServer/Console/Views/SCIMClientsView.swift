import RosterCore
import RosterSCIM

/// The SCIM clients table (`#scim-clients-table`) with revoke forms, and the add form (`#scim-client-form`).
enum SCIMClientsView {
    static func render(_ clients: [SCIMClient], caller: ConsoleCaller) -> String {
        let manage = caller.account.role >= .superuser
        let headers = ["Name", "Source", "Created", "Status", "Actions"]
        let rows = clients.map { client -> String in
            let revoke = client.revokedAt == nil && manage
                ? HTML.buttonForm(id: nil, action: "/admin/scim-clients/\(HTML.query(client.name))/revoke", csrf: caller.csrf,
                                  buttonID: "revoke-scim-\(client.name)", label: "Revoke", danger: true)
                : ""
            return "<tr data-scim-client=\"\(client.name.html)\">" + HTML.cell(headers[0], client.name.html)
                + HTML.cell(headers[1], "scim:\(client.name)".html) + HTML.cell(headers[2], HTML.date(client.createdAt))
                + HTML.cell(headers[3], client.revokedAt.map { "revoked " + HTML.date($0) } ?? "active") + HTML.cell(headers[4], revoke) + "</tr>"
        }
        return HTML.table(id: "scim-clients-table", caption: "Clients allowed to push over SCIM", headers: headers, rows: rows,
                          empty: "No SCIM client yet.") + (manage ? form(caller) : "<p>Only a superuser adds or revokes SCIM clients.</p>")
    }

    private static func form(_ caller: ConsoleCaller) -> String {
        """
            <section id="add-scim-client" aria-labelledby="add-scim-client-title"><h2 id="add-scim-client-title">Add a client</h2>
            <p>Its role ceiling is configured in <code>scim.clients.NAME.maxRole</code> (default <code>scim.maxRole</code>).</p>
            <form id="scim-client-form" class="stack-form" method="post" action="/admin/scim-clients">\(HTML.csrf(caller.csrf))
            \(HTML.input(id: "scim-client-name", name: "name", label: "Client name (letters, digits, . _ -)", required: true))
            <button type="submit" id="scim-client-submit">Add client</button></form></section>
            """
    }
}
