/// An error from Roster's domain: a stable code, a message safe to log (no secrets, no attribute values),
/// and optional details (for example the resources an account still owns).
///
/// Two errors are equal when their codes are (as in swift-service-lifecycle's `ServiceGroupError`), so
/// `#expect(throws: RosterError.matching(.lastSuperuser)) { … }` checks the code alone.
public struct RosterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable and greppable (`refused.lastSuperuser`).
    public var code: Code
    /// One line, meant for an operator; never holds a secret.
    public var message: String
    /// Extra lines, e.g. the owned resources that block a delete.
    public var details: [String]

    public init(_ code: Code, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "[\(code)] \(message)" }

    public static func == (lhs: RosterError, rhs: RosterError) -> Bool { lhs.code == rhs.code }

    /// An error that equals every error with `code`.
    public static func matching(_ code: Code) -> RosterError { RosterError(code, "any error with code \(code)") }
}

extension RosterError.Code {
    /// Lets callers write `catch RosterError.Code.lastSuperuser { … }`.
    public static func ~= (code: RosterError.Code, error: any Error) -> Bool {
        (error as? RosterError)?.code == code
    }
}
