import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func groups(of source: AccountSource) throws -> [String: Group] {
        var result: [String: Group] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, source, source_anchor, external_id, display_name, created_at, updated_at, version, content_digest
            FROM account_group WHERE source = ? AND source_anchor IS NOT NULL
            """), arguments: [source.rawValue])
        while let row = try rows.next() {
            var group = Group(
                id: try Columns.uuid(row, "id"), source: source, sourceAnchor: row["source_anchor"],
                externalId: row["external_id"], displayName: row["display_name"],
                createdAt: Columns.date(row["created_at"]), updatedAt: Columns.date(row["updated_at"]), version: row["version"])
            group.contentDigest = row["content_digest"]
            if let anchor = group.sourceAnchor { result[anchor] = group }
        }
        return result
    }

    func update(_ group: Group) throws {
        try db.cachedStatement(sql: """
            UPDATE account_group SET external_id = ?, display_name = ?, updated_at = ?, version = ?, content_digest = ?
            WHERE id = ?
            """).execute(arguments: [group.externalId, group.displayName, Columns.time(group.updatedAt), group.version,
                                     group.contentDigest, Columns.id(group.id)])
    }

    func deleteGroup(id: UUID) throws {
        try db.cachedStatement(sql: "DELETE FROM account_group WHERE id = ?").execute(arguments: [Columns.id(id)])
    }

    func memberIDs(ofGroupsOf source: AccountSource) throws -> [String: GroupMemberIDs] {
        var result: [String: GroupMemberIDs] = [:]
        let accounts = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT m.group_id, m.account_id FROM group_member_account m JOIN account_group g ON g.id = m.group_id
            WHERE g.source = ?
            """), arguments: [source.rawValue])
        while let row = try accounts.next() {
            result[row[0], default: GroupMemberIDs()].accounts.insert(row[1])
        }
        let groups = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT m.group_id, m.member_group_id FROM group_member_group m JOIN account_group g ON g.id = m.group_id
            WHERE g.source = ?
            """), arguments: [source.rawValue])
        while let row = try groups.next() {
            result[row[0], default: GroupMemberIDs()].groups.insert(row[1])
        }
        return result
    }

    func removeMembers(_ members: [GroupMember], fromGroup groupID: UUID) throws {
        let accounts = try db.cachedStatement(sql: "DELETE FROM group_member_account WHERE group_id = ? AND account_id = ?")
        let groups = try db.cachedStatement(sql: "DELETE FROM group_member_group WHERE group_id = ? AND member_group_id = ?")
        for member in members {
            switch member {
            case .account(let id): try accounts.execute(arguments: [Columns.id(groupID), Columns.id(id)])
            case .group(let id): try groups.execute(arguments: [Columns.id(groupID), Columns.id(id)])
            }
        }
    }

    func addMemberIDs(_ members: GroupMemberIDs, toGroup groupID: String) throws {
        // Sorted, so the primary key (group, member) grows at its edge; bound by hand (hundreds of thousands of
        // rows on a first import).
        var accounts = try BoundStatement(db, sql: "INSERT OR IGNORE INTO group_member_account (group_id, account_id) VALUES (?, ?)")
        for id in members.accounts.sorted() {
            accounts.bind(groupID)
            accounts.bind(id)
            try accounts.step()
        }
        var groups = try BoundStatement(db, sql: "INSERT OR IGNORE INTO group_member_group (group_id, member_group_id) VALUES (?, ?)")
        for id in members.groups.sorted() {
            groups.bind(groupID)
            groups.bind(id)
            try groups.step()
        }
    }

    func removeMemberIDs(_ members: GroupMemberIDs, fromGroup groupID: String) throws {
        let accounts = try db.cachedStatement(sql: "DELETE FROM group_member_account WHERE group_id = ? AND account_id = ?")
        for id in members.accounts { try accounts.execute(arguments: [groupID, id]) }
        let groups = try db.cachedStatement(sql: "DELETE FROM group_member_group WHERE group_id = ? AND member_group_id = ?")
        for id in members.groups { try groups.execute(arguments: [groupID, id]) }
    }

    func insertSyncRun(_ run: SyncRunRecord) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO sync_run (source, started_at, finished_at, status, mode, dry_run, counts_json, report_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: syncRunArguments(run))
        return db.lastInsertedRowID
    }

    func updateSyncRun(_ run: SyncRunRecord) throws {
        try db.cachedStatement(sql: """
            UPDATE sync_run SET source = ?, started_at = ?, finished_at = ?, status = ?, mode = ?, dry_run = ?,
                counts_json = ?, report_json = ? WHERE id = ?
            """).execute(arguments: syncRunArguments(run) + [run.id])
    }

    func syncRuns(source: String?, limit: Int) throws -> [SyncRunRecord] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, source, started_at, finished_at, status, mode, dry_run, counts_json, report_json FROM sync_run
            WHERE ?1 IS NULL OR source = ?1 ORDER BY id DESC LIMIT ?2
            """), arguments: [source, limit]).map { row in
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

    private func syncRunArguments(_ run: SyncRunRecord) throws -> StatementArguments {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let counts = String(decoding: try encoder.encode(run.counts), as: UTF8.self)
        return [run.source, Columns.time(run.startedAt), run.finishedAt.map(Columns.time), run.status.rawValue, run.mode,
                run.dryRun, counts, run.reportJSON]
    }
}
