/// What an audit entry records. Stored by its raw value, which never changes.
public struct AuditAction: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let accountCreated = AuditAction(rawValue: "account.created")
    public static let accountUpdated = AuditAction(rawValue: "account.updated")
    public static let roleChanged = AuditAction(rawValue: "account.roleChanged")
    public static let passwordReset = AuditAction(rawValue: "account.passwordReset")
    public static let passwordChanged = AuditAction(rawValue: "account.passwordChanged")
    public static let accountDeactivated = AuditAction(rawValue: "account.deactivated")
    public static let accountReactivated = AuditAction(rawValue: "account.reactivated")
    public static let accountDeleted = AuditAction(rawValue: "account.deleted")
    public static let ownershipTransferred = AuditAction(rawValue: "ownership.transferred")
    public static let ownershipAdded = AuditAction(rawValue: "ownership.added")
    public static let ownershipRemoved = AuditAction(rawValue: "ownership.removed")
    public static let sessionOpened = AuditAction(rawValue: "session.opened")
    public static let sessionsRevoked = AuditAction(rawValue: "session.revoked")
    public static let apiTokenIssued = AuditAction(rawValue: "apiToken.issued")
    public static let groupCreated = AuditAction(rawValue: "group.created")
    public static let groupUpdated = AuditAction(rawValue: "group.updated")
    public static let groupDeleted = AuditAction(rawValue: "group.deleted")
}
