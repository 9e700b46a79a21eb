import HTTPTypes

/// The console's cookies. Every one is `Path=/admin; HttpOnly; Secure; SameSite=Strict` (Secure even on plain
/// http: browsers treat `localhost` as a secure context).
enum ConsoleCookies {
    /// The session token of a console sign-in.
    static let session = "roster_console"
    /// The login form's double-submit CSRF value (before any session exists).
    static let loginCSRF = "roster_console_login"
    /// The id of a flash message waiting for the next page.
    static let flash = "roster_console_flash"

    static func set(_ name: String, _ value: String, maxAge: Int? = nil) -> String {
        let age = maxAge.map { "; Max-Age=\($0)" } ?? ""
        return "\(name)=\(value); Path=/admin\(age); HttpOnly; Secure; SameSite=Strict"
    }

    static func clear(_ name: String) -> String { set(name, "", maxAge: 0) }

    /// The value of cookie `name` in the request's `Cookie` headers.
    static func value(_ name: String, in headers: HTTPFields) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}
