import Foundation

/// A login session. Only the SHA-256 of its token is stored.
public struct Session: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    /// SHA-256 of the bearer token.
    public var tokenHash: [UInt8]
    public var createdAt: Date
    public var expiresAt: Date
    /// A session of an account with a temporary password: it may only change the password.
    public var passwordChangeOnly: Bool

    public init(id: UUID, accountID: UUID, tokenHash: [UInt8], createdAt: Date, expiresAt: Date, passwordChangeOnly: Bool) {
        self.id = id
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.passwordChangeOnly = passwordChangeOnly
    }
}

/// A personal API token. Only the SHA-256 of the token is stored.
public struct APIToken: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var name: String
    public var tokenHash: [UInt8]
    public var createdAt: Date

    public init(id: UUID, accountID: UUID, name: String, tokenHash: [UInt8], createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}
