import Foundation
import HTTPTypes
import RosterCore
import RosterSCIM
import Testing

/// Findings 6 and 9 of issue 9 in signup, login and the admin API: userNames chosen locally carry no `@` and a
/// login with `@` names an address; never-verified signups stop squatting names once their links expired; no
/// answer tells a stranger whether a userName or an account exists; an admin editing themselves is held to /me.
@Suite(.timeLimit(.minutes(3))) struct AccessNamesTests {
    @Test func signupAndInvitationUserNamesMayNotContainAt() async throws {
        let harness = try AccessHarness(withMail: true)
        try harness.account("boss", role: .admin)
        try await harness.run { client async throws in
            let signup = try await client.send(.post, "/signup", ["email": "mallory@corp.example", "password": "a long enough password",
                                                                  "userName": "ceo@corp.example"])
            #expect(signup.status == 400)
            #expect(signup.body?[key: "error"]?[key: "code"] == "invalid.userName")
            #expect(try harness.store.read { try $0.account(userNameKey: "ceo@corp.example") } == nil)
            let boss = try await harness.signIn(client, "boss")
            let invitation = try await client.send(.post, "/api/admin/invitations",
                                                   ["email": "x@corp.example", "userName": "cfo@corp.example"], token: boss)
            #expect(invitation.status == 400)
        }
    }

    @Test func aLoginWithAtNamesTheAddressNotAUserNameSpellingIt() async throws {
        let harness = try AccessHarness()
        try harness.account("ceo", password: "the ceo's password")
        let mallory = try harness.account("mallory", password: "mallory's password")
        // A userName spelling the CEO's address (stored before the rule, or asserted by a source).
        try harness.store.write { tx in
            var renamed = try #require(try tx.account(id: mallory.id))
            renamed.userName = "ceo@corp.example"
            try tx.update(renamed)
        }
        try await harness.run { client async throws in
            let captured = try await client.send(.post, "/auth/login", ["login": "ceo@corp.example", "password": "mallory's password"])
            #expect(captured.status == 401)
            let ceo = try await client.send(.post, "/auth/login", ["login": "ceo@corp.example", "password": "the ceo's password"])
            #expect(ceo.status == 200)
            #expect(ceo.body?[key: "account"]?[key: "userName"] == "ceo")
        }
    }

    @Test func expiredUnverifiedSignupsAreRemovedWhenClaimedAndBySweep() async throws {
        let harness = try AccessHarness()
        try await harness.run { client async throws in
            #expect(try await client.send(.post, "/signup", ["email": "squatter@corp.example", "password": "a long enough password",
                                                             "userName": "wanted"]).status == 202)
            harness.test.clock.advance(by: 49 * 3600)  // the link (48 hours) expired unused
            #expect(try await client.send(.post, "/signup", ["email": "owner@corp.example", "password": "a long enough password",
                                                             "userName": "wanted"]).status == 202)
            let wanted = try harness.store.read { try $0.account(userNameKey: "wanted") }
            #expect(wanted?.primaryEmail == "owner@corp.example")
            // The squatter's address is free again: it signs up anew.
            #expect(try harness.store.read { try $0.account(emailKey: "squatter@corp.example") } == nil)
            let removals = try harness.store.read { try $0.auditEvents(involving: nil, limit: 100) }.filter { $0.action == .signupExpired }
            #expect(removals.count == 1)

            // The sweep removes the ones nobody claims.
            #expect(try await client.send(.post, "/signup", ["email": "idle@corp.example", "password": "a long enough password"]).status == 202)
            #expect(try await harness.access.sweepExpiredSignups() == 0)
            harness.test.clock.advance(by: 49 * 3600)
            #expect(try await harness.access.sweepExpiredSignups() == 2)  // idle, and owner's never verified either
            #expect(try harness.store.read { try $0.account(emailKey: "idle@corp.example") } == nil)
        }
    }

    @Test func aTakenUserNameAtSignupAnswersTheSame202() async throws {
        let harness = try AccessHarness()
        try harness.account("taken")
        try await harness.run { client async throws in
            let reply = try await client.send(.post, "/signup", ["email": "newcomer@corp.example", "password": "a long enough password",
                                                                 "userName": "taken"])
            #expect(reply.status == 202)
            // The newcomer's account gets the userName inferred from the address, named in the mail.
            let created = try harness.store.read { try $0.account(emailKey: "newcomer@corp.example") }
            #expect(created?.userName == "newcomer")
            #expect(harness.mailer.messages.last?.body.contains("'newcomer'") == true)
        }
    }

    @Test func aNonAdminGetsTheSame403ForEveryAdminRouteWhetherOrNotTheTargetExists() async throws {
        let harness = try AccessHarness()
        try harness.account("boss", role: .admin)
        try harness.account("mel", role: .member)
        try await harness.run { client async throws in
            let mel = try await harness.signIn(client, "mel")
            let routes: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.get, "", nil), (.patch, "", ["displayName": "x"]), (.delete, "", nil), (.post, "/role", ["role": "guest"]),
                (.post, "/reset-password", nil), (.post, "/deactivate", nil), (.post, "/reactivate", nil),
                (.post, "/transfer", ["to": "mel"]), (.get, "/sessions", nil), (.delete, "/sessions", nil),
            ]
            for (method, suffix, body) in routes {
                var answers: [String] = []
                for target in ["boss", "ghost", "00000000-0000-0000-0000-0000000000aa", "ghost@corp.example"] {
                    let reply = try await client.send(method, "/api/admin/users/\(target)\(suffix)", body, token: mel)
                    answers.append("\(reply.status) \(reply.body?[key: "error"]?[key: "code"]?.stringValue ?? "")")
                }
                #expect(Set(answers) == ["403 refused.insufficientRole"], "\(method) users/…\(suffix): \(answers)")
            }
        }
    }

    @Test func anAdminEditingThemselvesThroughTheAdminRouteIsHeldToTheMeRules() async throws {
        let harness = try AccessHarness()
        let boss = try harness.account("boss", role: .admin)
        try await harness.run { client async throws in
            let token = try await harness.signIn(client, "boss")
            let renamed = try await client.send(.patch, "/api/admin/users/boss", ["userName": "chief"], token: token)
            #expect(renamed.status == 400)
            let byID = try await client.send(.patch, "/api/admin/users/\(boss.id.lowercasedText)", ["familyName": "Chief"], token: token)
            #expect(byID.status == 400)
            #expect(try harness.store.read { try $0.account(id: boss.id) }?.userName == "boss")
            let allowed = try await client.send(.patch, "/api/admin/users/boss", ["displayName": "The Boss"], token: token)
            #expect(allowed.status == 200)
        }
    }

    @Test func anUnknownNameLocksLikeAKnownOne() async throws {
        let harness = try AccessHarness { $0.maxFailedLogins = 3 }
        try harness.account("known")
        try await harness.run { client async throws in
            for name in ["known", "unknown"] {
                var statuses: [Int] = []
                for _ in 0..<4 { statuses.append(try await client.send(.post, "/auth/login", ["userName": .string(name), "password": "x"]).status) }
                #expect(statuses == [401, 401, 401, 429], "\(name)")
            }
        }
    }

    @Test func staleFailureCountsAreForgottenButRunningLocksAreKept() async throws {
        let harness = try AccessHarness { $0.maxFailedLogins = 2 }
        for name in ["a", "b", "b"] {
            await #expect(throws: (any Error).self) { try await harness.access.login(name, password: "x", address: "192.0.2.9") }
        }
        harness.test.clock.advance(by: 3600)
        #expect(try await harness.access.pruneLoginThrottles() == 0)  // within the day
        harness.test.clock.advance(by: 24 * 3600)
        // The address's and a's counts go; b's lock ran out too (15 minutes), so it goes as well.
        #expect(try await harness.access.pruneLoginThrottles() == 3)
    }

    @Test func anUnknownLoginSpendsOneRealPasswordVerification() async throws {
        let hasher = CountingHasher()
        let harness = try AccessHarness(hasher: hasher)
        try harness.account("known")
        try await harness.run { client async throws in
            #expect(try await client.send(.post, "/auth/login", ["userName": "unknown", "password": "x"]).status == 401)
            #expect(hasher.verifications == 1)
            #expect(try await client.send(.post, "/auth/login", ["userName": "known", "password": "x"]).status == 401)
            #expect(hasher.verifications == 2)
            #expect(try await client.send(.post, "/auth/login", ["email": "nobody@corp.example", "password": "x"]).status == 401)
            #expect(hasher.verifications == 3)
        }
    }
}
