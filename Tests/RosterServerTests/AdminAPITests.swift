import Foundation
import HTTPTypes
import RosterCore
import RosterSCIM
import Testing

/// The rules of the foundation over the admin API: each refusal answers 403 with a stable code and leaves the
/// store as it was.
@Suite(.timeLimit(.minutes(3))) struct AdminAPITests {
    /// Creates accounts with known passwords and returns their session tokens.
    private func signIn(_ harness: SCIMHarness, _ scim: SCIMHarness.Client, _ people: [(String, Role)]) async throws -> [String: String] {
        var tokens: [String: String] = [:]
        for (name, role) in people {
            _ = try harness.test.accounts.create(NewAccount(email: "\(name)@corp.example", userName: name, role: role,
                                                            password: "password of \(name)"), by: .cliOperator)
            let login = try await scim.send(.post, "/auth/login", ["userName": .string(name), "password": .string("password of \(name)")])
            #expect(login.status == 200)
            tokens[name] = login.body?[key: "token"]?.stringValue
        }
        return tokens
    }

    @Test func refusalsLeaveTheStoreUnchanged() async throws {
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let tokens = try await signIn(harness, scim, [("root", .superuser), ("alice", .admin), ("mel", .member), ("gus", .guest)])
            let before = try harness.storeFingerprint()
            let invitationsBefore = try harness.store.accessRead { try $0.invitations(includeClosed: true, now: Date()) }.count
            func call(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue?, as name: String) async throws -> SCIMHarness.Client.Reply {
                try await scim.send(method, path, body, token: tokens[name])
            }
            let cases: [(HTTPRequest.Method, String, JSONValue?, String, String)] = [
                (.post, "/api/admin/invitations", ["email": "new1@corp.example", "role": "guest"], "gus", "refused.cannotInvite"),
                (.post, "/api/admin/invitations", ["email": "new2@corp.example", "role": "admin"], "mel", "refused.cannotInvite"),
                (.post, "/api/admin/users/gus/role", ["role": "admin"], "mel", "refused.insufficientRole"),
                (.post, "/api/admin/users/gus/role", ["role": "superuser"], "alice", "refused.superuserOnly"),
                (.post, "/api/admin/invitations", ["email": "new3@corp.example", "role": "superuser"], "alice", "refused.superuserOnly"),
                (.delete, "/api/admin/users/alice", nil, "alice", "refused.selfAction"),
                (.delete, "/api/admin/users/root", nil, "root", "refused.selfAction"),
                (.post, "/api/admin/users/root/deactivate", nil, "root", "refused.selfAction"),
                (.post, "/api/admin/users/root/role", ["role": "member"], "root", "refused.lastSuperuser"),
                (.get, "/api/admin/users", nil, "mel", "refused.insufficientRole"),
            ]
            for (method, path, body, actor, code) in cases {
                let reply = try await call(method, path, body, as: actor)
                #expect(reply.status == 403, "\(actor): \(method) \(path)")
                #expect(reply.body?[key: "error"]?[key: "code"] == .string(code), "\(actor): \(method) \(path)")
            }
            #expect(try harness.storeFingerprint() == before)
            #expect(try harness.store.accessRead { try $0.invitations(includeClosed: true, now: Date()) }.count == invitationsBefore)

            // What is allowed works: a member invites a member, an admin lists users newest first with counts,
            // sessions are listed and revoked.
            let invite = try await call(.post, "/api/admin/invitations", ["email": "friend@corp.example", "role": "member"], as: "mel")
            #expect(invite.status == 201)
            #expect(invite.body?[key: "delivery"]?[key: "mail"] == "notConfigured")
            let users = try await call(.get, "/api/admin/users", nil, as: "alice")
            let names = users.body?[key: "users"]?.arrayValue?.compactMap { $0[key: "userName"]?.stringValue }
            #expect(names == ["gus", "mel", "alice", "root"])
            #expect(users.body?[key: "users"]?.arrayValue?.first?[key: "sessionCount"] == 1)
            let sessions = try await call(.get, "/api/admin/users/gus/sessions", nil, as: "alice")
            let sessionID = try #require(sessions.body?[key: "sessions"]?.arrayValue?.first?[key: "id"]?.stringValue)
            #expect(try await call(.delete, "/api/admin/users/gus/sessions/\(sessionID)", nil, as: "alice").status == 200)
            #expect(try await call(.get, "/me", nil, as: "gus").status == 401)
            let role = try await call(.post, "/api/admin/users/mel/role", ["role": "admin"], as: "alice")
            #expect(role.body?[key: "role"] == "admin")
            let reset = try await call(.post, "/api/admin/users/mel/reset-password", nil, as: "alice")
            #expect(reset.body?[key: "temporaryPassword"]?.stringValue?.count == 16)
            #expect(try await call(.get, "/api/admin/users", nil, as: "mel").status == 401)  // sessions revoked by the reset
            let openapi = try await scim.send(.get, "/api/openapi.json")
            #expect(openapi.body?[key: "paths"]?[key: "/api/admin/users"] != nil)
        }
    }

    /// With `adoptAccounts`, a self signup whose address was verified is taken over by the IdP that asserts the same
    /// address (the rest of the policy: `SCIMTrustTests`).
    @Test func scimAdoptsAVerifiedSelfSignup() async throws {
        let harness = try await SCIMHarness { $0.scim.adoptAccounts = true }
        let signedUp = try harness.test.accounts.create(NewAccount(email: "self@corp.example", userName: "self.signed", authMethod: .password,
                                                                   source: .signup, password: "a long password"), by: .cliOperator)
        try harness.store.write { tx in
            var account = signedUp.account
            account.emails = account.emails.markedVerified  // as a followed verification link leaves it
            try tx.update(account)
        }
        try await harness.run { scim in
            let pushed = try await scim.post("Users", SCIMHarness.user("self.signed.hr", email: "self@corp.example"))
            #expect(pushed.status == 201)
            #expect(pushed.id == signedUp.account.id.lowercasedText)
        }
        #expect(try harness.account("self.signed.hr")?.source == .scim("idp"))
    }

    @Test func theOpenAPIDocumentInTheRepositoryIsTheServedOne() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/openapi.json")
        let file = try JSONValue.parse(try String(contentsOf: url, encoding: .utf8))
        let harness = try await SCIMHarness()
        try await harness.run { scim in
            let served = try await scim.send(.get, "/api/openapi.json")
            #expect(served.body == file)
        }
        #expect(file[key: "paths"]?.objectValue?.count == 22)
    }
}
