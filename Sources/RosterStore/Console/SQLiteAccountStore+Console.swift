import Foundation
import GRDB
import RosterCore

/// The admin console's reads: pages of people and audit entries, built to stay fast on large stores (keyset
/// pagination on indexed orders; emails and counts fetched for the page's ids only). Callers authorize first.
extension SQLiteAccountStore {
    /// One page of people, newest first (`created_at DESC, id DESC` on the `account_created` index).
    public func peoplePage(_ query: PeopleQuery) throws -> PeoplePage {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let role = query.role {
                conditions.append("role = ?")
                arguments.append(role.rawValue)
            }
            if let source = query.source {
                conditions.append("source = ?")
                arguments.append(source)
            }
            if let active = query.active {
                conditions.append("active = ?")
                arguments.append(active ? 1 : 0)
            }
            if let method = query.authMethod {
                conditions.append("auth_method = ?")
                arguments.append(method.rawValue)
            }
            if let search = query.search?.trimmingCharacters(in: .whitespaces).lowercased(), !search.isEmpty {
                // Prefix ranges on the unique user_name_key and value_key indexes; display names by prefix (scanned).
                let upper = search + "\u{10FFFF}"
                conditions.append("""
                    id IN (SELECT id FROM account WHERE user_name_key >= ? AND user_name_key < ?
                           UNION SELECT account_id FROM account_email WHERE value_key >= ? AND value_key < ?
                           UNION SELECT id FROM account WHERE display_name LIKE ? ESCAPE '\\')
                    """)
                arguments += [search, upper, search, upper, Self.likePrefix(search)]
            }
            if let after = query.after {
                conditions.append("(created_at, id) < (?, ?)")
                arguments += [after.createdAtMillis, after.id.lowercasedText]
            }
            let limit = max(1, min(query.limit, 500))
            let sql = """
                SELECT \(GRDBAccountTransaction.accountColumns) FROM account
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY created_at DESC, id DESC LIMIT \(limit + 1)
                """
            var rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            let more = rows.count > limit
            if more { rows.removeLast() }
            let ids: [String] = rows.map { $0[0] }
            let emails = try Self.emails(db, ids)
            let sessions = try Self.counts(db, table: "session", ids)
            let tokens = try Self.counts(db, table: "api_token", ids)
            let listings = try rows.map { row in
                let id: String = row[0]
                return AccountListing(account: try Columns.account(row, emails: emails[id] ?? []),
                                      sessionCount: sessions[id] ?? 0, apiTokenCount: tokens[id] ?? 0)
            }
            return PeoplePage(rows: listings, next: more ? listings.last.map { PeopleCursor(after: $0.account) } : nil)
        }
    }

    /// `LIKE` pattern for a prefix, with `%`, `_` and `\` escaped.
    static func likePrefix(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "%"
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// Emails of the given accounts, in their stored order (primary key `(account_id, position)`).
    private static func emails(_ db: Database, _ ids: [String]) throws -> [String: [AccountEmail]] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: [AccountEmail]] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT account_id, value, type, is_primary, verified FROM account_email
            WHERE account_id IN (\(placeholders(ids.count))) ORDER BY account_id, position
            """, arguments: StatementArguments(ids))
        for row in rows {
            result[row["account_id"], default: []].append(
                AccountEmail(value: row["value"], type: row["type"], primary: row["is_primary"], verified: row["verified"]))
        }
        return result
    }

    /// Rows per account in `table` (sessions, API tokens), one grouped query on its `account_id` index.
    private static func counts(_ db: Database, table: String, _ ids: [String]) throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: Int] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT account_id, count(*) AS n FROM \(table) WHERE account_id IN (\(placeholders(ids.count))) GROUP BY account_id
            """, arguments: StatementArguments(ids))
        for row in rows { result[row["account_id"]] = row["n"] }
        return result
    }

    /// One page of the audit log, newest first; `next` is the id to pass as `before` for the following page.
    public func auditPage(_ query: AuditQuery) throws -> (events: [AuditEvent], next: Int64?) {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let actor = query.actor {
                conditions.append("actor = ?")
                arguments.append(actor)
            }
            if let name = query.actorName {
                conditions.append("actor_name = ?")
                arguments.append(name)
            }
            if let target = query.targetID {
                conditions.append("target_id = ?")
                arguments.append(target)
            }
            if let action = query.action, !action.isEmpty {
                if action.hasSuffix(".") {
                    conditions.append("action >= ? AND action < ?")
                    arguments += [action, action + "\u{10FFFF}"]
                } else {
                    conditions.append("action = ?")
                    arguments.append(action)
                }
            }
            if let before = query.before {
                conditions.append("id < ?")
                arguments.append(before)
            }
            let limit = max(1, min(query.limit, 500))
            var rows = try Row.fetchAll(db, sql: """
                SELECT id, at, actor, actor_name, via, action, target_type, target_id, target_name, before_json, after_json
                FROM audit_event \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY id DESC LIMIT \(limit + 1)
                """, arguments: StatementArguments(arguments))
            let more = rows.count > limit
            if more { rows.removeLast() }
            let events = try rows.map(Self.auditEvent)
            return (events, more ? events.last?.id : nil)
        }
    }

    /// The audit entries about one account or by it, newest first.
    public func auditHistory(of accountID: UUID, limit: Int) throws -> [AuditEvent] {
        try pool.read { db in
            let id = Columns.id(accountID)
            return try Row.fetchAll(db, sql: """
                SELECT * FROM (
                  SELECT id, at, actor, actor_name, via, action, target_type, target_id, target_name, before_json, after_json
                  FROM audit_event WHERE target_id = ?1
                  UNION
                  SELECT id, at, actor, actor_name, via, action, target_type, target_id, target_name, before_json, after_json
                  FROM audit_event WHERE actor = 'account:' || ?1)
                ORDER BY id DESC LIMIT ?2
                """, arguments: [id, limit]).map(Self.auditEvent)
        }
    }

    private static func auditEvent(_ row: Row) throws -> AuditEvent {
        AuditEvent(
            id: row["id"], at: Columns.date(row["at"]), actor: row["actor"], actorName: row["actor_name"],
            via: row["via"], action: AuditAction(rawValue: row["action"]), targetType: row["target_type"],
            targetID: row["target_id"], targetName: row["target_name"],
            before: try AuditJSON.decode(row["before_json"]), after: try AuditJSON.decode(row["after_json"]))
    }

    /// The groups an account is a direct member of: display name and source, by name.
    public func groupNames(of accountID: UUID) throws -> [(name: String, source: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT g.display_name, g.source FROM group_member_account m JOIN account_group g ON g.id = m.group_id
                WHERE m.account_id = ? ORDER BY g.display_name COLLATE NOCASE
                """, arguments: [Columns.id(accountID)]).map { (name: $0[0], source: $0[1]) }
        }
    }

    /// Sources worth offering in the people filter: the built-in ones, every source an account has (one index seek
    /// per distinct source on `account_source_created`, not a scan), SCIM clients and sources that ran a sync.
    public func knownSources() throws -> [String] {
        try pool.read { db in
            let held = try String.fetchAll(db, sql: """
                WITH RECURSIVE s(source) AS (
                    SELECT min(source) FROM account
                    UNION ALL SELECT (SELECT min(source) FROM account WHERE source > s.source) FROM s WHERE s.source IS NOT NULL)
                SELECT source FROM s WHERE source IS NOT NULL
                """)
            let scim = try String.fetchAll(db, sql: "SELECT DISTINCT 'scim:' || name FROM scim_client")
            let synced = try String.fetchAll(db, sql: "SELECT DISTINCT source FROM sync_run")
            let builtIn = ["local", "signup", "invitation"]
            return builtIn + Set(held + scim + synced).subtracting(builtIn).sorted()
        }
    }

    /// One sync run by id.
    public func syncRun(id: Int64) throws -> SyncRunRecord? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, source, started_at, finished_at, status, mode, dry_run, counts_json, report_json FROM sync_run WHERE id = ?
                """, arguments: [id]) else { return nil }
            let finished: Int64? = row["finished_at"]
            let counts: String? = row["counts_json"]
            return SyncRunRecord(
                id: row["id"], source: row["source"], startedAt: Columns.date(row["started_at"]),
                finishedAt: finished.map(Columns.date), status: SyncRunRecord.Status(rawValue: row["status"]) ?? .failed,
                mode: row["mode"], dryRun: row["dry_run"],
                counts: counts.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:],
                reportJSON: row["report_json"])
        }
    }
}
