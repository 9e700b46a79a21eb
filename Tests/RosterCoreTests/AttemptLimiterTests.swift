import Foundation
import RosterCore
import RosterTesting
import Testing

/// The per-address token bucket in front of password hashing, and the bound on argon2id work.
@Suite(.timeLimit(.minutes(1))) struct AttemptLimiterTests {
    @Test func aBucketAllowsItsBurstThenRefillsAtItsRate() throws {
        let clock = TestClock()
        let limiter = AttemptLimiter(perMinute: 60, burst: 2, clock: clock)
        try limiter.take("192.0.2.1")
        try limiter.take("192.0.2.1")
        #expect(throws: AttemptLimiter.Limited.self) { try limiter.take("192.0.2.1") }
        try limiter.take("192.0.2.2")  // another address has its own bucket
        clock.advance(by: 1)
        try limiter.take("192.0.2.1")
        do {
            try limiter.take("192.0.2.1")
            Issue.record("a second token within the same second")
        } catch {
            #expect(error.retryAfter > 0 && error.retryAfter <= 1)
        }
    }

    @Test func theNumberOfTrackedAddressesIsBounded() throws {
        let clock = TestClock()
        let limiter = AttemptLimiter(perMinute: 1, burst: 1, clock: clock, maxAddresses: 8)
        for index in 0..<100 { try limiter.take("198.51.100.\(index)") }
        #expect(limiter.trackedAddresses <= 8)
    }

    @Test func hashingBeyondTheSlotsAndTheQueueIsRefusedAtOnce() async throws {
        let limiter = HashingLimiter(limit: 1, queueLength: 0)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        async let first: Int = limiter.run {
            started.signal()
            release.wait()
            return 1
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        await #expect(throws: HashingLimiter.Busy.self) { try await limiter.run { 2 } }
        release.signal()
        #expect(try await first == 1)
        #expect(try await limiter.run { 3 } == 3)  // the slot is free again
    }

    @Test func aBoundedHasherRunsAtMostItsLimitAtOnce() {
        let inner = ConcurrencyProbe()
        let hasher = BoundedPasswordHasher(inner, limit: 2)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            _ = hasher.verify("p\(index)", against: "h")
        }
        #expect(inner.maximum <= 2)
        #expect(inner.calls == 16)
    }
}

/// Records how many calls overlap; each call does a little work.
private final class ConcurrencyProbe: PasswordHasher, @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var maximum = 0
    private(set) var calls = 0

    func hash(_ password: String) throws -> String { password }

    func verify(_ password: String, against hash: String) -> Bool {
        lock.withLock {
            running += 1
            calls += 1
            maximum = max(maximum, running)
        }
        var total = 0
        for value in 0..<200_000 { total &+= value ^ password.count }
        lock.withLock { running -= 1 }
        return total == 0
    }
}
