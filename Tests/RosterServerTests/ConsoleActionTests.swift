import Foundation
import RosterCore
import Testing

/// The console's actions go through the services of the CLI and the admin API, so their rules hold, refusals show
/// the service's message and change nothing, and every action answers 303 to a page with the outcome.
@Suite(.timeLimit(.minutes(3))) struct ConsoleActionTests {
    @Test func anAdminGrantingSuperuserIsRefusedAndNothingChanges() async throws {
        let harness = try AccessHarness()
        try harness.account("root", role: .superuser)
        try harness.account("ada", role: .admin)
        let target = try harness.account("reza")
        try await harness.console { browser in
            try await browser.signIn("ada")
            let person = "/admin/people/\(target.id.lowercasedText)"
            let before = try harness.fingerprint()
            let (post, next) = try await browser.submit(person + "/role", on: person, ["role": "superuser"])
            #expect(post.status == 303)
            #expect(post.location == person)
            #expect(next.html.contains("id=\"flash\" class=\"flash-error\" role=\"alert\""))
            #expect(next.html.contains("superuser"))
            #expect(!next.html.contains("flash-ok"))
            #expect(try harness.stored("reza").role == .member)
            #expect(try harness.fingerprint() == before)
            // The flash is shown once.
            #expect(!(try await browser.get(person)).has(id: "flash"))

            // What an admin may grant works, through the write path (one audit entry, via console).
            let granted = try await browser.submit(person + "/role", on: person, ["role": "admin"]).next
            #expect(granted.html.contains("id=\"flash\" class=\"flash-ok\" role=\"status\""))
            #expect(try harness.stored("reza").role == .admin)
            let entry = try #require(try harness.store.read { try $0.auditEvents(involving: target.id, limit: 1) }.first)
            #expect(entry.action == .roleChanged)
            #expect(entry.via == "console")
            #expect(entry.actorName == "ada")
        }
    }

    @Test func theLastSuperuserStays() async throws {
        let harness = try AccessHarness()
        let root = try harness.account("root", role: .superuser)
        try await harness.console { browser in
            try await browser.signIn("root")
            let person = "/admin/people/\(root.id.lowercasedText)"
            let next = try await browser.submit(person + "/role", on: person, ["role": "admin"]).next
            #expect(next.html.contains("flash-error"))
            #expect(try harness.stored("root").role == .superuser)
            let delete = try await browser.submit(person + "/delete", on: person).next
            #expect(delete.html.contains("flash-error"))
            #expect(try harness.store.read { try $0.activeSuperuserCount() } == 1)
        }
    }

    @Test func deactivateAndReactivate() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let target = try harness.account("tove")
        try await harness.console { browser in
            try await browser.signIn("ada")
            let person = "/admin/people/\(target.id.lowercasedText)"
            let page = try await browser.get(person)
            #expect(page.has(id: "deactivate-form") && page.has(id: "deactivate-button") && !page.has(id: "reactivate-form"))
            let off = try await browser.submit(person + "/deactivate", on: person).next
            #expect(off.html.contains("flash-ok"))
            #expect(off.has(id: "reactivate-button") && !off.has(id: "deactivate-button"))
            #expect(try !harness.stored("tove").active)
            let on = try await browser.submit(person + "/reactivate", on: person).next
            #expect(on.html.contains("flash-ok"))
            #expect(try harness.stored("tove").active)
            // Nobody deactivates themselves: the service's refusal, shown.
            let ada = try harness.stored("ada")
            let own = "/admin/people/\(ada.id.lowercasedText)"
            let refused = try await browser.submit(own + "/deactivate", on: own).next
            #expect(refused.html.contains("flash-error"))
            #expect(try harness.stored("ada").active)
        }
    }

    @Test func aResetPasswordIsShownOnceWithoutMail() async throws {
        let harness = try AccessHarness(withMail: false)
        try harness.account("ada", role: .admin)
        let target = try harness.account("rhea")
        try await harness.console { browser in
            try await browser.signIn("ada")
            let person = "/admin/people/\(target.id.lowercasedText)"
            let next = try await browser.submit(person + "/reset-password", on: person).next
            let secret = try #require(next.capture(#"<code id="one-time-secret">([^<]+)</code>"#))
            #expect(secret.count == 16)
            #expect(try harness.stored("rhea").mustChangePassword)
            #expect(harness.test.accounts.verifyPassword(secret, of: try harness.stored("rhea")))
            let again = try await browser.get(person)
            #expect(!again.has(id: "one-time-secret") && !again.html.contains(secret))
        }
    }

    @Test func aResetPasswordIsMailedWhenMailIsConfigured() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let target = try harness.account("rhea")
        try await harness.console { browser in
            try await browser.signIn("ada")
            let person = "/admin/people/\(target.id.lowercasedText)"
            let next = try await browser.submit(person + "/reset-password", on: person).next
            #expect(next.html.contains("flash-ok"))
            #expect(!next.has(id: "one-time-secret"))
            #expect(harness.mailer.messages.contains { $0.to == "rhea@corp.example" })
        }
    }

    @Test func aRefusedDeleteListsTheOwnedResources() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let owner = try harness.account("olga")
        try harness.account("nick")
        _ = try harness.test.accounts.addOwnership(ResourceRef(type: "repo", id: "payroll"), owner: "olga", by: .cliOperator)
        try await harness.console { browser in
            try await browser.signIn("ada")
            let person = "/admin/people/\(owner.id.lowercasedText)"
            let refused = try await browser.submit(person + "/delete", on: person).next
            #expect(refused.html.contains("flash-error"))
            #expect(refused.html.contains("repo:payroll"))
            #expect(try harness.store.read { try $0.account(id: owner.id) } != nil)
            // Transfer, then delete.
            let moved = try await browser.submit(person + "/transfer", on: person, ["to": "nick"]).next
            #expect(moved.html.contains("flash-ok"))
            #expect(try harness.store.read { try $0.ownerships(ownerID: nil) }.map(\.ownerUserName) == ["nick"])
            let (post, next) = try await browser.submit(person + "/delete", on: person)
            #expect(post.location == "/admin/people")
            #expect(next.html.contains("flash-ok"))
            #expect(try harness.store.read { try $0.account(id: owner.id) } == nil)
        }
    }

    @Test func revokeSessions() async throws {
        let harness = try AccessHarness()
        try harness.account("ada", role: .admin)
        let target = try harness.account("sam")
        try await harness.run { client in _ = try await harness.signIn(client, "sam") }
        #expect(try harness.store.read { try $0.sessionCount(accountID: target.id) } == 1)
        try await harness.console { browser in
            try await browser.signIn("ada")
            let person = "/admin/people/\(target.id.lowercasedText)"
            let next = try await browser.submit(person + "/sessions/revoke", on: person).next
            #expect(next.html.contains("flash-ok"))
            #expect(try harness.store.read { try $0.sessionCount(accountID: target.id) } == 0)
        }
    }

    @Test func inviteResendAndRevoke() async throws {
        let harness = try AccessHarness(withMail: false)
        try harness.account("ada", role: .admin)
        try await harness.console { browser in
            try await browser.signIn("ada")
            let page = try await browser.get("/admin/invitations")
            for id in ["invitations-table", "invite-form", "invite-email", "invite-role", "invite-submit"] { #expect(page.has(id: id), "\(id)") }
            let next = try await browser.submit("/admin/invitations", on: "/admin/invitations",
                                                ["email": "new.person@corp.example", "role": "member"]).next
            #expect(next.html.contains("flash-ok"))
            // Without SMTP the link is shown once for the admin to hand over.
            let link = try #require(next.capture(#"<code id="one-time-secret">([^<]+)</code>"#))
            #expect(link.contains("/invitations/accept?token="))
            let id = try #require(next.capture(#"data-invitation-id="([^"]+)" data-status="pending""#))
            let resent = try await browser.submit("/admin/invitations/\(id)/resend", on: "/admin/invitations").next
            #expect(resent.html.contains("flash-ok"))
            #expect(try #require(resent.capture(#"<code id="one-time-secret">([^<]+)</code>"#)) != link)
            let revoked = try await browser.submit("/admin/invitations/\(id)/revoke", on: "/admin/invitations").next
            #expect(revoked.html.contains("flash-ok"))
            #expect(revoked.html.contains("data-status=\"revoked\""))
            // An admin inviting a superuser: refused, nothing stored.
            let before = try harness.fingerprint()
            let refused = try await browser.submit("/admin/invitations", on: "/admin/invitations",
                                                   ["email": "boss@corp.example", "role": "superuser"]).next
            #expect(refused.html.contains("flash-error"))
            #expect(!refused.html.contains("boss@corp.example"))
            #expect(try harness.fingerprint() == before)
        }
    }

    @Test func domainsAndSCIMClients() async throws {
        let harness = try AccessHarness()
        try harness.account("root", role: .superuser)
        try harness.account("ada", role: .admin)
        try await harness.console { browser in
            try await browser.signIn("ada")
            let added = try await browser.submit("/admin/domains", on: "/admin/domains", ["domain": "Example.ORG", "role": "member"]).next
            #expect(added.html.contains("flash-ok"))
            #expect(added.html.contains("data-domain=\"example.org\""))
            #expect(try harness.access.signupDomains().contains { $0.domain == "example.org" && $0.role == .member })
            let removed = try await browser.submit("/admin/domains/remove", on: "/admin/domains", ["domain": "example.org"]).next
            #expect(removed.html.contains("flash-ok"))
            #expect(try !harness.access.signupDomains().contains { $0.domain == "example.org" })
            // An admin sees the SCIM clients but may not add one.
            let clients = try await browser.get("/admin/scim-clients")
            #expect(clients.has(id: "scim-clients-table") && !clients.has(id: "scim-client-form"))
            let refused = try await browser.submit("/admin/scim-clients", on: "/admin/scim-clients", ["name": "okta"]).next
            #expect(refused.html.contains("flash-error"))
            #expect(try await harness.store.scimRead { try $0.scimClients() }.isEmpty)
        }
        try await harness.console { browser in
            try await browser.signIn("root")
            let next = try await browser.submit("/admin/scim-clients", on: "/admin/scim-clients", ["name": "okta"]).next
            let token = try #require(next.capture(#"<code id="one-time-secret">([^<]+)</code>"#))
            #expect(token.count >= 40)
            #expect(next.html.contains("data-scim-client=\"okta\""))
            #expect(!(try await browser.get("/admin/scim-clients")).html.contains(token))
            let revoked = try await browser.submit("/admin/scim-clients/okta/revoke", on: "/admin/scim-clients").next
            #expect(revoked.html.contains("flash-ok"))
            #expect(try await harness.store.scimRead { try $0.scimClients() }.first?.revokedAt != nil)
        }
    }

    @Test func aTemporaryPasswordMustBeChangedFirst() async throws {
        let harness = try AccessHarness()
        let created = try harness.test.accounts.create(NewAccount(email: "fresh@corp.example", userName: "fresh", role: .admin), by: .cliOperator)
        let temporary = try #require(created.temporaryPassword)
        try await harness.console { browser in
            let answer = try await browser.signIn("fresh", password: temporary)
            #expect(answer.location == "/admin/password")
            #expect(try await browser.get("/admin/people").location == "/admin/password")
            let form = try await browser.get("/admin/password")
            #expect(form.has(id: "new-password") && form.has(id: "confirm-password") && !form.has(id: "current-password"))
            let (post, next) = try await browser.submit("/admin/password", on: "/admin/password",
                                                        ["new-password": "a brand new passphrase", "confirm-password": "a brand new passphrase"])
            #expect(post.location == "/admin/people")
            #expect(next.status == 200)
            #expect(next.html.contains("flash-ok"))
            #expect(try !harness.stored("fresh").mustChangePassword)
        }
    }
}
