import Foundation
import GRDB
import RosterCore

/// The user store: one SQLite file through a GRDB `DatabasePool` (WAL, busy timeout, foreign keys on).
///
/// Its files are readable by their owner only (`SQLiteAccountStore+Files.swift`). Opening runs the migrations.
/// Writers from several processes are serialised by SQLite (`BEGIN IMMEDIATE` plus a busy timeout), so two
/// `roster` processes writing at once both finish.
public final class SQLiteAccountStore: SyncStore, AccessStore {
    /// Store settings.
    public struct Configuration: Sendable {
        /// How long a writer waits for another process's write lock before failing (default 30 s).
        public var busyTimeout: TimeInterval = 30
        public init(busyTimeout: TimeInterval = 30) { self.busyTimeout = busyTimeout }
    }

    /// The underlying pool (for the store's own extensions and tests).
    public let pool: DatabasePool
    public let path: String
    /// Per-thread read-only connections for the SCIM server's reads (see ``ThreadReaders``).
    let threadReaders: ThreadReaders
    /// Store files that other users could read when the store opened, restricted to 0600 since (for a warning).
    public let tightenedFiles: [String]

    /// Opens (creating if needed) the store at `path` and migrates it.
    public init(path: String, configuration: Configuration = Configuration()) throws(RosterError) {
        var config = GRDB.Configuration()
        config.busyMode = .timeout(configuration.busyTimeout)
        config.foreignKeysEnabled = true
        config.publicStatementArguments = false
        config.label = "roster.store"
        config.prepareDatabase { db in
            // WAL makes NORMAL durable across application crashes; 32 MiB of page cache keeps bulk imports in memory.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY")
        }
        self.path = path
        threadReaders = ThreadReaders(path: path, busyTimeout: configuration.busyTimeout)
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            tightenedFiles = try Self.prepareOwnerOnlyFiles(at: path)
            pool = try DatabasePool(path: path, configuration: config)
            try StoreMigrator.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error)
        } catch let error as RosterError {
            throw error
        } catch {
            throw RosterError(.storeFailure, "cannot open the store at \(path): \(error.localizedDescription)")
        }
    }

    public func write<T>(_ body: (any AccountTransaction) throws -> T) throws -> T {
        try syncWrite(body)
    }

    public func read<T>(_ body: (any AccountReader) throws -> T) throws -> T {
        try syncRead(body)
    }

    public func syncWrite<T>(_ body: (any SyncTransaction) throws -> T) throws -> T {
        try mappingErrors { try pool.write { db in try body(GRDBAccountTransaction(db: db)) } }
    }

    public func syncRead<T>(_ body: (any SyncReader) throws -> T) throws -> T {
        try mappingErrors { try pool.read { db in try body(GRDBAccountTransaction(db: db)) } }
    }

    public func accessWrite<T>(_ body: (any AccessTransaction) throws -> T) throws -> T {
        try mappingErrors { try pool.write { db in try body(GRDBAccountTransaction(db: db)) } }
    }

    public func accessRead<T>(_ body: (any AccessReader) throws -> T) throws -> T {
        try mappingErrors { try pool.read { db in try body(GRDBAccountTransaction(db: db)) } }
    }

    /// Runs `body`, turning SQLite errors into domain errors.
    private func mappingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error)
        }
    }

    /// The applied migration identifiers, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreMigrator.migrator.appliedIdentifiers(db) }.sorted()
    }
}
