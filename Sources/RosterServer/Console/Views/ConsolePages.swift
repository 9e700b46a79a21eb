import Foundation
import Hummingbird
import RosterCore

/// The page shell of the console: head (viewport, stylesheet, the one script), skip link, navigation with the
/// logout form, `<main>` and the flash message.
struct ConsolePages: Sendable {
    /// The signed-in admin a page is rendered for.
    struct Viewer: Sendable {
        var userName: String
        var role: Role
        var csrf: String
    }

    func page(title: String, viewer: Viewer?, flash: ConsoleFlash? = nil, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.html) · Roster admin</title>
        <link rel="stylesheet" href="/admin/assets/console.css">
        <script src="/admin/assets/console.js" defer></script>
        </head><body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="console-header"><span class="brand">Roster admin</span>\(viewer.map(nav) ?? "")</header>
        <main id="main" tabindex="-1">
        <h1>\(title.html)</h1>
        \(flash.map(render) ?? "")
        \(body)
        </main></body></html>
        """
    }

    private func nav(_ viewer: Viewer) -> String {
        let links = [("nav-people", "/admin/people", "People"), ("nav-invitations", "/admin/invitations", "Invitations"),
                     ("nav-domains", "/admin/domains", "Signup domains"), ("nav-scim-clients", "/admin/scim-clients", "SCIM clients"),
                     ("nav-sync", "/admin/sync", "Sync"), ("nav-audit", "/admin/audit", "Audit log")]
        let items = links.map { "<li><a id=\"\($0.0)\" href=\"\($0.1)\">\($0.2.html)</a></li>" }.joined()
        return """
            <nav id="console-nav" aria-label="Console"><ul>\(items)</ul>
            <span class="who">\(viewer.userName.html) (\(viewer.role.rawValue.html))</span>
            <form id="logout-form" class="inline" method="post" action="/admin/logout">\(HTML.csrf(viewer.csrf))\
            <button type="submit" id="logout-button">Sign out</button></form></nav>
            """
    }

    /// The flash of the previous action, and a one-time secret if it carried one.
    func render(_ flash: ConsoleFlash) -> String {
        let role = flash.kind == .ok ? "status" : "alert"
        let details = flash.details.isEmpty ? "" : "<ul>" + flash.details.map { "<li>\($0.html)</li>" }.joined() + "</ul>"
        var out = "<div id=\"flash\" class=\"flash-\(flash.kind.rawValue)\" role=\"\(role)\"><p>\(flash.message.html)</p>\(details)</div>"
        if let secret = flash.secret {
            out += """
                <section class="one-time" aria-labelledby="one-time-label"><h2 id="one-time-label">\((flash.secretLabel ?? "Shown only now").html)</h2>
                <p>Copy it now: it is not stored and will not be shown again.</p>
                <code id="one-time-secret">\(secret.html)</code></section>
                """
        }
        return out
    }

    /// A page without navigation (errors, the 403 of non-admins).
    func plain(title: String, message: String, extra: String = "") -> String {
        page(title: title, viewer: nil, body: "<p>\(message.html)</p>\(extra)")
    }

    func error(_ error: ConsoleError) -> Response {
        switch error.code {
        case .notSignedIn:
            return ConsoleResponse.redirect("/admin/login", cookies: [ConsoleCookies.clear(ConsoleCookies.session)])
        case .passwordChangeRequired:
            return ConsoleResponse.redirect("/admin/password")
        case .forbidden:
            return ConsoleResponse.html(.forbidden, plain(title: "Not allowed", message: error.message,
                                                          extra: "<p><a href=\"/admin/login\">Sign in as someone else</a></p>"))
        case .csrf:
            return ConsoleResponse.html(.forbidden, plain(title: "Request refused", message: error.message,
                                                          extra: "<p><a href=\"/admin/people\">Back to the console</a></p>"))
        case .notFound:
            return ConsoleResponse.html(.notFound, plain(title: "Not found", message: error.message,
                                                         extra: "<p><a href=\"/admin/people\">Back to the console</a></p>"))
        }
    }
}
