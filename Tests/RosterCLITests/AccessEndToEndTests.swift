import Foundation
import RosterTesting
import Testing

/// Signup, invitations, mail and logins against a running `roster serve` and a local SMTP sink.
@Suite(.enabled(if: SMTPSink.shouldRun), .serialized, .timeLimit(.minutes(5)))
final class AccessEndToEndTests {
    let sink: SMTPSink
    let env: CLIEnvironment
    /// The public base of the links in mails (`smtp.linkBaseURL`): what users reach, not the port the server listens
    /// on (which it picks itself), as behind a reverse proxy.
    static let linkBase = "https://roster.example.test"

    init() throws {
        sink = try SMTPSink()
        env = try CLIEnvironment(extraKeys: """
            <key>passwordPolicy</key><dict><key>hashStrength</key><string>interactive</string></dict>
            <key>signup</key><dict>
              <key>enabled</key><true/>
              <key>domains</key><array>
                <dict><key>domain</key><string>Example.COM.</string><key>role</key><string>member</string></dict>
                <dict><key>domain</key><string>bücher.example</string><key>includeSubdomains</key><true/></dict>
              </array>
            </dict>
            <key>sessions</key><dict><key>maxFailedLogins</key><integer>20</integer><key>lockoutMinutes</key><integer>15</integer>
              <key>hashingBurst</key><integer>100</integer></dict>
            <key>smtp</key><dict>
              <key>url</key><string>\(sink.url)</string>
              <key>from</key><string>roster@example.net</string>
              <key>linkBaseURL</key><string>\(Self.linkBase)</string>
            </dict>
            <key>scim</key><dict><key>requestsPerMinute</key><integer>100000</integer></dict>
            """, environment: ["ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
    }

    private func token(in message: String) throws -> String {
        let link = try #require(SMTPSink.link(in: message))
        return try #require(link.components(separatedBy: "token=").last)
    }

    @Test func signupInvitationLoginAndTemporaryPasswords() throws {
        // A directory/SCIM-deprovisioned address: a SCIM client creates and deletes (deactivates) it.
        let scimToken = try #require(try env.run("scim-clients", "add", "hr").stdout.split(separator: "\n").last.map(String.init))
        let server = try ServerProcess(runner: env.runner)
        defer { _ = try? server.stop() }
        let hr = try server.request("POST", "/scim/v2/Users", body: ["userName": "left.company", "emails": [["value": "left@example.com"]]],
                                    token: scimToken)
        #expect(hr.status == 201)
        let leftID = try #require(hr.json["id"] as? String)
        #expect(try server.request("DELETE", "/scim/v2/Users/\(leftID)", token: scimToken).status == 204)

        // Allowlisted signup: mail, link, active account, login.
        let signup = try server.request("POST", "/signup", body: ["email": "Newcomer@EXAMPLE.com", "password": "a long enough password"])
        #expect(signup.status == 202)
        let verification = try #require(sink.waitForMessages(1).first)
        #expect(verification.contains("X-Envelope-To: Newcomer@example.com"))
        #expect(verification.contains("\(Self.linkBase)/signup/verify?token="))
        let beforeVerify = try server.request("POST", "/auth/login", body: ["login": "newcomer@example.com", "password": "a long enough password"])
        #expect(beforeVerify.status == 401)  // inactive until verified
        // GET (what a mail scanner prefetches) only shows the confirm button; its POST activates.
        let page = try server.request("GET", "/signup/verify?token=\(try token(in: verification))")
        #expect(page.status == 200)
        #expect(String(decoding: page.body ?? Data(), as: UTF8.self).contains("<form method=\"post\""))
        #expect(try server.request("POST", "/auth/login", body: ["login": "newcomer@example.com", "password": "a long enough password"]).status == 401)
        let verified = try server.request("POST", "/signup/verify", body: ["token": try token(in: verification)])
        #expect(verified.status == 200)
        #expect(try server.request("POST", "/signup/verify", body: ["token": try token(in: verification)]).status == 404)  // single use
        let login = try server.request("POST", "/auth/login", body: ["email": "newcomer@example.com", "password": "a long enough password"])
        #expect(login.status == 200)
        #expect((login.json["account"] as? [String: Any])?["role"] as? String == "member")

        // IDN domain with subdomains, compared in punycode.
        #expect(try server.request("POST", "/signup", body: ["email": "ana@Shop.XN--BCHER-KVA.example", "password": "a long enough password"]).status == 202)
        #expect(sink.waitForMessages(2).count == 2)

        // Refused: a domain not on the list (403), a deprovisioned address (same 202, but nothing created or sent).
        let stranger = try server.request("POST", "/signup", body: ["email": "eve@evil.example", "password": "a long enough password"])
        #expect(stranger.status == 403)
        #expect(stranger.errorCode == "refused.signupNotAllowed")
        let deprovisioned = try server.request("POST", "/signup", body: ["email": "LEFT@example.com", "password": "a long enough password"])
        #expect(deprovisioned.status == 202)
        #expect(deprovisioned.body == signup.body)
        // A signup answers once its mail was handed over (the sink stores a message before it accepts it), so a mail
        // for the deprovisioned address would be in the sink now; and the next mail sent (the invitation below) must
        // be the third, to the invitee, with none to that address anywhere before or after it.
        #expect(sink.messages().count == 2)

        // An admin created on the CLI has a temporary password: it must be changed before anything else.
        let created = try env.run("users", "create", "--email", "boss@corp.example", "--role", "admin")
        let temporary = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        let first = try server.request("POST", "/auth/login", body: ["userName": "boss", "password": temporary])
        #expect(first.status == 200)
        #expect(first.json["mustChangePassword"] as? Bool == true)
        let limited = try #require(first.json["token"] as? String)
        #expect(try server.request("GET", "/me", token: limited).errorCode == "refused.passwordChangeRequired")
        #expect(try server.request("GET", "/api/admin/users", token: limited).status == 403)
        let changed = try server.request("POST", "/auth/password", body: ["newPassword": "the boss's new password"], token: limited)
        #expect(changed.status == 200)
        let admin = try #require(changed.json["token"] as? String)
        #expect(try server.request("GET", "/me", token: limited).status == 401)  // the limited session ended
        #expect(try server.request("GET", "/me", token: admin).json["userName"] as? String == "boss")

        // Invitation: mailed, resent (the first link stops working), accepted; the invitee logs in.
        let invited = try server.request("POST", "/api/admin/invitations", body: ["email": "invitee@partner.example", "role": "member"], token: admin)
        #expect(invited.status == 201)
        #expect((invited.json["delivery"] as? [String: Any])?["mail"] as? String == "sent")
        let invitationID = try #require((invited.json["invitation"] as? [String: Any])?["id"] as? String)
        let firstMail = try #require(sink.waitForMessages(3).last)
        let recipients = sink.messages().map { SMTPSink.recipients(of: $0)?.lowercased() ?? "" }
        #expect(recipients.count == 3)
        #expect(recipients.first == "newcomer@example.com")
        #expect(recipients.dropFirst().first?.hasPrefix("ana@") == true)
        #expect(recipients.last == "invitee@partner.example")
        let resent = try server.request("POST", "/api/admin/invitations/\(invitationID)/resend", token: admin)
        #expect(resent.status == 200)
        let secondMail = try #require(sink.waitForMessages(4).last)
        #expect(try token(in: firstMail) != token(in: secondMail))
        let stale = try server.request("POST", "/invitations/accept", body: ["token": try token(in: firstMail), "password": "invitee password 1"])
        #expect(stale.status == 404)
        let accepted = try server.request("POST", "/invitations/accept", body: ["token": try token(in: secondMail), "password": "invitee password 1"])
        #expect(accepted.status == 201)
        #expect(try server.request("POST", "/auth/login", body: ["login": "invitee@partner.example", "password": "invitee password 1"]).status == 200)
        let pending = try server.request("GET", "/api/admin/invitations", token: admin)
        #expect((pending.json["invitations"] as? [Any])?.isEmpty == true)

        // Self-service: profile, personal API token (works as a bearer token), logout.
        #expect(try server.request("PATCH", "/me", body: ["displayName": "The Boss"], token: admin).json["displayName"] as? String == "The Boss")
        let apiToken = try #require(try server.request("POST", "/me/api-token", token: admin).json["token"] as? String)
        #expect(try server.request("GET", "/me", token: apiToken).status == 200)
        #expect(try server.request("POST", "/auth/logout", token: admin).status == 204)
        #expect(try server.request("GET", "/me", token: admin).status == 401)

        let openapi = try server.request("GET", "/api/openapi.json")
        #expect(openapi.json["openapi"] as? String == "3.1.0")

        // The server stops cleanly on SIGTERM; no mail ever went to the deprovisioned address.
        #expect(try server.stop().status == 0)
        #expect(!sink.messages().contains { SMTPSink.recipients(of: $0)?.lowercased() == "left@example.com" })
    }

    @Test func twentyWrongPasswordsLockTheAccount() throws {
        _ = try env.run("users", "create", "--email", "target@corp.example", "--role", "member")
        let server = try ServerProcess(runner: env.runner)
        defer { _ = try? server.stop() }
        var statuses: [Int] = []
        for _ in 0..<20 {
            statuses.append(try server.request("POST", "/auth/login", body: ["userName": "target", "password": "wrong password!"]).status)
        }
        #expect(statuses.allSatisfy { $0 == 401 })
        let locked = try server.request("POST", "/auth/login", body: ["userName": "target", "password": "wrong password!"])
        #expect(locked.status == 429)
        #expect(locked.errorCode == "refused.tooManyAttempts")
        #expect(Int(locked.headers["retry-after"] ?? "") ?? 0 > 800)
        let audit = try env.run("audit", "--user", "target", "--json").stdout
        #expect(audit.contains("account.locked"))
    }

    @Test func aFailedSendLeavesTheInvitationPending() throws {
        let rejecting = try SMTPSink(reject: true)
        let text = try String(contentsOfFile: env.configPath, encoding: .utf8).replacingOccurrences(of: sink.url, with: rejecting.url)
        try text.write(toFile: env.configPath, atomically: true, encoding: .utf8)
        let result = try env.run("invitations", "create", "--email", "someone@partner.example", "--role", "member")
        #expect(result.status == 1)
        #expect(result.stdout.contains("could not be sent"))
        let list = try env.run("invitations", "list")
        #expect(list.stdout.contains("someone@partner.example"))
        #expect(list.stdout.contains("pending"))
        #expect(list.stdout.contains("SMTP delivery failed"))
    }
}
