import Foundation

/// What self signup, invitations and logins read from the store.
public protocol AccessReader: AccountReader {
    /// The allowlisted domains added with `roster domains add` (the config's list is added by the service).
    func signupDomains() throws -> [SignupDomain]
    func invitation(id: UUID) throws -> Invitation?
    func invitation(tokenHash: [UInt8]) throws -> Invitation?
    /// Newest first; only pending ones (not accepted, revoked or expired at `now`) unless `includeClosed`.
    func invitations(includeClosed: Bool, now: Date) throws -> [Invitation]
    func pendingInvitation(emailKey: String, now: Date) throws -> Invitation?
    func verification(tokenHash: [UInt8]) throws -> EmailVerification?
    /// Whether a directory or SCIM source deprovisioned an account with this email (deleted it, or deactivated it).
    func isDeprovisioned(emailKey: String) throws -> Bool
    /// Self-signed accounts never verified whose every verification link expired unused (inactive since the signup,
    /// owning nothing): all of them, or only `accountID` when given. At most `limit`.
    func expiredSignups(now: Date, accountID: UUID?, limit: Int) throws -> [UUID]
    func loginThrottle(key: String) throws -> LoginThrottle?
    func session(tokenHash: [UInt8]) throws -> Session?
    func apiToken(tokenHash: [UInt8]) throws -> APIToken?
    func sessions(accountID: UUID) throws -> [Session]
    func apiTokens(accountID: UUID) throws -> [APIToken]
}

/// What they write, inside one transaction.
public protocol AccessTransaction: AccessReader, AccountTransaction {
    func insert(_ domain: SignupDomain, at: Date) throws
    @discardableResult func deleteSignupDomain(_ domain: String) throws -> Bool
    func insert(_ invitation: Invitation, tokenHash: [UInt8]) throws
    func update(_ invitation: Invitation) throws
    /// A new token (the old one stops working) and expiry, for a resend.
    func setInvitationToken(id: UUID, tokenHash: [UInt8], expiresAt: Date) throws
    func insert(_ verification: EmailVerification, tokenHash: [UInt8]) throws
    func markVerificationUsed(id: UUID, at: Date) throws
    func save(_ throttle: LoginThrottle) throws
    func deleteLoginThrottle(key: String) throws
    /// Forgets the failure counts last touched before `before` that hold no running lock; returns how many.
    @discardableResult func deleteLoginThrottles(lastFailureBefore before: Date, now: Date) throws -> Int
    @discardableResult func deleteSession(id: UUID) throws -> Bool
    @discardableResult func deleteAPIToken(id: UUID) throws -> Bool
}

/// A store that runs access transactions.
public protocol AccessStore: AccountStore {
    func accessWrite<T>(_ body: (any AccessTransaction) throws -> T) throws -> T
    func accessRead<T>(_ body: (any AccessReader) throws -> T) throws -> T
}

/// An email verification of a self-signed account: a single-use token (kept as SHA-256) that expires.
public struct EmailVerification: Sendable, Hashable {
    public var id: UUID
    public var accountID: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(id: UUID, accountID: UUID, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.id = id
        self.accountID = accountID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// Failed logins of one account (`account:ID`) or one address (`address:IP`).
public struct LoginThrottle: Sendable, Hashable {
    public var key: String
    /// Consecutive failures since the last success or lockout.
    public var failures: Int
    public var lastFailureAt: Date
    public var lockedUntil: Date?

    public init(key: String, failures: Int, lastFailureAt: Date, lockedUntil: Date? = nil) {
        self.key = key
        self.failures = failures
        self.lastFailureAt = lastFailureAt
        self.lockedUntil = lockedUntil
    }
}
