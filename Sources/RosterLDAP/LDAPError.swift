import CLDAP

/// An LDAP result or API code (RFC 4511 result codes, libldap's negative API codes), matchable like GRDB's ResultCode.
public struct LDAPResultCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = LDAPResultCode(rawValue: 0)
    public static let timeLimitExceeded = LDAPResultCode(rawValue: 3)
    public static let sizeLimitExceeded = LDAPResultCode(rawValue: 4)
    public static let referral = LDAPResultCode(rawValue: 10)
    public static let adminLimitExceeded = LDAPResultCode(rawValue: 11)
    public static let noSuchObject = LDAPResultCode(rawValue: 32)
    public static let invalidCredentials = LDAPResultCode(rawValue: 49)
    /// RFC 4533 `e-syncRefreshRequired`: the server cannot serve a content-sync cookie incrementally.
    public static let syncRefreshRequired = LDAPResultCode(rawValue: 4096)
    public static let serverDown = LDAPResultCode(rawValue: -1)
    public static let localError = LDAPResultCode(rawValue: -2)
    public static let timeout = LDAPResultCode(rawValue: -5)
    public static let filterError = LDAPResultCode(rawValue: -7)
    public static let connectError = LDAPResultCode(rawValue: -11)

    /// libldap's text for the code.
    public var description: String { "\(rawValue) \(String(cString: ldap_err2string(rawValue)))" }

    /// The server could not be reached at all (down, refused, TLS failure, network timeout).
    public var isUnreachable: Bool { [Self.serverDown, .connectError, .timeout].contains(self) }
}

/// A failed LDAP operation. `message` names the operation and the server's code, never attribute values or passwords.
public struct LDAPError: Error, Sendable, CustomStringConvertible {
    public var code: LDAPResultCode
    /// The operation that failed (`bind`, `search`, `StartTLS` …).
    public var operation: String
    /// libldap's diagnostic message, if any (a server message; it names no secret).
    public var diagnostic: String?

    public init(code: LDAPResultCode, operation: String, diagnostic: String? = nil) {
        self.code = code
        self.operation = operation
        self.diagnostic = diagnostic
    }

    public var description: String {
        "LDAP \(operation) failed: \(code)" + (diagnostic.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
    }
}

extension LDAPResultCode {
    /// Lets callers write `catch LDAPResultCode.invalidCredentials { … }`.
    public static func ~= (code: LDAPResultCode, error: any Error) -> Bool {
        (error as? LDAPError)?.code == code
    }
}
