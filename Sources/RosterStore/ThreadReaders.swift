import Foundation
import GRDB

/// Read-only connections to the store, one per thread, for the SCIM server's reads (a GET is two indexed
/// statements, and GRDB's reader pool costs more than both: checking a connection out of the pool and hopping onto
/// its queue measured ~7 µs per read on the project machine, against ~0.4 µs for a connection the thread already
/// holds). Each connection is a GRDB `DatabaseQueue` opened read-only and used only by the thread that opened it,
/// so nothing is shared; statements run in autocommit mode and each sees the latest committed state (WAL).
/// Threads here are few and long-lived (the NIO event loops and Swift's cooperative pool); a thread's connection
/// is closed when the thread ends.
final class ThreadReaders: @unchecked Sendable {  // the key and the settings never change after init
    private final class Box {
        let queue: DatabaseQueue
        let statements = DynamicStatements()
        init(_ queue: DatabaseQueue) { self.queue = queue }
    }

    private var key = pthread_key_t()
    private let path: String
    private let configuration: Configuration

    init(path: String, busyTimeout: TimeInterval) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "roster.store.thread-reader"
        self.configuration = configuration
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
    }

    deinit { pthread_key_delete(key) }

    /// Runs `body` on this thread's connection (opened on first use), with the connection's cache of per-request
    /// statements.
    func read<T>(_ body: (Database, DynamicStatements) throws -> T) throws -> T {
        let box: Box
        if let pointer = pthread_getspecific(key) {
            box = Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as! Box
        } else {
            box = Box(try DatabaseQueue(path: path, configuration: configuration))
            pthread_setspecific(key, Unmanaged<AnyObject>.passRetained(box).toOpaque())
        }
        return try box.queue.unsafeReentrantRead { db in try body(db, box.statements) }
    }
}
