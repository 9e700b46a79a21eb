import Foundation
import GRDB
import RosterCore

/// The store's reader and writer inside one GRDB transaction. All values are bound, never interpolated.
struct GRDBAccountTransaction: AccountTransaction {
    let db: Database

    static let accountColumns = """
        id, user_name, display_name, given_name, family_name, active, role, auth_method, source, source_anchor,
        external_id, password_hash, must_change_password, created_at, updated_at, deactivated_at, deactivated_by, version
        """
}

/// Conversions between domain values and stored columns.
enum Columns {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
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

    /// Decodes an account row (without emails).
    static func account(_ row: Row, emails: [AccountEmail]) throws -> Account {
        guard let role = Role(rawValue: row["role"]), let method = AuthMethod(rawValue: row["auth_method"]),
              let source = AccountSource(rawValue: row["source"])
        else {
            throw RosterError(.storeFailure, "the store holds an account with an unknown role, method or source")
        }
        let deactivatedAt: Int64? = row["deactivated_at"]
        return Account(
            id: try uuid(row, "id"), userName: row["user_name"], displayName: row["display_name"],
            givenName: row["given_name"], familyName: row["family_name"], emails: emails, active: row["active"],
            role: role, authMethod: method, source: source, sourceAnchor: row["source_anchor"],
            externalId: row["external_id"], passwordHash: row["password_hash"],
            mustChangePassword: row["must_change_password"], createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"]), deactivatedAt: deactivatedAt.map(date),
            deactivatedBy: row["deactivated_by"], version: row["version"]
        )
    }
}
