import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func append(_ event: AuditEvent) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_event (at, actor, actor_name, via, action, target_type, target_id, target_name,
                before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
            Columns.time(event.at), event.actor, event.actorName, event.via, event.action.rawValue, event.targetType,
            event.targetID, event.targetName, try AuditJSON.encode(event.before), try AuditJSON.encode(event.after),
        ])
    }

    func auditEvents(involving id: UUID?, limit: Int) throws -> [AuditEvent] {
        let key = id.map(Columns.id)
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, at, actor, actor_name, via, action, target_type, target_id, target_name, before_json, after_json
            FROM audit_event WHERE ?1 IS NULL OR target_id = ?1 OR actor = 'account:' || ?1
            ORDER BY id DESC LIMIT ?2
            """), arguments: [key, limit])
        return try rows.map { row in
            AuditEvent(
                id: row["id"], at: Columns.date(row["at"]), actor: row["actor"], actorName: row["actor_name"],
                via: row["via"], action: AuditAction(rawValue: row["action"]), targetType: row["target_type"],
                targetID: row["target_id"], targetName: row["target_name"],
                before: try AuditJSON.decode(row["before_json"]), after: try AuditJSON.decode(row["after_json"])
            )
        }
    }
}

/// JSON for audit snapshots, with sorted keys so entries are stable.
enum AuditJSON {
    static func encode(_ snapshot: AuditSnapshot?) throws -> String? {
        guard let snapshot else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(snapshot), as: UTF8.self)
    }

    static func decode(_ text: String?) throws -> AuditSnapshot? {
        guard let text else { return nil }
        return try JSONDecoder().decode(AuditSnapshot.self, from: Data(text.utf8))
    }
}
