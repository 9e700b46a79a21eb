import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func group(id: UUID) throws -> Group? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, source, source_anchor, external_id, display_name, created_at, updated_at, version
            FROM account_group WHERE id = ?
            """), arguments: [Columns.id(id)]) else { return nil }
        guard let source = AccountSource(rawValue: row["source"]) else {
            throw RosterError(.storeFailure, "the store holds a group with an unknown source")
        }
        return Group(
            id: try Columns.uuid(row, "id"), source: source, sourceAnchor: row["source_anchor"],
            externalId: row["external_id"], displayName: row["display_name"], createdAt: Columns.date(row["created_at"]),
            updatedAt: Columns.date(row["updated_at"]), version: row["version"]
        )
    }

    func insert(_ group: Group) throws {
        try db.cachedStatement(sql: """
            INSERT INTO account_group (id, source, source_anchor, external_id, display_name, created_at, updated_at, version,
                content_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
            Columns.id(group.id), group.source.rawValue, group.sourceAnchor, group.externalId, group.displayName,
            Columns.time(group.createdAt), Columns.time(group.updatedAt), group.version, group.contentDigest,
        ])
    }

    func addMembers(_ members: [GroupMember], toGroup groupID: UUID) throws {
        let accounts = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO group_member_account (group_id, account_id) VALUES (?, ?)"
        )
        let groups = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO group_member_group (group_id, member_group_id) VALUES (?, ?)"
        )
        for member in members {
            switch member {
            case .account(let id): try accounts.execute(arguments: [Columns.id(groupID), Columns.id(id)])
            case .group(let id): try groups.execute(arguments: [Columns.id(groupID), Columns.id(id)])
            }
        }
    }
}
