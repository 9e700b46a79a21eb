import Foundation
import RosterSCIM
import Synchronization

/// Identifies SCIM clients by bearer token and enforces each client's request rate.
///
/// Tokens are looked up by their SHA-256 in the store; a verified token is remembered for a few seconds so that
/// requests do not pay a store round trip each (a revoked client is refused once that time has passed). The rate
/// limit is a token bucket per client: `burst` tokens at most, refilled continuously at `requestsPerMinute`; a
/// request takes one token, a Bulk request one per operation. State sits behind a mutex (no actor hop per
/// request); a cache miss reads the store on the calling thread, as SCIM reads do.
final class ClientGate: Sendable {
    private struct Cached {
        var client: SCIMClient
        var until: TimeInterval
    }

    private struct Bucket {
        var tokens: Double
        var updated: TimeInterval
    }

    private struct State {
        var cache: [Data: Cached] = [:]
        var buckets: [UUID: Bucket] = [:]
    }

    private let lookup: @Sendable (Data) throws -> SCIMClient?
    private let hash: @Sendable (String) -> Data
    private let cacheSeconds: Double
    private let perMinute: Double
    private let capacity: Double
    private let state = Mutex(State())

    init(lookup: @escaping @Sendable (Data) throws -> SCIMClient?, hash: @escaping @Sendable (String) -> Data,
         cacheSeconds: Double, requestsPerMinute: Int, burst: Int) {
        self.lookup = lookup
        self.hash = hash
        self.cacheSeconds = cacheSeconds
        perMinute = Double(max(1, requestsPerMinute))
        capacity = Double(max(1, burst))
    }

    /// What the gate decides for one request.
    enum Decision: Sendable {
        case allowed(SCIMClient)
        case unknownToken
        case tooManyRequests(retryAfter: Int)
    }

    func decide(token: String) throws -> Decision {
        guard let client = try client(token: token) else { return .unknownToken }
        if let wait = admit(client) { return .tooManyRequests(retryAfter: wait) }
        return .allowed(client)
    }

    /// The client a token belongs to, or nil.
    func client(token: String) throws -> SCIMClient? {
        let digest = hash(token)
        let now = ProcessInfo.processInfo.systemUptime
        if let cached = state.withLock({ $0.cache[digest] }), cached.until > now { return cached.client }
        let found = try lookup(digest)
        state.withLock { state in
            if state.cache.count > 10_000 { state.cache.removeAll() }
            if let found {
                state.cache[digest] = Cached(client: found, until: now + cacheSeconds)
            } else {
                state.cache.removeValue(forKey: digest)
            }
        }
        return found
    }

    /// Takes `cost` tokens from the client's bucket: nil when the request may proceed, else the seconds to wait
    /// (nothing is taken then). A cost above the burst can never be met; callers keep costs within it.
    func admit(_ client: SCIMClient, cost: Int = 1) -> Int? {
        let now = ProcessInfo.processInfo.systemUptime
        let (perMinute, capacity) = (perMinute, capacity)
        let cost = Double(max(1, cost))
        return state.withLock { state -> Int? in
            var bucket = state.buckets[client.id] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * perMinute / 60)
            bucket.updated = now
            defer { state.buckets[client.id] = bucket }
            if bucket.tokens >= cost {
                bucket.tokens -= cost
                return nil
            }
            return max(1, Int(((min(cost, capacity) - bucket.tokens) * 60 / perMinute).rounded(.up)))
        }
    }
}
