import GRDB
import GRDBSQLite

/// A GRDB prepared (cached) statement bound and stepped through SQLite's C API directly, for the store's bulk
/// writes (an import writes hundreds of thousands of rows: GRDB's `StatementArguments` boxing and per-call
/// checks cost more than SQLite's own work there). Values are still always bound, never spliced into SQL.
/// Errors are GRDB `DatabaseError`s, so the usual mapping applies.
struct BoundStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let db: Database
    private var index: Int32 = 0

    /// SQLite's SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    private mutating func position() -> Int32 {
        index += 1
        return index
    }

    mutating func bind(_ text: String?) {
        let at = position()
        guard var text else {
            sqlite3_bind_null(handle, at)
            return
        }
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(handle, at, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                      Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(handle, at, "", 0, Self.transient)
            }
        }
    }

    mutating func bind(_ value: Int64?) {
        let at = position()
        if let value { sqlite3_bind_int64(handle, at, value) } else { sqlite3_bind_null(handle, at) }
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    /// Steps a query: true while there is a row to read with the column accessors; the statement is reset when
    /// the rows end (or on an error), ready for the next bindings.
    mutating func nextRow() throws -> Bool {
        index = 0
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        defer { finish() }
        guard code == SQLITE_DONE else {
            let extended = sqlite3_extended_errcode(db.sqliteConnection)
            throw DatabaseError(resultCode: ResultCode(rawValue: extended),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        return false
    }

    /// Ends a query before its last row (resets the statement).
    func finish() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Runs the statement once with the values bound so far, then resets it for the next row.
    mutating func step() throws {
        if try nextRow() { finish() }
    }
}

extension BoundStatement: StoredColumns {
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))),
                      as: UTF8.self)
    }

    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }
}
