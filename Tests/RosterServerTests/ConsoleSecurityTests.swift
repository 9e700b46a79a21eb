import Foundation
import HTTPTypes
import RosterCore
import Testing

/// The console is safe by default: who gets in, cookies, CSRF on every state change, headers on every page.
@Suite(.timeLimit(.minutes(3))) struct ConsoleSecurityTests {
    @Test func signedOutRequestsGoToTheLogin() async throws {
        let harness = try AccessHarness()
        try await harness.console { browser in
            for path in ["/admin/people", "/admin/audit", "/admin/invitations", "/admin/sync"] {
                let page = try await browser.get(path)
                #expect(page.status == 303, "\(path)")
                #expect(page.location == "/admin/login", "\(path)")
            }
            let login = try await browser.get("/admin/login")
            #expect(login.status == 200)
            for id in ["login-form", "login-user", "login-password", "login-submit"] { #expect(login.has(id: id), "\(id)") }
        }
    }

    @Test func theSessionCookieIsHttpOnlySecureAndStrict() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        try await harness.console { browser in
            let answer = try await browser.signIn("ada")
            #expect(answer.status == 303)
            #expect(answer.location == "/admin/people")
            let cookie = try #require(answer.setCookies.first { $0.hasPrefix("roster_console=") })
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes.isSuperset(of: ["Path=/admin", "HttpOnly", "Secure", "SameSite=Strict"]))
            // The cookie holds a real session of ada, which the console accepts.
            let token = try #require(browser.cookies["roster_console"])
            #expect(try await harness.access.authenticate(token: token).account.userName == "ada")
            #expect(try await browser.get("/admin/people").status == 200)

            // Logout ends that session and clears the cookie.
            let people = try await browser.get("/admin/people")
            let out = try await browser.post("/admin/logout", ["_csrf": try #require(people.csrf)])
            #expect(out.status == 303)
            #expect(out.setCookies.contains { $0.hasPrefix("roster_console=;") && $0.contains("Max-Age=0") })
            await #expect(throws: RosterError.self) { try await harness.access.authenticate(token: token) }
            #expect(try await browser.get("/admin/people").location == "/admin/login")
        }
    }

    @Test func aWrongPasswordReRendersTheFormWithAnError() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        try await harness.console { browser in
            let answer = try await browser.signIn("ada", password: "not the password")
            #expect(answer.status == 401)
            #expect(answer.html.contains("id=\"flash\" class=\"flash-error\" role=\"alert\""))
            #expect(answer.has(id: "login-form"))
            #expect(browser.cookies["roster_console"] == nil)
        }
    }

    @Test func membersAndGuestsGetA403AndNoData() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        try harness.account("secretive", role: .superuser)
        for (name, role) in [("mel", Role.member), ("gus", Role.guest)] {
            let account = try harness.account(name, role: role)
            try await harness.console { browser in
                let answer = try await browser.signIn(name)
                #expect(answer.status == 403)
                #expect(answer.html.contains("the console is for admins") || answer.html.contains("The console is for admins"))
                #expect(!answer.html.contains("secretive"))
                #expect(!answer.has(id: "people-table"))
                // No session stays open and no cookie is set.
                #expect(browser.cookies["roster_console"] == nil)
                #expect(try harness.store.read { try $0.sessionCount(accountID: account.id) } == 0)
            }
            // A session opened elsewhere (the JSON API) gets the same 403 page from the console, no data.
            try await harness.run { client in
                let token = try await harness.signIn(client, name)
                let reply = try await client.client.execute(uri: "/admin/people", method: .get, headers: [.cookie: "roster_console=\(token)"]) {
                    ($0.status.code, String(buffer: $0.body))
                }
                #expect(reply.0 == 403)
                #expect(!reply.1.contains("secretive") && !reply.1.contains("people-table"))
            }
        }
    }

    @Test func aMissingOrWrongCSRFTokenIsRefusedAndChangesNothing() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let target = try harness.account("tove")
        try await harness.console { other in
            try await harness.console { browser in
                try await browser.signIn("ada")
                try await other.signIn("ada")
                let otherCSRF = try #require(try await other.get("/admin/people").csrf)
                let page = try await browser.get("/admin/people/\(target.id.lowercasedText)")
                let csrf = try #require(page.csrf)
                #expect(otherCSRF != csrf)
                let before = try harness.fingerprint()
                let action = "/admin/people/\(target.id.lowercasedText)/deactivate"
                // Missing, forged, altered, and another session's token.
                for fields in [[:], ["_csrf": "forged"], ["_csrf": String(csrf.reversed())], ["_csrf": otherCSRF]] {
                    let answer = try await browser.post(action, fields)
                    #expect(answer.status == 403)
                    #expect(answer.html.contains("CSRF"))
                }
                // The right token from another origin is refused too.
                let foreign = try await browser.post(action, ["_csrf": csrf], headers: [.origin: "https://evil.example"])
                #expect(foreign.status == 403)
                #expect(try harness.fingerprint() == before)
                #expect(try harness.stored("tove").active)
                // The same request with its own token from the console's origin works.
                let done = try await browser.post(action, ["_csrf": csrf], headers: [.origin: "http://localhost"])
                #expect(done.status == 303)
                #expect(try !harness.stored("tove").active)
            }
        }
    }

    /// Over a real connection: the browser's `Origin` is compared with the `Host` it sent.
    @Test func theOriginCheckWorksOverRealHTTP() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let target = try harness.account("tove")
        try await harness.liveConsole { browser in
            let form = try await browser.get("/admin/login")
            let login = try await browser.post("/admin/login", ["_csrf": try #require(form.csrf), "user": "ada", "password": "correct horse battery"],
                                               headers: [.origin: "http://localhost"])
            #expect(login.status == 303)
            #expect(login.location == "/admin/people")
            let person = "/admin/people/\(target.id.lowercasedText)"
            let csrf = try #require(try await browser.get(person).csrf)
            #expect(try await browser.post(person + "/deactivate", ["_csrf": csrf], headers: [.origin: "http://evil.example"]).status == 403)
            #expect(try harness.stored("tove").active)
            let crossSite = HTTPField.Name("Sec-Fetch-Site")!
            #expect(try await browser.post(person + "/deactivate", ["_csrf": csrf], headers: [.origin: "null", crossSite: "cross-site"]).status == 403)
            #expect(try harness.stored("tove").active)
            // What Chromium sends for a same-origin form under `Referrer-Policy: no-referrer`.
            let done = try await browser.post(person + "/deactivate", ["_csrf": csrf], headers: [.origin: "null", crossSite: "same-origin"])
            #expect(done.status == 303)
            #expect(try !harness.stored("tove").active)
        }
    }

    @Test func theLoginFormNeedsItsDoubleSubmitToken() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        try await harness.console { browser in
            // No cookie/field pair: refused before any password check.
            let bare = try await browser.post("/admin/login", ["user": "ada", "password": "correct horse battery"])
            #expect(bare.status == 403)
            let form = try await browser.get("/admin/login")
            let field = try #require(form.csrf)
            #expect(browser.cookies["roster_console_login"] == field)
            #expect(try await browser.post("/admin/login", ["_csrf": "x" + field, "user": "ada", "password": "correct horse battery"]).status == 403)
            #expect(browser.cookies["roster_console"] == nil)
            #expect(try await browser.post("/admin/login", ["_csrf": field, "user": "ada", "password": "correct horse battery"]).status == 303)
        }
    }

    /// Every page: the security headers, Server-Timing, and no inline script, event handler or style attribute.
    @Test func everyPageCarriesTheHeadersAndNoInlineScriptOrStyle() async throws {
        let harness = try AccessHarness()
        try harness.account("root", role: .superuser)
        let person = try harness.account("ada", role: .admin)
        try harness.store.syncWrite { tx in
            _ = try tx.insertSyncRun(SyncRunRecord(source: "ldap:corp", startedAt: Date(timeIntervalSince1970: 1_800_000_000),
                                                   finishedAt: Date(timeIntervalSince1970: 1_800_000_001), status: .applied, mode: "full",
                                                   dryRun: false, counts: ["created": 1]))
        }
        let run = try #require(try harness.store.syncRead { try $0.syncRuns(source: nil, limit: 1) }.first)
        try await harness.console { browser in
            let login = try await browser.get("/admin/login")
            try check(login, "/admin/login")
            try await browser.signIn("root")
            for path in ["/admin/people", "/admin/people/\(person.id.lowercasedText)", "/admin/invitations", "/admin/domains",
                         "/admin/scim-clients", "/admin/sync", "/admin/sync/runs/\(run.id)", "/admin/audit", "/admin/password"] {
                let page = try await browser.get(path)
                #expect(page.status == 200, "\(path)")
                try check(page, path)
                #expect(page.html.contains("<main"), "\(path)")
                #expect(page.html.contains("name=\"viewport\""), "\(path)")
                #expect(page.has(id: "console-nav") && page.has(id: "logout-form"), "\(path)")
                for id in ["nav-people", "nav-invitations", "nav-domains", "nav-scim-clients", "nav-sync", "nav-audit"] {
                    #expect(page.has(id: id), "\(path): \(id)")
                }
                // Every input (except hidden ones) has a label.
                let inputs = page.html.matches(of: try Regex(#"<(input|select)[^>]*\bid="([^"]+)"[^>]*>"#)).compactMap {
                    $0.output[0].substring.map(String.init)
                }
                for input in inputs where !input.contains("type=\"hidden\"") {
                    let id = try #require(input.firstMatch(of: try Regex(#"id="([^"]+)""#))?.output[1].substring)
                    #expect(page.html.contains("<label for=\"\(id)\""), "\(path): no label for \(id)")
                }
            }
            let missing = try await browser.get("/admin/no/such/page")
            #expect(missing.status == 404)
            try check(missing, "/admin/no/such/page")
            let css = try await browser.get("/admin/assets/console.css")
            #expect(css.status == 200 && css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(css.html.contains("@media (max-width: 600px)"))
            #expect(css.html.contains(":focus-visible"))
            let js = try await browser.get("/admin/assets/console.js")
            #expect(js.status == 200 && js.headers[.contentType]?.hasPrefix("text/javascript") == true)
        }
    }

    private func check(_ page: ConsoleBrowser.Page, _ path: String) throws {
        #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]
            == "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            "\(path)")
        #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
        #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(path)")
        #expect(page.headers[.cacheControl] == "no-store", "\(path)")
        let timing = try #require(page.headers[HTTPField.Name("Server-Timing")!], "\(path)")
        #expect(timing.wholeMatch(of: try Regex(#"app;dur=[0-9]+\.[0-9]"#)) != nil, "\(path): \(timing)")
        // Scripts only by src, no inline handlers or styles.
        #expect(page.html.firstMatch(of: try Regex(#"<script(?![^>]*\bsrc=)[^>]*>"#)) == nil, "\(path): inline script")
        #expect(page.html.firstMatch(of: try Regex(#"\son[a-z]+\s*="#).ignoresCase()) == nil, "\(path): inline handler")
        #expect(page.html.firstMatch(of: try Regex(#"\sstyle\s*="#).ignoresCase()) == nil, "\(path): style attribute")
        #expect(!page.html.contains("<style"), "\(path): style element")
    }
}
