import RosterCore

/// The allowlist table (`#domains-table`) with remove forms, and the add form (`#domain-form`).
enum DomainsView {
    static func render(_ domains: [SignupDomain], signupEnabled: Bool, caller: ConsoleCaller) -> String {
        let headers = ["Domain", "Role", "Auth method", "Subdomains", "From", "Actions"]
        let rows = domains.map { domain -> String in
            let remove = domain.origin == .store
                ? HTML.buttonForm(id: nil, action: "/admin/domains/remove", csrf: caller.csrf, buttonID: "remove-\(domain.domain)",
                                  label: "Remove", danger: true, extra: "<input type=\"hidden\" name=\"domain\" value=\"\(domain.domain.html)\">")
                : "<span class=\"managed\">in the configuration file</span>"
            return "<tr data-domain=\"\(domain.domain.html)\">" + HTML.cell(headers[0], domain.domain.html)
                + HTML.cell(headers[1], domain.role.rawValue.html) + HTML.cell(headers[2], domain.authMethod.rawValue.html)
                + HTML.cell(headers[3], domain.includeSubdomains ? "included" : "no") + HTML.cell(headers[4], domain.origin.rawValue.html)
                + HTML.cell(headers[5], remove) + "</tr>"
        }
        let status = signupEnabled ? "<p>Self signup is <strong>on</strong> (it also needs SMTP for the verification mail).</p>"
            : "<p>Self signup is <strong>off</strong> (<code>signup.enabled</code>); the allowlist applies once it is on.</p>"
        return status + HTML.table(id: "domains-table", caption: "Domains whose addresses may sign up", headers: headers, rows: rows,
                                   empty: "No domain on the allowlist.") + """
            <section id="add-domain" aria-labelledby="add-domain-title"><h2 id="add-domain-title">Add a domain</h2>
            <form id="domain-form" class="stack-form" method="post" action="/admin/domains">\(HTML.csrf(caller.csrf))
            \(HTML.input(id: "domain-name", name: "domain", label: "Domain", required: true))
            \(HTML.select(id: "domain-role", name: "role", label: "Role of new accounts", options: [("guest", "guest"), ("member", "member")],
                          selected: "guest"))
            \(HTML.select(id: "domain-auth", name: "authMethod", label: "Auth method", options: [("password", "password"), ("pam", "pam"), ("saml", "saml")],
                          selected: "password"))
            <div class="field check"><input id="domain-subdomains" name="includeSubdomains" type="checkbox"><label for="domain-subdomains">Include subdomains</label></div>
            <button type="submit" id="domain-submit">Add domain</button></form></section>
            """
    }
}
