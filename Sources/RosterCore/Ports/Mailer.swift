/// Outgoing mail (SMTP through libcurl in production, a local sink in tests).
public protocol Mailer: Sendable {
    /// Delivers one message or throws with a reason safe to show an admin (no secrets).
    func send(_ message: MailMessage) async throws
}

/// A plain-text message.
public struct MailMessage: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Checks a password against a directory by binding as the user (pass-through login of `ldap` accounts).
public protocol DirectoryAuthenticator: Sendable {
    /// True when `source` accepts `password` for `dn`; false for wrong credentials; throws when the directory
    /// cannot be asked.
    func verify(source: String, dn: String, password: String) async throws -> Bool
}
