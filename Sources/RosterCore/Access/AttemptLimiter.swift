import Foundation

/// A token bucket per client address for the requests that hash a password (login, signup, password change,
/// invitation accept), checked before any hashing: `burst` requests at once, then `perMinute`.
/// In memory (one `roster serve` process); at most `maxAddresses` buckets are kept, full ones are dropped first.
public final class AttemptLimiter: @unchecked Sendable {  // state guarded by `lock`
    /// The address spent its bucket; try again after `retryAfter` seconds.
    public struct Limited: Error, Sendable, Hashable {
        public var retryAfter: TimeInterval
    }

    private struct Bucket {
        var tokens: Double
        var at: Date
    }

    public let perMinute: Int
    public let burst: Int
    private let clock: any WallClock
    private let maxAddresses: Int
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    public init(perMinute: Int, burst: Int, clock: any WallClock, maxAddresses: Int = 100_000) {
        self.perMinute = max(1, perMinute)
        self.burst = max(1, burst)
        self.clock = clock
        self.maxAddresses = max(1, maxAddresses)
    }

    /// How many addresses have a bucket (bounded by `maxAddresses`).
    public var trackedAddresses: Int { lock.withLock { buckets.count } }

    /// Takes one token for `address`, or throws ``Limited`` with the wait until the next one.
    public func take(_ address: String) throws(Limited) {
        let now = clock.now()
        let rate = Double(perMinute) / 60
        let wait: TimeInterval? = lock.withLock {
            var bucket = buckets[address] ?? Bucket(tokens: Double(burst), at: now)
            bucket.tokens = min(Double(burst), bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * rate)
            bucket.at = now
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return (1 - bucket.tokens) / rate
            }
            bucket.tokens -= 1
            if buckets[address] == nil, buckets.count >= maxAddresses { prune(now: now, rate: rate) }
            buckets[address] = bucket
            return nil
        }
        if let wait { throw Limited(retryAfter: wait) }
    }

    /// Drops the buckets that have refilled (they hold no information), then the least recently used half.
    private func prune(now: Date, rate: Double) {
        buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.at) * rate < Double(burst) }
        if buckets.count >= maxAddresses {
            let keep = buckets.sorted { $0.value.at > $1.value.at }.prefix(maxAddresses / 2)
            buckets = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }
}
