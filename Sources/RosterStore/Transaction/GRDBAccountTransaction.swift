import Foundation
import GRDB
import RosterCore

/// The store's reader and writer inside one GRDB transaction. All values are bound, never interpolated.
struct GRDBAccountTransaction: AccountTransaction {
    let db: Database
    /// Role-reason ids already looked up in this transaction, by text.
    let reasonIDs = ReasonIDs()

    final class ReasonIDs {
        var ids: [String: Int64] = [:]
    }

    static let accountColumns = """
        id, user_name, display_name, given_name, family_name, active, role, auth_method, source, source_anchor,
        external_id, password_hash, must_change_password, created_at, updated_at, deactivated_at, deactivated_by, version
        """
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
        guard let role = Role(rawValue: row[6]), let method = AuthMethod(rawValue: row[7]),
              let source = AccountSource(rawValue: row[8])
        else {
            throw RosterError(.storeFailure, "the store holds an account with an unknown role, method or source")
        }
        let idText: String = row[0]
        guard let id = UUID(uuidString: idText) else {
            throw RosterError(.storeFailure, "the store holds a malformed account id")
        }
        let deactivatedAt: Int64? = row[15]
        return Account(
            id: id, userName: row[1], displayName: row[2], givenName: row[3], familyName: row[4], emails: emails,
            active: row[5], role: role, authMethod: method, source: source, sourceAnchor: row[9], externalId: row[10],
            passwordHash: row[11], mustChangePassword: row[12], createdAt: date(row[13]), updatedAt: date(row[14]),
            deactivatedAt: deactivatedAt.map(date), deactivatedBy: row[16], version: row[17]
        )
    }
}
