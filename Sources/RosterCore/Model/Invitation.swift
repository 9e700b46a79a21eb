import Foundation

/// An invitation by email: a single-use token (kept as SHA-256) that expires; accepting it creates the account,
/// sets its password and activates it.
public struct Invitation: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable, Codable { case pending, accepted, revoked, expired }

    public var id: UUID
    public var email: String
    public var userName: String?
    public var role: Role
    public var authMethod: AuthMethod
    /// The inviting account (nil: the local operator).
    public var invitedBy: UUID?
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var revokedAt: Date?
    /// The account created by accepting it.
    public var accountID: UUID?
    public var sendCount: Int
    public var lastSentAt: Date?
    /// Why the last send failed (nil after a successful send).
    public var lastSendError: String?

    public init(
        id: UUID, email: String, userName: String?, role: Role, authMethod: AuthMethod, invitedBy: UUID?, createdAt: Date,
        expiresAt: Date, acceptedAt: Date? = nil, revokedAt: Date? = nil, accountID: UUID? = nil, sendCount: Int = 0,
        lastSentAt: Date? = nil, lastSendError: String? = nil
    ) {
        self.id = id
        self.email = email
        self.userName = userName
        self.role = role
        self.authMethod = authMethod
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.revokedAt = revokedAt
        self.accountID = accountID
        self.sendCount = sendCount
        self.lastSentAt = lastSentAt
        self.lastSendError = lastSendError
    }

    public func state(at now: Date) -> State {
        if acceptedAt != nil { return .accepted }
        if revokedAt != nil { return .revoked }
        return expiresAt <= now ? .expired : .pending
    }
}
