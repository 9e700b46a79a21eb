import Foundation

/// Self signup, invitations, sessions and login throttling, from the config's `signup`, `invitations`,
/// `sessions` and `smtp` sections.
public struct AccessSettings: Sendable {
    public var signupEnabled = false
    /// The config's allowlist (the base list; `roster domains add` adds to it in the store).
    public var configDomains: [SignupDomain] = []
    public var verificationLifetime: TimeInterval = 48 * 3600
    public var invitationLifetime: TimeInterval = 168 * 3600
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Personal API tokens stop working this long after they were issued (`sessions.apiTokenLifetimeDays`, 90).
    public var apiTokenLifetime: TimeInterval = 90 * 86_400
    /// Failed logins in a row before an account is locked (per address: five times as many).
    public var maxFailedLogins = 20
    public var lockout: TimeInterval = 15 * 60
    /// Requests that hash a password (login, signup, password change, invitation accept) one address may make:
    /// a token bucket of `hashingBurst` tokens refilled at `hashingRequestsPerMinute`
    /// (`sessions.hashingRequestsPerMinute`, 30; `sessions.hashingBurst`, 10). Checked before any hashing.
    public var hashingRequestsPerMinute = 30
    public var hashingBurst = 10
    /// argon2id computations running at once (`sessions.maxConcurrentHashes`, default: the number of cores), and
    /// how many more may wait for a slot (`sessions.hashQueueLength`, default 4 × cores); beyond that a request
    /// is answered 503 at once instead of queueing 64 MiB of work.
    public var maxConcurrentHashes = ProcessInfo.processInfo.activeProcessorCount
    public var hashQueueLength = 4 * ProcessInfo.processInfo.activeProcessorCount
    /// Base of the links in mails (`smtp.linkBaseURL`), e.g. `https://roster.example.com`.
    public var linkBaseURL = "http://127.0.0.1:8080"

    public init() {}
}
