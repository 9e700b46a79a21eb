import Foundation
import RosterSCIM

/// Identifies SCIM clients by bearer token and enforces each client's request rate.
///
/// Tokens are looked up by their SHA-256 in the store; a verified token is remembered for a few seconds so that
/// reads do not pay a store round trip each (a revoked client is refused once that time has passed). The rate limit
/// is a token bucket per client: `requestsPerMinute` capacity, refilled continuously.
actor ClientGate {
    private struct Cached {
        var client: SCIMClient
        var until: TimeInterval
    }

    private struct Bucket {
        var tokens: Double
        var updated: TimeInterval
    }

    private let store: any SCIMStore
    private let hash: @Sendable (String) -> Data
    private let cacheSeconds: Double
    private let perMinute: Double
    private var cache: [Data: Cached] = [:]
    private var buckets: [UUID: Bucket] = [:]

    init(store: any SCIMStore, hash: @escaping @Sendable (String) -> Data, cacheSeconds: Double, requestsPerMinute: Int) {
        self.store = store
        self.hash = hash
        self.cacheSeconds = cacheSeconds
        perMinute = Double(max(1, requestsPerMinute))
    }

    /// The client a token belongs to, or nil.
    func client(token: String) async throws -> SCIMClient? {
        let digest = hash(token)
        let now = ProcessInfo.processInfo.systemUptime
        if let cached = cache[digest], cached.until > now { return cached.client }
        guard let client = try await store.scimRead({ try $0.scimClient(tokenHash: digest) }) else {
            cache.removeValue(forKey: digest)
            return nil
        }
        if cache.count > 10_000 { cache.removeAll() }
        cache[digest] = Cached(client: client, until: now + cacheSeconds)
        return client
    }

    /// What the gate decides for one request.
    enum Decision: Sendable {
        case allowed(SCIMClient)
        case unknownToken
        case tooManyRequests(retryAfter: Int)
    }

    /// Token check and rate limit in one call (one actor hop per request).
    func decide(token: String) async throws -> Decision {
        guard let client = try await client(token: token) else { return .unknownToken }
        if let wait = admit(client) { return .tooManyRequests(retryAfter: wait) }
        return .allowed(client)
    }

    /// Nil when the request may proceed, else the seconds to wait.
    func admit(_ client: SCIMClient) -> Int? {
        let now = ProcessInfo.processInfo.systemUptime
        var bucket = buckets[client.id] ?? Bucket(tokens: perMinute, updated: now)
        bucket.tokens = min(perMinute, bucket.tokens + (now - bucket.updated) * perMinute / 60)
        bucket.updated = now
        defer { buckets[client.id] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return max(1, Int(((1 - bucket.tokens) * 60 / perMinute).rounded(.up)))
    }
}
