import Foundation
import RosterCore

/// The stable JSON form of an audit entry.
public struct AuditDocument: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var actorName: String?
    public var via: String
    public var action: String
    public var targetType: String
    public var targetId: String?
    public var targetName: String?
    public var before: AuditSnapshot?
    public var after: AuditSnapshot?

    public init(_ event: AuditEvent) {
        id = event.id
        at = event.at
        actor = event.actor
        actorName = event.actorName
        via = event.via
        action = event.action.rawValue
        targetType = event.targetType
        targetId = event.targetID
        targetName = event.targetName
        before = event.before
        after = event.after
    }
}
