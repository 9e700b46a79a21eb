import Foundation
import HTTPTypes
import Hummingbird

/// The HTML of the verification link: `GET` shows a confirm button (a plain form POSTing the token back; no
/// script), so that a mail scanner prefetching the link changes nothing; the POST answers with a short page.
/// Pages are served with a CSP that allows no script, style or frame, and without a referrer (the URL holds the token).
enum VerificationPage {
    static func confirm(token: String) -> Response {
        page(.ok, title: "Confirm your address", body: """
            <p>Confirm that this address is yours to activate your account.</p>
            <form method="post" action="/signup/verify">
            <input type="hidden" name="token" value="\(escape(token))">
            <button type="submit">Confirm my address</button>
            </form>
            """)
    }

    static func done() -> Response {
        page(.ok, title: "Address confirmed", body: "<p>Your address is confirmed and your account is active. You can sign in now.</p>")
    }

    static func failed() -> Response {
        page(.notFound, title: "Link not valid", body: "<p>This link is unknown, already used or expired.</p>")
    }

    /// A value of an `application/x-www-form-urlencoded` body.
    static func formValue(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.first == name { return parts.count > 1 ? parts[1] : "" }
        }
        return nil
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func page(_ status: HTTPResponse.Status, title: String, body: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body><h1>\(title)</h1>
            \(body)
            </body></html>
            """
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("Cache-Control")!] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The page of an invitation link: `GET` shows a form (the token hidden, a password and an optional userName) that
/// POSTs back; nothing changes until that POST. Same headers as ``VerificationPage``.
enum InvitationPage {
    static func form(token: String) -> Response {
        VerificationPage.page(.ok, title: "Accept your invitation", body: """
            <form method="post" action="/invitations/accept">
            <input type="hidden" name="token" value="\(VerificationPage.escape(token))">
            <p><label>Password <input type="password" name="password" autocomplete="new-password"></label></p>
            <p><label>userName (optional) <input type="text" name="userName" autocomplete="username"></label></p>
            <button type="submit">Create my account</button>
            </form>
            """)
    }

    static func done(userName: String) -> Response {
        VerificationPage.page(.created, title: "Account created",
                              body: "<p>Your account '\(VerificationPage.escape(userName))' is ready. You can sign in now.</p>")
    }

    static func failed(_ status: HTTPResponse.Status, message: String) -> Response {
        VerificationPage.page(status, title: "The invitation could not be accepted",
                              body: "<p>\(VerificationPage.escape(message))</p>")
    }
}
