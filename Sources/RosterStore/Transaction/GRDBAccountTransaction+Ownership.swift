import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction {
    func ownerships(ownerID: UUID?) throws -> [Ownership] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT o.resource_type, o.resource_id, o.owner_id, o.created_at, a.user_name
            FROM ownership o JOIN account a ON a.id = o.owner_id
            WHERE (?1 IS NULL OR o.owner_id = ?1) ORDER BY o.resource_type, o.resource_id
            """), arguments: [ownerID.map(Columns.id)])
        return try rows.map(ownership)
    }

    func ownership(of resource: ResourceRef) throws -> Ownership? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT o.resource_type, o.resource_id, o.owner_id, o.created_at, a.user_name
            FROM ownership o JOIN account a ON a.id = o.owner_id WHERE o.resource_type = ? AND o.resource_id = ?
            """), arguments: [resource.type, resource.id]).map(ownership)
    }

    func addOwnership(_ resource: ResourceRef, ownerID: UUID, at: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO ownership (resource_type, resource_id, owner_id, created_at) VALUES (?, ?, ?, ?)
            """).execute(arguments: [resource.type, resource.id, Columns.id(ownerID), Columns.time(at)])
    }

    func removeOwnership(_ resource: ResourceRef) throws -> Bool {
        try db.cachedStatement(sql: "DELETE FROM ownership WHERE resource_type = ? AND resource_id = ?")
            .execute(arguments: [resource.type, resource.id])
        return db.changesCount > 0
    }

    func transferOwnerships(from: UUID, to: UUID) throws -> [ResourceRef] {
        let moved = try ownerships(ownerID: from).map(\.resource)
        try db.cachedStatement(sql: "UPDATE ownership SET owner_id = ? WHERE owner_id = ?")
            .execute(arguments: [Columns.id(to), Columns.id(from)])
        return moved
    }

    private func ownership(_ row: Row) throws -> Ownership {
        Ownership(
            resource: ResourceRef(type: row["resource_type"], id: row["resource_id"]),
            ownerID: try Columns.uuid(row, "owner_id"), ownerUserName: row["user_name"],
            createdAt: Columns.date(row["created_at"])
        )
    }
}
