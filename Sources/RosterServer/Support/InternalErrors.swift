import Foundation
import Logging
import RosterSCIM

/// Internal failures (the store, a bug) answer a generic message with a reference; the detail (SQLite's text, never
/// bound values: the store keeps statement arguments private) goes to the server log under that reference, so an
/// operator can find it and a client learns nothing about the schema or the data.
enum InternalErrors {
    /// A short random reference shared by the answer and the log line.
    static func reference() -> String {
        String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(to: 8)
    }

    static func message(reference: String) -> String {
        "internal error (reference \(reference)); the server log has the details"
    }

    /// Logs `detail` and returns the public form of a 5xx SCIM error (other errors are returned unchanged).
    static func publicSCIMError(_ error: SCIMError, logger: Logger) -> SCIMError {
        guard error.status >= 500, error.status != 503 else { return error }
        let reference = reference()
        logger.error("internal error", metadata: ["reference": "\(reference)", "status": "\(error.status)",
                                                  "detail": "\(error.detail)"])
        return SCIMError(status: error.status, detail: message(reference: reference))
    }

    /// The logger of code that has no request context (the Bulk processor's per-operation errors).
    static let logger = Logger(label: "roster.server")
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
