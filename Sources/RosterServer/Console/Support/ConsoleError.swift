/// Why a console request cannot be answered with its page: each kind has its own response
/// (``ConsoleErrorMiddleware``).
struct ConsoleError: Error, Sendable, Equatable {
    enum Code: String, Sendable {
        /// No valid console session: 303 to the login page.
        case notSignedIn
        /// A session that must change its password first: 303 to the change-password page.
        case passwordChangeRequired
        /// Signed in, but not an admin (or not a superuser where one is needed): 403, no data.
        case forbidden
        /// A missing or wrong CSRF token, or a foreign `Origin`: 403, nothing changed.
        case csrf
        /// No such page or record: 404.
        case notFound
    }

    var code: Code
    var message: String

    static func notSignedIn() -> ConsoleError { ConsoleError(code: .notSignedIn, message: "sign in first") }
    static func passwordChangeRequired() -> ConsoleError {
        ConsoleError(code: .passwordChangeRequired, message: "change the temporary password first")
    }
    static func forbidden(_ message: String = "The console is for admins.") -> ConsoleError {
        ConsoleError(code: .forbidden, message: message)
    }
    static func csrf() -> ConsoleError {
        ConsoleError(code: .csrf, message: "The form is stale or was not sent by this console (CSRF check failed). Nothing was changed.")
    }
    static func notFound(_ message: String = "No such page.") -> ConsoleError { ConsoleError(code: .notFound, message: message) }
}
