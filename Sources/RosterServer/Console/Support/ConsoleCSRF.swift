import Foundation
import HTTPTypes
import Hummingbird
import RosterCore

/// CSRF protection of the console. A signed-in form carries `_csrf` = SHA-256 of a per-process random secret and
/// the SHA-256 of the session token, so it is bound to the session and unguessable without the cookie; the login
/// form uses a double-submit pair (a random cookie and the same value in the form). Every POST from another site
/// (`Sec-Fetch-Site`, or an `Origin` that is not this server) is refused as well.
struct ConsoleCSRF: Sendable {
    let secrets: any SecretGenerator
    /// Random per process: tokens of forms rendered before a restart stop working (the page is reloaded).
    let secret: String

    init(secrets: any SecretGenerator) {
        self.secrets = secrets
        secret = secrets.token()
    }

    /// The form token of a session (given its token).
    func token(forSession sessionToken: String) -> String {
        let sessionHash = Self.hex(secrets.tokenHash(sessionToken))
        return Self.hex(secrets.tokenHash("roster-console-csrf:\(secret):\(sessionHash)"))
    }

    func valid(_ submitted: String?, forSession sessionToken: String) -> Bool {
        guard let submitted else { return false }
        return Self.constantTimeEqual(submitted, token(forSession: sessionToken))
    }

    /// The login form's pair: the cookie value and the field must be equal and non-empty.
    static func validDoubleSubmit(cookie: String?, field: String?) -> Bool {
        guard let cookie, let field, cookie.count >= 32 else { return false }
        return constantTimeEqual(cookie, field)
    }

    /// False when the request comes from another site: a `Sec-Fetch-Site` other than `same-origin` (or `none`, typed
    /// by the user), or an `Origin` naming another host than the one the request was sent to (HTTP/1's `Host`, which
    /// HTTPTypes carries as the request's authority). `Origin: null` is what browsers send for a same-origin form POST
    /// under `Referrer-Policy: no-referrer`, so it proves nothing either way and the CSRF token decides.
    static func sameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(), site != "same-origin", site != "none" {
            return false
        }
        guard let origin = request.headers[.origin], origin != "null" else { return true }
        guard let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!],
              let url = URL(string: origin), let originHost = url.host else { return false }
        let port = url.port.map { ":\($0)" } ?? ""
        return (originHost + port).lowercased() == host.lowercased()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
