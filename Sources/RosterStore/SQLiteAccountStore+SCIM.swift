import Foundation
import GRDB
import RosterCore
import RosterSCIM

extension SQLiteAccountStore: SCIMStore {
    public func scimWrite<T: Sendable>(_ body: @escaping @Sendable (any SCIMTransaction) throws -> T) async throws -> T {
        do {
            return try await pool.write { db in try body(GRDBAccountTransaction(db: db)) }
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error)
        }
    }

    /// Reads run on the calling thread. In WAL mode a reader never waits for a writer or a lock (each reader has
    /// its own connection, and there are more than the cooperative pool's threads), so a read is a few tens of
    /// microseconds of CPU, not a blocking wait; hopping to GRDB's queue and back cost more than the read itself
    /// (measured: 3× the throughput of `GET /Users/{id}`). Writes, which can wait for another process's lock, hop.
    public func scimRead<T: Sendable>(_ body: @escaping @Sendable (any SCIMReader) throws -> T) async throws -> T {
        do {
            return try readOnCallingThread(body)
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error)
        }
    }

    /// The active SCIM client with this token hash (synchronous: used by the server's token check).
    public func scimClient(tokenHash: Data) throws -> SCIMClient? {
        do {
            return try readOnCallingThread { try $0.scimClient(tokenHash: tokenHash) }
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error)
        }
    }

    /// A read on the calling thread's own read-only connection, without a wrapping transaction. A SCIM read is one
    /// resource (two statements: the row, its groups) or one page (a count and the rows); without `BEGIN`/`COMMIT`
    /// a write landing between them can show a group one statement later, which no SCIM client can tell from a read
    /// a moment later. Writes are always transactions, through the pool's writer.
    private func readOnCallingThread<T>(_ body: (any SCIMReader) throws -> T) throws -> T {
        try threadReaders.read { db, statements in try body(GRDBAccountTransaction(db: db, dynamicStatements: statements)) }
    }
}
