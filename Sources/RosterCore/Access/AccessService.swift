import Foundation

/// How people get in (admin guides 000–004): allowlisted-domain self signup with email verification, invitations,
/// logins with sessions and lockout, the self-service profile and personal API token.
///
/// Store work and password hashing run through ``Blocking`` (never on the cooperative pool); mail goes out after
/// the transaction that records it, and a failed send is recorded, never lost.
public struct AccessService: Sendable {
    public let accounts: AccountService
    public let store: any AccessStore
    public let settings: AccessSettings
    /// nil: no SMTP configured; the CLI prints links for the admin to hand over.
    public let mailer: (any Mailer)?
    public let directories: (any DirectoryAuthenticator)?
    /// Bounds the argon2id work in flight (`sessions.maxConcurrentHashes`, `sessions.hashQueueLength`).
    public let hashing: HashingLimiter
    /// Per-address token buckets for the requests that hash (`sessions.hashingRequestsPerMinute`, `hashingBurst`).
    public let attempts: AttemptLimiter

    public init(accounts: AccountService, store: any AccessStore, settings: AccessSettings, mailer: (any Mailer)?,
                directories: (any DirectoryAuthenticator)?) {
        self.accounts = accounts
        self.store = store
        self.settings = settings
        self.mailer = mailer
        self.directories = directories
        hashing = HashingLimiter(limit: settings.maxConcurrentHashes, queueLength: settings.hashQueueLength)
        attempts = AttemptLimiter(perMinute: settings.hashingRequestsPerMinute, burst: settings.hashingBurst,
                                  clock: accounts.clock)
    }

    /// Takes one of `address`'s hashing tokens (login, signup, password change, invitation accept) before any
    /// hashing; throws ``AttemptLimiter/Limited`` (429 with `Retry-After`) when the address spent them.
    public func admit(address: String) throws(AttemptLimiter.Limited) {
        try attempts.take(address)
    }

    var secrets: any SecretGenerator { accounts.secrets }
    var hasher: any PasswordHasher { accounts.hasher }
    func now() -> Date { accounts.now() }

    /// What happened to a mail.
    public enum Delivery: Sendable, Hashable {
        case sent
        /// The send failed; the reason is recorded (the invitation stays pending).
        case failed(String)
        /// No SMTP is configured: the link is returned for the admin to hand over.
        case notConfigured(link: String)
    }

    func link(_ path: String, token: String) -> String {
        var base = settings.linkBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)\(path)?token=\(token)"
    }

    /// Sends a mail, turning failures into a recorded reason (no secrets: libcurl's error text only).
    public func deliver(_ message: MailMessage, link: String) async -> Delivery {
        guard let mailer else { return .notConfigured(link: link) }
        do {
            try await mailer.send(message)
            return .sent
        } catch let error as RosterError {
            return .failed(error.message)
        } catch {
            return .failed("the mail could not be sent")
        }
    }

    func audit(
        _ tx: any AccessTransaction, _ context: ActingContext, _ action: AuditAction, targetType: String, targetID: String?,
        targetName: String?, before: AuditSnapshot? = nil, after: AuditSnapshot? = nil, at: Date
    ) throws {
        var actorName: String?
        if case .account(let id) = context.actor { actorName = try tx.account(id: id)?.userName }
        try tx.append(AuditEvent(at: at, actor: context.actor.description, actorName: actorName, via: context.via,
                                 action: action, targetType: targetType, targetID: targetID, targetName: targetName,
                                 before: before, after: after))
    }
}

extension AuditAction {
    public static let signupRequested = AuditAction(rawValue: "signup.requested")
    public static let emailVerified = AuditAction(rawValue: "account.emailVerified")
    public static let invitationCreated = AuditAction(rawValue: "invitation.created")
    public static let invitationSent = AuditAction(rawValue: "invitation.sent")
    public static let invitationSendFailed = AuditAction(rawValue: "invitation.sendFailed")
    public static let invitationRevoked = AuditAction(rawValue: "invitation.revoked")
    public static let invitationAccepted = AuditAction(rawValue: "invitation.accepted")
    public static let domainAdded = AuditAction(rawValue: "signupDomain.added")
    public static let domainRemoved = AuditAction(rawValue: "signupDomain.removed")
    public static let loginFailed = AuditAction(rawValue: "session.loginFailed")
    public static let accountLocked = AuditAction(rawValue: "account.locked")
    public static let sessionClosed = AuditAction(rawValue: "session.closed")
    public static let apiTokenReset = AuditAction(rawValue: "apiToken.reset")
    /// A self-signed account never verified, removed once its links expired (sweep, or its address or userName claimed).
    public static let signupExpired = AuditAction(rawValue: "account.signupExpired")
}
