import Foundation
import GRDB
import RosterCore
import Testing

/// The people list (newest first, filters, search, keyset pages) and a person's page, with every value escaped.
@Suite(.timeLimit(.minutes(3))) struct ConsolePeopleTests {
    /// The ids of the table's rows, in order.
    private func rows(_ page: ConsoleBrowser.Page) throws -> [String] {
        page.html.matches(of: try Regex(#"<tr data-account-id="([0-9a-f-]+)">"#)).compactMap { $0.output[1].substring.map(String.init) }
    }

    @Test func pagesOfFiftyNewestFirstWithoutOverlap() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        for index in 0..<119 {
            _ = try harness.test.accounts.create(NewAccount(email: "p\(index)@corp.example", userName: "person\(index)", role: .guest,
                                                            authMethod: .saml), by: .cliOperator)
        }
        let expected = try await harness.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM account ORDER BY created_at DESC, id DESC")
        }
        #expect(expected.count == 120)
        try await harness.console { browser in
            try await browser.signIn("ada")
            var seen: [String] = []
            var path: String? = "/admin/people"
            var pages = 0
            while let next = path {
                let page = try await browser.get(next)
                #expect(page.status == 200)
                let ids = try rows(page)
                #expect(ids.count == (pages < 2 ? 50 : 20))
                seen += ids
                path = page.capture(#"<a id="people-next" href="([^"]+)""#).map { $0.replacingOccurrences(of: "&amp;", with: "&") }
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen == expected)
            // The first row links to the person's page.
            let first = try await browser.get("/admin/people")
            #expect(first.html.contains("<a href=\"/admin/people/\(expected[0])\">person118</a>"))
        }
    }

    @Test func filtersAndSearchKeepToTheirRows() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let zeph = try harness.test.accounts.create(NewAccount(email: "zephyrine@corp.example", userName: "zquixote",
                                                               displayName: "Zephyrine Quixote", role: .member, authMethod: .saml),
                                                    by: .cliOperator).account
        let ghost = try harness.account("ghost", role: .guest)
        _ = try harness.test.accounts.deactivate("ghost", by: .cliOperator)
        let synced = try harness.test.accounts.create(NewAccount(email: "dir@corp.example", userName: "dirk", role: .member, authMethod: .ldap,
                                                                 source: .ldap("corp"), sourceAnchor: "anchor-1"), by: .cliOperator).account
        try await harness.console { browser in
            try await browser.signIn("ada")
            let cases: [(String, [UUID])] = [
                ("q=Zephyr", [zeph.id]),              // display-name prefix, any case
                ("q=zephyrine+quix", [zeph.id]),      // a space as a GET form sends it
                ("q=zquix", [zeph.id]),               // userName prefix
                ("q=zephyrine%40corp", [zeph.id]),    // address prefix
                ("q=nobody-is-called-this", []),
                ("role=guest", [ghost.id]),
                ("active=inactive", [ghost.id]),
                ("auth=ldap", [synced.id]),
                ("source=ldap%3Acorp", [synced.id]),
                ("role=member&auth=saml", [zeph.id]),
            ]
            for (query, ids) in cases {
                let page = try await browser.get("/admin/people?" + query)
                #expect(page.status == 200, "\(query)")
                #expect(try rows(page) == ids.map(\.lowercasedText), "\(query)")
            }
            let form = try await browser.get("/admin/people?role=guest")
            for id in ["people-filter", "people-search", "filter-role", "filter-source", "filter-active", "filter-auth", "people-filter-submit"] {
                #expect(form.has(id: id), "\(id)")
            }
            #expect(form.html.contains("<option value=\"guest\" selected>"))
            #expect(form.html.contains("<option value=\"ldap:corp\">"))
        }
    }

    @Test func everyValueIsEscaped() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let hostile = "<script>alert(1)</script>"
        let evil = try harness.test.accounts.create(NewAccount(email: "evil@corp.example", userName: "evil", displayName: hostile,
                                                               role: .member, authMethod: .saml), by: .cliOperator).account
        try await harness.console { browser in
            try await browser.signIn("ada")
            for path in ["/admin/people", "/admin/people/\(evil.id.lowercasedText)", "/admin/audit",
                         "/admin/people?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/admin/audit?actor=%22%3E%3Cb%3E"] {
                let page = try await browser.get(path)
                #expect(page.status == 200, "\(path)")
                #expect(!page.html.contains(hostile), "\(path)")
                #expect(!page.html.contains("\"><b>"), "\(path)")
            }
            let person = try await browser.get("/admin/people/\(evil.id.lowercasedText)")
            #expect(person.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func aPersonsPageShowsProfileRoleExplanationSessionsAndHistory() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let local = try harness.account("lena")
        let synced = try harness.test.accounts.create(NewAccount(email: "dir@corp.example", userName: "dirk", displayName: "Dirk Directory",
                                                                 role: .member, authMethod: .ldap, source: .ldap("corp"), sourceAnchor: "a-1"),
                                                      by: .cliOperator).account
        try await harness.console { browser in
            try await browser.signIn("ada")
            let page = try await browser.get("/admin/people/\(local.id.lowercasedText)")
            for id in ["profile", "emails", "groups", "role", "role-explanation", "role-explanation-toggle", "sessions", "revoke-sessions-form",
                       "audit-history", "role-form", "role-select", "role-submit", "deactivate-form", "reset-password-form", "delete-form",
                       "transfer-form", "transfer-to"] {
                #expect(page.has(id: id), "\(id)")
            }
            #expect(page.html.contains("<details id=\"role-explanation\"><summary id=\"role-explanation-toggle\">Why this role?</summary>"))
            #expect(page.html.contains("lena is member: set locally (source local)"))
            #expect(page.html.contains("account.created"))
            // Source-managed fields are read-only with the source named; no role form.
            let managed = try await browser.get("/admin/people/\(synced.id.lowercasedText)")
            #expect(managed.html.contains("managed by ldap:corp"))
            #expect(!managed.has(id: "role-form"))
            // An unknown id is a 404 page.
            #expect(try await browser.get("/admin/people/\(UUID().uuidString)").status == 404)
        }
    }

    @Test func theAuditLogFiltersAndPages() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let target = try harness.account("tess")
        for role in [Role.guest, .member, .guest, .member] { _ = try harness.test.accounts.setRole("tess", to: role, by: .cliOperator) }
        try await harness.console { browser in
            try await browser.signIn("ada")
            let page = try await browser.get("/admin/audit?account=tess&action=account.roleChanged")
            let ids = page.html.matches(of: try Regex(#"<tr data-audit-id="([0-9]+)">"#)).count
            #expect(ids == 4)
            #expect(page.has(id: "audit-filter") && page.has(id: "audit-table"))
            let byID = try await browser.get("/admin/audit?account=\(target.id.lowercasedText)&action=account.")
            #expect(byID.html.matches(of: try Regex(#"<tr data-audit-id="#)).count == 5)  // created + 4 role changes
            // By the operator only: every row's actor is `system`.
            let system = try await browser.get("/admin/audit?actor=system")
            let actors = system.html.matches(of: try Regex(#"<td data-label="Actor">([^<]*)</td>"#)).compactMap { $0.output[1].substring }
            #expect(!actors.isEmpty && actors.allSatisfy { $0 == "system" })
            let byAda = try await browser.get("/admin/audit?actor=ada")
            let adaActors = byAda.html.matches(of: try Regex(#"<td data-label="Actor">([^<]*)</td>"#)).compactMap { $0.output[1].substring }
            #expect(!adaActors.isEmpty && adaActors.allSatisfy { $0 == "ada" })
            // Keyset pages: 50 entries, then the rest.
            for index in 0..<60 { _ = try harness.test.accounts.setRole("tess", to: index % 2 == 0 ? .guest : .member, by: .cliOperator) }
            let first = try await browser.get("/admin/audit?account=tess")
            #expect(first.html.matches(of: try Regex(#"<tr data-audit-id="#)).count == 50)
            let next = try #require(first.capture(#"<a id="audit-next" href="([^"]+)""#)).replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(next)
            #expect(second.html.matches(of: try Regex(#"<tr data-audit-id="#)).count == 15)
            #expect(!second.has(id: "audit-next"))
        }
    }
}
