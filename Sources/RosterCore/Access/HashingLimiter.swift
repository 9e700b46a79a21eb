import Dispatch
import Foundation

/// Bounds the argon2id work in flight: at most `limit` hashes run at once (each takes 64 MiB at the interactive
/// cost), at most `queueLength` more wait for a slot, and anything beyond is refused at once with ``Busy``
/// instead of piling up on an unbounded queue. Waiting happens on continuations, never on a thread.
public final class HashingLimiter: @unchecked Sendable {  // state guarded by `lock`
    /// Every slot is taken and the wait queue is full.
    public struct Busy: Error, Sendable, Hashable {
        public init() {}
    }

    public let limit: Int
    public let queueLength: Int
    private let lock = NSLock()
    private var running = 0
    private var waiters: [CheckedContinuation<Void, any Error>] = []

    public init(limit: Int, queueLength: Int) {
        self.limit = max(1, limit)
        self.queueLength = max(0, queueLength)
    }

    /// Runs `work` (a hash or a verification) on ``Blocking``'s queue once a slot is free.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await Blocking.run(work)
    }

    private enum Admission { case now, wait, refuse }

    /// Takes a slot, or a place in the queue (resumed by ``release()``), or throws ``Busy`` — decided under one lock.
    private func acquire() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let admission: Admission = lock.withLock {
                if running < limit {
                    running += 1
                    return .now
                }
                guard waiters.count < queueLength else { return .refuse }
                waiters.append(continuation)
                return .wait
            }
            switch admission {
            case .now: continuation.resume()
            case .refuse: continuation.resume(throwing: Busy())
            case .wait: break
            }
        }
    }

    /// Hands the slot to the first waiter, or frees it.
    private func release() {
        let next: CheckedContinuation<Void, any Error>? = lock.withLock {
            if waiters.isEmpty {
                running -= 1
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }
}

/// A hasher that lets at most `limit` hashes or verifications run at once, whoever calls it (the access routes,
/// which also go through ``HashingLimiter``, but also the admin API, the CLI and SCIM passwords): a bound on the
/// memory argon2id takes (64 MiB each at the interactive cost). Callers beyond the limit wait on their (blocking)
/// thread; nothing here runs on Swift's cooperative pool.
public struct BoundedPasswordHasher: PasswordHasher {
    public let inner: any PasswordHasher
    private let slots: DispatchSemaphore

    public init(_ inner: any PasswordHasher, limit: Int) {
        self.inner = inner
        slots = DispatchSemaphore(value: max(1, limit))
    }

    public func hash(_ password: String) throws -> String {
        slots.wait()
        defer { slots.signal() }
        return try inner.hash(password)
    }

    public func verify(_ password: String, against hash: String) -> Bool {
        slots.wait()
        defer { slots.signal() }
        return inner.verify(password, against: hash)
    }
}
