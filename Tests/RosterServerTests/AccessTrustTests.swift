import Foundation
import HTTPTypes
import RosterCore
import RosterSCIM
import Testing

/// Findings 3 and 5 of issue 9: a GET of the verification link changes nothing and a link never reactivates an
/// account an admin or a source deactivated; API tokens expire and die with the password; invitations are managed
/// by admins (a member only their own) and links go to admins only.
@Suite(.timeLimit(.minutes(3))) struct AccessTrustTests {
    private func signUp(_ harness: AccessHarness, _ client: SCIMHarness.Client, _ email: String) async throws -> String {
        let reply = try await client.send(.post, "/signup", ["email": .string(email), "password": "a long enough password"])
        #expect(reply.status == 202)
        let link = try #require(harness.link(to: email))
        return try #require(AccessHarness.token(of: link))
    }

    private func account(_ harness: AccessHarness, email: String) throws -> Account? {
        try harness.store.read { try $0.account(emailKey: EmailPolicy.key(for: email)) }
    }

    private func form(_ client: SCIMHarness.Client, token: String) async throws -> SCIMHarness.Client.Reply {
        try await client.send(.post, "/signup/verify", raw: "token=\(token)",
                              headers: [.contentType: "application/x-www-form-urlencoded"])
    }

    @Test func aGetOfTheVerificationLinkOnlyShowsAConfirmButton() async throws {
        let harness = try AccessHarness()
        try await harness.run { client in
            let token = try await signUp(harness, client, "scanned@corp.example")
            let page = try await client.client.execute(uri: "/signup/verify?token=\(token)", method: .get) { response in
                (Int(response.status.code), String(buffer: response.body), response.headers)
            }
            #expect(page.0 == 200)
            #expect(page.2[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.1.contains("<form method=\"post\" action=\"/signup/verify\">"))
            #expect(page.1.contains("value=\"\(token)\""))
            #expect(!page.1.lowercased().contains("<script"))
            #expect(try account(harness, email: "scanned@corp.example")?.active == false)
            // The button's POST activates; the link then works no more.
            #expect(try await form(client, token: token).status == 200)
            #expect(try account(harness, email: "scanned@corp.example")?.active == true)
            #expect(try account(harness, email: "scanned@corp.example")?.emails.allSatisfy(\.verified) == true)
            #expect(try await form(client, token: token).status == 404)
        }
    }

    @Test func aVerificationLinkNeverReactivatesADeactivatedOrAdoptedAccount() async throws {
        let harness = try AccessHarness()
        try await harness.run { client in
            // An admin activated and then deactivated the account before its holder followed the link.
            let first = try await signUp(harness, client, "first@corp.example")
            let reference = try #require(try account(harness, email: "first@corp.example")).id.lowercasedText
            _ = try harness.test.accounts.reactivate(reference, by: .cliOperator)
            _ = try harness.test.accounts.deactivate(reference, by: .cliOperator)
            #expect(try await client.send(.post, "/signup/verify", ["token": .string(first)]).status == 404)
            #expect(try account(harness, email: "first@corp.example")?.active == false)

            // A source adopted the account and deprovisioned it.
            let second = try await signUp(harness, client, "second@corp.example")
            try harness.store.write { tx in
                var adopted = try #require(try tx.account(emailKey: EmailPolicy.key(for: "second@corp.example")))
                adopted.source = .scim("idp")
                adopted.deactivatedBy = "scim:idp"
                try tx.update(adopted)
            }
            #expect(try await client.send(.post, "/signup/verify", ["token": .string(second)]).status == 404)
            #expect(try account(harness, email: "second@corp.example")?.active == false)
        }
    }

    @Test func theInvitationLinkShowsAFormAndOnlyItsPostAccepts() async throws {
        let harness = try AccessHarness()
        try harness.account("boss", role: .admin)
        try await harness.run { client in
            let boss = try await harness.signIn(client, "boss")
            #expect(try await client.send(.post, "/api/admin/invitations", ["email": "joiner@corp.example", "role": "member"], token: boss).status == 201)
            let token = try #require(harness.link(to: "joiner@corp.example").flatMap(AccessHarness.token(of:)))
            let page = try await client.client.execute(uri: "/invitations/accept?token=\(token)", method: .get) { response in
                (Int(response.status.code), String(buffer: response.body))
            }
            #expect(page.0 == 200)
            #expect(page.1.contains("<form method=\"post\" action=\"/invitations/accept\">"))
            #expect(!page.1.lowercased().contains("<script"))
            #expect(try account(harness, email: "joiner@corp.example") == nil)
            let accepted = try await client.send(.post, "/invitations/accept", raw: "token=\(token)&password=a+long+enough+password&userName=",
                                                 headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(accepted.status == 201)
            #expect(try account(harness, email: "joiner@corp.example")?.active == true)
            #expect(try await client.send(.post, "/auth/login", ["email": "joiner@corp.example", "password": "a long enough password"]).status == 200)
        }
    }

    @Test func personalAPITokensExpire() async throws {
        let harness = try AccessHarness()
        try harness.account("tokenholder")
        try await harness.run { client in
            let session = try await harness.signIn(client, "tokenholder")
            let issued = try await client.send(.post, "/me/api-token", token: session)
            let token = try #require(issued.body?[key: "token"]?.stringValue)
            #expect(issued.body?[key: "expiresAt"] != nil)
            #expect(try await client.send(.get, "/me", token: token).status == 200)
            harness.test.clock.advance(by: 89 * 86_400)
            #expect(try await client.send(.get, "/me", token: token).status == 200)
            harness.test.clock.advance(by: 2 * 86_400)
            #expect(try await client.send(.get, "/me", token: token).status == 401)
        }
    }

    @Test func aPasswordChangeRevokesAPITokensAndOtherSessions() async throws {
        let harness = try AccessHarness()
        try harness.account("changer")
        try await harness.run { client in
            let session = try await harness.signIn(client, "changer")
            let other = try await harness.signIn(client, "changer")
            let token = try #require(try await client.send(.post, "/me/api-token", token: session).body?[key: "token"]?.stringValue)
            let changed = try await client.send(.post, "/auth/password", ["currentPassword": "correct horse battery",
                                                                          "newPassword": "another long password"], token: session)
            #expect(changed.status == 200)
            #expect(try await client.send(.get, "/me", token: token).status == 401)
            #expect(try await client.send(.get, "/me", token: other).status == 401)
            let fresh = try #require(changed.body?[key: "token"]?.stringValue)
            #expect(try await client.send(.get, "/me", token: fresh).status == 200)
        }
    }

    @Test func aPasswordResetRevokesAPITokensEvenWhenSessionsAreKept() async throws {
        let harness = try AccessHarness()
        try harness.account("resetme")
        try await harness.run { client in
            let session = try await harness.signIn(client, "resetme")
            let token = try #require(try await client.send(.post, "/me/api-token", token: session).body?[key: "token"]?.stringValue)
            _ = try harness.test.accounts.resetPassword("resetme", keepSessions: true, by: .cliOperator)
            #expect(try await client.send(.get, "/me", token: token).status == 401)
        }
    }

    @Test func membersManageOnlyTheirOwnInvitationsAndNeverSeeLinks() async throws {
        let harness = try AccessHarness(withMail: false)
        try harness.account("boss", role: .admin)
        try harness.account("mel", role: .member)
        try await harness.run { client in
            let boss = try await harness.signIn(client, "boss")
            let mel = try await harness.signIn(client, "mel")
            let bosses = try await client.send(.post, "/api/admin/invitations", ["email": "a@corp.example", "role": "member"], token: boss)
            #expect(bosses.status == 201)
            #expect(bosses.body?[key: "delivery"]?[key: "link"]?.stringValue?.contains("token=") == true)
            let bossInvitation = try #require(bosses.body?[key: "invitation"]?[key: "id"]?.stringValue)

            // A member's own invitation: created, but no link without mail.
            let mels = try await client.send(.post, "/api/admin/invitations", ["email": "b@corp.example", "role": "member"], token: mel)
            #expect(mels.status == 201)
            #expect(mels.body?[key: "delivery"]?[key: "mail"] == "notConfigured")
            #expect(mels.body?[key: "delivery"]?[key: "link"] == nil)
            let melInvitation = try #require(mels.body?[key: "invitation"]?[key: "id"]?.stringValue)

            // The member sees and manages only their own.
            let listed = try await client.send(.get, "/api/admin/invitations?all=true", token: mel)
            #expect(listed.body?[key: "invitations"]?.arrayValue?.compactMap { $0[key: "id"]?.stringValue } == [melInvitation])
            let resend = try await client.send(.post, "/api/admin/invitations/\(bossInvitation)/resend", token: mel)
            #expect(resend.status == 404)
            #expect(resend.body?[key: "delivery"] == nil)
            #expect(try await client.send(.delete, "/api/admin/invitations/\(bossInvitation)", token: mel).status == 404)
            let ownResend = try await client.send(.post, "/api/admin/invitations/\(melInvitation)/resend", token: mel)
            #expect(ownResend.status == 200 || ownResend.status == 201)
            #expect(ownResend.body?[key: "delivery"]?[key: "link"] == nil)

            // The admin sees both and gets the link of the member's invitation on resend.
            let all = try await client.send(.get, "/api/admin/invitations", token: boss)
            #expect(all.body?[key: "invitations"]?.arrayValue?.count == 2)
            let adminResend = try await client.send(.post, "/api/admin/invitations/\(melInvitation)/resend", token: boss)
            #expect(adminResend.body?[key: "delivery"]?[key: "link"]?.stringValue?.contains("token=") == true)
        }
    }
}
