import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func append(_ event: AuditEvent) throws {
        var statement = try BoundStatement(db, sql: """
            INSERT INTO audit_event (at, actor, actor_name, via, action, target_type, target_id, target_name,
                before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        statement.bind(Columns.time(event.at))
        statement.bind(event.actor)
        statement.bind(event.actorName)
        statement.bind(event.via)
        statement.bind(event.action.rawValue)
        statement.bind(event.targetType)
        statement.bind(event.targetID)
        statement.bind(event.targetName)
        statement.bind(try AuditJSON.encode(event.before))
        statement.bind(try AuditJSON.encode(event.after))
        try statement.step()
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

/// JSON for audit snapshots: a flat object with sorted keys, written by hand because it is on the hot path of bulk
/// imports (one entry per account) and JSONEncoder costs more than the insert itself.
enum AuditJSON {
    static func encode(_ snapshot: AuditSnapshot?) throws -> String? {
        guard let snapshot else { return nil }
        var out = "{"
        for (index, key) in snapshot.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(key, to: &out)
            out += ":"
            switch snapshot[key] ?? .null {
            case .string(let value): JSONText.appendString(value, to: &out)
            case .bool(let value): out += value ? "true" : "false"
            case .int(let value): out += String(value)
            case .null: out += "null"
            case .list(let values):
                out += "["
                for (position, value) in values.enumerated() {
                    if position > 0 { out += "," }
                    JSONText.appendString(value, to: &out)
                }
                out += "]"
            }
        }
        return out + "}"
    }

    static func decode(_ text: String?) throws -> AuditSnapshot? {
        guard let text else { return nil }
        return try JSONDecoder().decode(AuditSnapshot.self, from: Data(text.utf8))
    }
}
