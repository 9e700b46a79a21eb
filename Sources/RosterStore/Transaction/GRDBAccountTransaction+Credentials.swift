import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func deleteSessions(accountID: UUID) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM session WHERE account_id = ?").execute(arguments: [Columns.id(accountID)])
        return db.changesCount
    }

    func deleteAPITokens(accountID: UUID) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM api_token WHERE account_id = ?").execute(arguments: [Columns.id(accountID)])
        return db.changesCount
    }

    func insert(_ session: Session) throws {
        try db.cachedStatement(sql: """
            INSERT INTO session (id, account_id, token_hash, created_at, expires_at, password_change_only)
            VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
            Columns.id(session.id), Columns.id(session.accountID), Data(session.tokenHash),
            Columns.time(session.createdAt), Columns.time(session.expiresAt), session.passwordChangeOnly,
        ])
    }

    func insert(_ token: APIToken) throws {
        try db.cachedStatement(sql: """
            INSERT INTO api_token (id, account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [
            Columns.id(token.id), Columns.id(token.accountID), token.name, Data(token.tokenHash),
            Columns.time(token.createdAt),
        ])
    }
}
