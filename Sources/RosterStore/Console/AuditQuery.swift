import Foundation

/// One page of the audit log, newest first, keyed by the entry id.
public struct AuditQuery: Sendable, Hashable {
    /// The stored actor (`system`, `account:UUID`), or nil.
    public var actor: String?
    /// Entries whose actor name at the time was this (for actors no longer in the store).
    public var actorName: String?
    /// Entries about this target id (an account's id text).
    public var targetID: String?
    /// An action (`account.roleChanged`), or a prefix ending in `.` (`account.`).
    public var action: String?
    /// Entries older than this id.
    public var before: Int64?
    public var limit: Int

    public init(actor: String? = nil, actorName: String? = nil, targetID: String? = nil, action: String? = nil,
                before: Int64? = nil, limit: Int = 50) {
        self.actor = actor
        self.actorName = actorName
        self.targetID = targetID
        self.action = action
        self.before = before
        self.limit = limit
    }
}
