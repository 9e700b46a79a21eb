import Foundation
import HTTPTypes
import RosterCore
import RosterSCIM
import Synchronization
import Testing

/// Finding 4 of issue 9: the lockout holds under parallel guesses, password hashing is rate limited per address
/// before any hashing, and argon2id work is bounded (a full queue answers 503 at once).
@Suite(.timeLimit(.minutes(3))) struct LoginLockoutTests {
    @Test func sixtyParallelWrongLoginsEvaluateAtMostMaxFailedLoginsPasswords() async throws {
        let hasher = CountingHasher()
        let harness = try AccessHarness(hasher: hasher)
        let victim = try harness.account("victim")
        let maxFailed = harness.access.settings.maxFailedLogins
        try await harness.run { client in
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for attempt in 0..<60 {
                    group.addTask {
                        let reply = try await client.send(.post, "/auth/login", ["userName": "victim", "password": .string("guess \(attempt)")])
                        return (reply.status, reply.body?[key: "error"]?[key: "code"]?.stringValue)
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            let invalid = statuses.filter { $0 == (401, "refused.invalidCredentials") }.count
            let locked = statuses.filter { $0 == (429, "refused.tooManyAttempts") }.count
            print("60 parallel wrong logins: \(hasher.verifications) password evaluations, \(invalid) invalidCredentials, \(locked) locked")
            #expect(hasher.verifications <= maxFailed)
            #expect(invalid <= maxFailed)
            #expect(invalid + locked == 60)
            // The right password is refused too while the lock holds.
            let right = try await client.send(.post, "/auth/login", ["userName": "victim", "password": "correct horse battery"])
            #expect(right.status == 429)
        }
        let locks = try harness.store.accessRead { try $0.loginThrottle(key: "account:\(victim.id.lowercasedText)") }
        #expect(locks?.lockedUntil != nil)
    }

    @Test func aSuccessUndoesItsReservation() async throws {
        let harness = try AccessHarness { $0.maxFailedLogins = 3 }
        let account = try harness.account("regular")
        // Many good logins from one address neither lock it nor the account.
        for _ in 0..<20 { _ = try await harness.access.login("regular", password: "correct horse battery", address: "192.0.2.1") }
        for _ in 0..<2 {
            await #expect(throws: RosterError.self) { try await harness.access.login("regular", password: "wrong", address: "192.0.2.1") }
        }
        _ = try await harness.access.login("regular", password: "correct horse battery", address: "192.0.2.1")
        // The count restarted: two more wrong ones do not lock, the third does.
        for _ in 0..<2 {
            await #expect(throws: RosterError.self) { try await harness.access.login("regular", password: "wrong", address: "192.0.2.1") }
        }
        await #expect(throws: RosterError.self) { try await harness.access.login("regular", password: "wrong", address: "192.0.2.1") }
        await #expect(throws: AccessService.Locked.self) {
            try await harness.access.login("regular", password: "correct horse battery", address: "192.0.2.1")
        }
        let address = try harness.store.accessRead { try $0.loginThrottle(key: "address:192.0.2.1") }
        #expect(address?.lockedUntil == nil)
        #expect((address?.failures ?? 0) == 5)
        _ = account
    }

    @Test func hashingRoutesAreRateLimitedPerAddressBeforeAnyHashing() async throws {
        let hasher = CountingHasher()
        let harness = try AccessHarness(hasher: hasher) {
            $0.hashingBurst = 3
            $0.hashingRequestsPerMinute = 6
        }
        try harness.account("someone")
        let hashesBefore = hasher.hashes
        try await harness.run { client in
            var statuses: [Int] = []
            for attempt in 0..<5 {
                let reply = try await client.send(.post, "/auth/login", ["userName": "someone", "password": .string("wrong \(attempt)")])
                statuses.append(reply.status)
                if reply.status == 429 {
                    #expect(reply.headers[.retryAfter].flatMap { Int($0) } ?? 0 >= 1)
                }
            }
            #expect(statuses == [401, 401, 401, 429, 429])
            #expect(hasher.verifications == 3)
            // Signup and invitation acceptance draw on the same bucket: refused before hashing.
            let signup = try await client.send(.post, "/signup", ["email": "new@corp.example", "password": "a long enough password"])
            #expect(signup.status == 429)
            let accept = try await client.send(.post, "/invitations/accept", ["token": "unknown", "password": "a long enough password"])
            #expect(accept.status == 429)
            #expect(hasher.hashes == hashesBefore)
            // Ten seconds later one token has refilled (6 per minute).
            harness.test.clock.advance(by: 10)
            #expect(try await client.send(.post, "/auth/login", ["userName": "someone", "password": "wrong"]).status == 401)
            #expect(try await client.send(.post, "/auth/login", ["userName": "someone", "password": "wrong"]).status == 429)
        }
    }

    @Test func argon2idWorkBeyondTheQueueIsRefusedAtOnce() async throws {
        // One slot, one waiting place: the first verification holds the slot until released, the second waits,
        // the third is refused at once with 503.
        let (events, continuation) = AsyncStream<String>.makeStream()
        let release = DispatchSemaphore(value: 0)
        let hasher = CountingHasher(onVerify: {
            continuation.yield("verify")
            release.wait()
        })
        let harness = try AccessHarness(hasher: hasher) {
            $0.maxConcurrentHashes = 1
            $0.hashQueueLength = 1
        }
        try await harness.run { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        let reply = try await client.send(.post, "/auth/login", ["userName": .string("nobody\(index)"), "password": "x"])
                        continuation.yield("status \(reply.status)")
                    }
                }
                var seen: [String] = []
                var released = false
                for await event in events {
                    seen.append(event)
                    let verifications = seen.filter { $0 == "verify" }.count
                    // With the bound, the third request is refused while the first holds the slot; without it, the
                    // second and third verifications start at once. Either way everything is released then.
                    if !released, event == "status 503" || verifications > 1 {
                        released = true
                        for _ in 0..<3 { release.signal() }
                    }
                    if seen.filter({ $0.hasPrefix("status") }).count == 3 { break }
                }
                try await group.waitForAll()
                let statuses = seen.filter { $0.hasPrefix("status") }.sorted()
                #expect(statuses == ["status 401", "status 401", "status 503"])
                let firstRefusal = seen.firstIndex(of: "status 503") ?? seen.count
                #expect(seen[..<firstRefusal].filter { $0 == "verify" }.count <= 1)
                continuation.finish()
            }
        }
        #expect(hasher.verifications == 2)
        // The refused attempt is not counted: two failures for the address, one name untouched.
        let counts = try harness.store.accessRead { tx in
            try (0..<3).map { try tx.loginThrottle(key: "login:nobody\($0)")?.failures ?? 0 }
        }
        #expect(counts.sorted() == [0, 1, 1])
        #expect(try harness.store.accessRead { try $0.loginThrottle(key: "address:unknown") }?.failures == 2)
    }
}
