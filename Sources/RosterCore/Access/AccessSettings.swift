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
    /// Failed logins in a row before an account is locked (per address: five times as many).
    public var maxFailedLogins = 20
    public var lockout: TimeInterval = 15 * 60
    /// Base of the links in mails (`smtp.linkBaseURL`), e.g. `https://roster.example.com`.
    public var linkBaseURL = "http://127.0.0.1:8080"

    public init() {}
}
