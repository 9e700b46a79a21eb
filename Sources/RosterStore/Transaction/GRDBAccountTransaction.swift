import Foundation
import GRDB
import RosterCore

/// The store's reader and writer inside one GRDB transaction. All values are bound, never interpolated.
struct GRDBAccountTransaction: AccountTransaction {
    let db: Database
    /// Statements of per-request SQL, kept with the connection (the SCIM server's readers); nil: prepared each time.
    var dynamicStatements: DynamicStatements?
    /// Role-reason ids already looked up in this transaction, by text.
    let reasonIDs = ReasonIDs()

    init(db: Database, dynamicStatements: DynamicStatements? = nil) {
        self.db = db
        self.dynamicStatements = dynamicStatements
    }

    /// A statement for SQL built from a request (its values bound, never spliced).
    func dynamicStatement(_ sql: String) throws -> Statement {
        try dynamicStatements?.statement(db, sql: sql) ?? db.makeStatement(sql: sql)
    }

    final class ReasonIDs {
        var ids: [String: Int64] = [:]
    }

    static let accountColumns = """
        id, user_name, display_name, given_name, family_name, active, role, auth_method, source, source_anchor,
        external_id, password_hash, must_change_password, created_at, updated_at, deactivated_at, deactivated_by, version
        """
    /// The names of ``accountColumns``, in their order (the order of `accountArguments`).
    static let accountColumnNames = accountColumns.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Conversions between domain values and stored columns.
enum Columns {
    static func id(_ uuid: UUID) -> String { uuid.lowercasedText }
    /// Milliseconds since 1970; domain times are already at millisecond precision (``Date/millisecondPrecision``).
    static func time(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    static func uuid(_ row: Row, _ column: String) throws -> UUID {
        let text: String = row[column]
        guard let uuid = UUID(uuidString: text) else {
            throw RosterError(.storeFailure, "the store holds a malformed id in \(column)")
        }
        return uuid
    }

    /// Decodes an account row (without emails) whose first columns are ``GRDBAccountTransaction/accountColumns``,
    /// by position (name lookups cost more than the decoding on bulk loads).
    static func account(_ row: Row, emails: [AccountEmail]) throws -> Account {
        try account(columns: row, emails: emails)
    }

    /// The same from any column source (a GRDB row, or a ``BoundStatement`` on its current row).
    static func account(columns row: some StoredColumns, emails: [AccountEmail]) throws -> Account {
        guard let role = row.text(6).flatMap(Role.init(rawValue:)), let method = row.text(7).flatMap(AuthMethod.init(rawValue:)),
              let source = row.text(8).flatMap(AccountSource.init(rawValue:))
        else {
            throw RosterError(.storeFailure, "the store holds an account with an unknown role, method or source")
        }
        guard let id = row.text(0).flatMap(UUID.init(uuidString:)), let userName = row.text(1),
              let created = row.int64(13), let updated = row.int64(14)
        else {
            throw RosterError(.storeFailure, "the store holds a malformed account row")
        }
        return Account(
            id: id, userName: userName, displayName: row.text(2), givenName: row.text(3), familyName: row.text(4),
            emails: emails, active: row.int64(5) == 1, role: role, authMethod: method, source: source,
            sourceAnchor: row.text(9), externalId: row.text(10), passwordHash: row.text(11),
            mustChangePassword: row.int64(12) == 1, createdAt: date(created), updatedAt: date(updated),
            deactivatedAt: row.int64(15).map(date), deactivatedBy: row.text(16), version: Int(row.int64(17) ?? 1)
        )
    }
}

/// Columns of the current row of a query, by position.
protocol StoredColumns {
    func text(_ column: Int32) -> String?
    func int64(_ column: Int32) -> Int64?
}

extension Row: StoredColumns {
    func text(_ column: Int32) -> String? { self[Int(column)] }
    func int64(_ column: Int32) -> Int64? { self[Int(column)] }
}
