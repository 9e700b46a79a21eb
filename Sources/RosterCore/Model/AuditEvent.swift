import Foundation

/// One append-only entry of the audit log: who did what to which target, and what changed.
public struct AuditEvent: Sendable, Hashable {
    /// Assigned by the store; 0 before it is appended.
    public var id: Int64
    public var at: Date
    /// `system` or `account:UUID`.
    public var actor: String
    /// The acting account's userName at the time, if an account acted.
    public var actorName: String?
    /// The entry point: `cli`, `api`, `scim:NAME`, `ldap:NAME` …
    public var via: String
    public var action: AuditAction
    /// `account`, `group`, `ownership` …
    public var targetType: String
    public var targetID: String?
    /// The target's userName or display name at the time.
    public var targetName: String?
    public var before: AuditSnapshot?
    public var after: AuditSnapshot?

    public init(
        id: Int64 = 0, at: Date, actor: String, actorName: String?, via: String, action: AuditAction,
        targetType: String, targetID: String?, targetName: String?, before: AuditSnapshot?, after: AuditSnapshot?
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.actorName = actorName
        self.via = via
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.targetName = targetName
        self.before = before
        self.after = after
    }
}
