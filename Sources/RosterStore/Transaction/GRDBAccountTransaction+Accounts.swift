import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func account(id: UUID) throws -> Account? {
        try fetchAccount(where: "id = ?", Columns.id(id))
    }

    func account(userNameKey: String) throws -> Account? {
        try fetchAccount(where: "user_name_key = ?", userNameKey)
    }

    func account(emailKey: String) throws -> Account? {
        try fetchAccount(where: "id = (SELECT account_id FROM account_email WHERE value_key = ?)", emailKey)
    }

    func account(source: AccountSource, anchor: String) throws -> Account? {
        try fetchAccount(where: "source = ? AND source_anchor = ?", source.rawValue, anchor)
    }

    func userNameKeyExists(_ key: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM account WHERE user_name_key = ?)"),
                          arguments: [key]) ?? false
    }

    func activeSuperuserCount() throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM account WHERE role = 'superuser' AND active = 1"))
            ?? 0
    }

    func listAccounts(includeInactive: Bool, limit: Int?, offset: Int) throws -> [AccountListing] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(Self.accountColumns),
                (SELECT count(*) FROM session s WHERE s.account_id = account.id) AS session_count,
                (SELECT count(*) FROM api_token t WHERE t.account_id = account.id) AS api_token_count
            FROM account WHERE (? OR active = 1)
            ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?
            """), arguments: [includeInactive, limit ?? -1, offset])
        let emails = try emailsByAccount()
        return try rows.map { row in
            let account = try Columns.account(row, emails: emails[row["id"]] ?? [])
            return AccountListing(account: account, sessionCount: row["session_count"], apiTokenCount: row["api_token_count"])
        }
    }

    func sessionCount(accountID: UUID) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM session WHERE account_id = ?"),
                         arguments: [Columns.id(accountID)]) ?? 0
    }

    func apiTokenCount(accountID: UUID) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM api_token WHERE account_id = ?"),
                         arguments: [Columns.id(accountID)]) ?? 0
    }

    func groupCount(accountID: UUID) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM group_member_account WHERE account_id = ?"),
                         arguments: [Columns.id(accountID)]) ?? 0
    }

    func insert(_ account: Account) throws {
        try insert(account, roleReasonID: nil)
    }

    func insert(_ account: Account, roleReasonID: Int64?) throws {
        // Bound by hand: a directory import inserts every account through here.
        var statement = try BoundStatement(db, sql: """
            INSERT INTO account (\(Self.accountColumns), user_name_key, role_reason_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        statement.bind(Columns.id(account.id))
        statement.bind(account.userName)
        statement.bind(account.displayName)
        statement.bind(account.givenName)
        statement.bind(account.familyName)
        statement.bind(account.active)
        statement.bind(account.role.rawValue)
        statement.bind(account.authMethod.rawValue)
        statement.bind(account.source.rawValue)
        statement.bind(account.sourceAnchor)
        statement.bind(account.externalId)
        statement.bind(account.passwordHash)
        statement.bind(account.mustChangePassword)
        statement.bind(Columns.time(account.createdAt))
        statement.bind(Columns.time(account.updatedAt))
        statement.bind(account.deactivatedAt.map(Columns.time))
        statement.bind(account.deactivatedBy)
        statement.bind(account.version)
        statement.bind(UserNamePolicy.key(for: account.userName))
        statement.bind(roleReasonID)
        try statement.step()
        try insertEmails(of: account)
    }

    func update(_ account: Account) throws {
        try db.cachedStatement(sql: """
            UPDATE account SET user_name = ?, display_name = ?, given_name = ?, family_name = ?, active = ?, role = ?,
                auth_method = ?, source = ?, source_anchor = ?, external_id = ?, password_hash = ?,
                must_change_password = ?, created_at = ?, updated_at = ?, deactivated_at = ?, deactivated_by = ?,
                version = ?, user_name_key = ?
            WHERE id = ?
            """).execute(arguments: StatementArguments(
                accountArguments(account).dropFirst() + [UserNamePolicy.key(for: account.userName), Columns.id(account.id)]
            ))
        guard db.changesCount == 1 else {
            throw RosterError(.accountNotFound, "the account no longer exists")
        }
        try db.cachedStatement(sql: "DELETE FROM account_email WHERE account_id = ?").execute(arguments: [Columns.id(account.id)])
        try insertEmails(of: account)
    }

    /// Writes only the columns in which `account` differs from `original`, and its emails only when they differ,
    /// guarded by `original`'s version: SQLite rewrites the index entries of every column an `UPDATE` names, so a
    /// sync renaming 1,000 of 100,000 accounts would otherwise dirty nearly every page of every account index
    /// (measured: a 34 MB WAL instead of 8 MB, three times the commit). A stored row whose version is no longer
    /// `original`'s is not overwritten: `versionMismatch` (or `accountNotFound` when it is gone).
    func update(_ account: Account, from original: Account) throws {
        precondition(account.id == original.id, "an account's id never changes")
        let names = Self.accountColumnNames
        let new = accountArguments(account).map { $0?.databaseValue ?? .null }
        let old = accountArguments(original).map { $0?.databaseValue ?? .null }
        var assignments: [String] = []
        var values: [DatabaseValue] = []
        for index in names.indices where new[index] != old[index] {
            assignments.append("\(names[index]) = ?")
            values.append(new[index])
        }
        if account.userName != original.userName {
            assignments.append("user_name_key = ?")
            values.append(UserNamePolicy.key(for: account.userName).databaseValue)
        }
        if !assignments.isEmpty {
            // One cached statement per set of changed columns: a sync changes few distinct sets.
            try db.cachedStatement(sql: "UPDATE account SET \(assignments.joined(separator: ", ")) WHERE id = ? AND version = ?")
                .execute(arguments: StatementArguments(values + [Columns.id(account.id).databaseValue,
                                                                 original.version.databaseValue]))
            if db.changesCount != 1 {
                guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM account WHERE id = ?)"),
                                        arguments: [Columns.id(account.id)]) == true else {
                    throw RosterError(.accountNotFound, "the account no longer exists")
                }
                throw RosterError(.versionMismatch, "the account changed since it was read")
            }
        }
        if account.emails != original.emails {
            try db.cachedStatement(sql: "DELETE FROM account_email WHERE account_id = ?").execute(arguments: [Columns.id(account.id)])
            try insertEmails(of: account)
        }
    }

    func deletePendingVerifications(accountID: UUID) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM email_verification WHERE account_id = ? AND used_at IS NULL")
            .execute(arguments: [Columns.id(accountID)])
        return db.changesCount
    }

    func deleteAccount(id: UUID) throws {
        try db.cachedStatement(sql: "DELETE FROM account WHERE id = ?").execute(arguments: [Columns.id(id)])
    }

    // MARK: helpers

    private func accountArguments(_ account: Account) -> [(any DatabaseValueConvertible)?] {
        [
            Columns.id(account.id), account.userName, account.displayName, account.givenName, account.familyName,
            account.active, account.role.rawValue, account.authMethod.rawValue, account.source.rawValue,
            account.sourceAnchor, account.externalId, account.passwordHash, account.mustChangePassword,
            Columns.time(account.createdAt), Columns.time(account.updatedAt), account.deactivatedAt.map(Columns.time),
            account.deactivatedBy, account.version,
        ]
    }

    private func insertEmails(of account: Account) throws {
        guard !account.emails.isEmpty else { return }
        var statement = try BoundStatement(db, sql: """
            INSERT INTO account_email (account_id, position, value, value_key, type, is_primary, verified) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let id = Columns.id(account.id)
        var primarySeen = false
        for (position, email) in account.emails.enumerated() {
            let primary = email.primary && !primarySeen
            primarySeen = primarySeen || primary
            statement.bind(id)
            statement.bind(position)
            statement.bind(email.value)
            statement.bind(EmailPolicy.key(for: email.value))
            statement.bind(email.type)
            statement.bind(primary)
            statement.bind(email.verified)
            try statement.step()
        }
    }

    private func fetchAccount(where condition: String, _ arguments: (any DatabaseValueConvertible)?...) throws -> Account? {
        let statement = try db.cachedStatement(sql: "SELECT \(Self.accountColumns) FROM account WHERE \(condition)")
        guard let row = try Row.fetchOne(statement, arguments: StatementArguments(arguments)) else { return nil }
        return try Columns.account(row, emails: emails(ofAccountID: row["id"]))
    }

    func emails(ofAccountID id: String) throws -> [AccountEmail] {
        try Row.fetchAll(db.cachedStatement(
            sql: "SELECT value, type, is_primary, verified FROM account_email WHERE account_id = ? ORDER BY position"
        ), arguments: [id]).map {
            AccountEmail(value: $0["value"], type: $0["type"], primary: $0["is_primary"], verified: $0["verified"])
        }
    }

    private func emailsByAccount() throws -> [String: [AccountEmail]] {
        var result: [String: [AccountEmail]] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(
            sql: "SELECT account_id, value, type, is_primary, verified FROM account_email ORDER BY account_id, position"
        ))
        while let row = try rows.next() {
            result[row["account_id"], default: []].append(
                AccountEmail(value: row["value"], type: row["type"], primary: row["is_primary"], verified: row["verified"])
            )
        }
        return result
    }
}
