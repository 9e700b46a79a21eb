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

    public func scimRead<T: Sendable>(_ body: @escaping @Sendable (any SCIMReader) throws -> T) async throws -> T {
        do {
            return try await pool.read { db in try body(GRDBAccountTransaction(db: db)) }
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error)
        }
    }
}
