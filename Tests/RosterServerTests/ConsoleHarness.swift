import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RosterRuntime
import RosterCore
import RosterServer
import Synchronization
import Testing

/// A browser of the console for the in-process application: a cookie jar, form posts, redirects not followed
/// (each test sees the 303 and its `Location`), and the CSRF token read from the page as a browser's form would.
final class ConsoleBrowser: Sendable {
    let client: any TestClientProtocol
    private let jar = Mutex<[String: String]>([:])

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page: Sendable {
        var status: Int
        var headers: HTTPFields
        var html: String
        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }

        /// The value of the first hidden `_csrf` field.
        var csrf: String? { capture(#"name="_csrf" value="([^"]*)""#) }

        /// The first capture group of `pattern` in the page.
        func capture(_ pattern: String) -> String? {
            guard let regex = try? Regex(pattern), let match = html.firstMatch(of: regex), match.count > 1,
                  let value = match[1].substring else { return nil }
            return String(value)
        }

        /// Whether an element with this id is on the page.
        func has(id: String) -> Bool { html.contains("id=\"\(id)\"") }
    }

    var cookies: [String: String] { jar.withLock { $0 } }

    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil, headers: [:])
    }

    /// A form POST (`application/x-www-form-urlencoded`).
    func post(_ path: String, _ fields: [String: String], headers extra: HTTPFields = [:]) async throws -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(.post, path, body: body, headers: headers)
    }

    /// GETs `path`, and follows 303s (at most 5) like a browser.
    func open(_ path: String) async throws -> Page {
        var page = try await get(path)
        var hops = 0
        while page.status == 303, let location = page.location, hops < 5 {
            page = try await get(location)
            hops += 1
        }
        return page
    }

    /// POSTs a form of the page at `pagePath` (its CSRF token added), then follows the redirect.
    func submit(_ action: String, on pagePath: String, _ fields: [String: String] = [:]) async throws -> (post: Page, next: Page) {
        let page = try await get(pagePath)
        var fields = fields
        fields["_csrf"] = try #require(page.csrf, "no CSRF field on \(pagePath)")
        let post = try await post(action, fields)
        let next = post.status == 303 ? try await open(try #require(post.location)) : post
        return (post, next)
    }

    /// Signs in through the login form; returns the answer to the POST.
    @discardableResult
    func signIn(_ user: String, password: String = "correct horse battery") async throws -> Page {
        let form = try await get("/admin/login")
        let csrf = try #require(form.csrf, "no CSRF field on the login form")
        return try await post("/admin/login", ["_csrf": csrf, "user": user, "password": password])
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: String?, headers extra: HTTPFields) async throws -> Page {
        var headers = extra
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        let page = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Page(status: Int(response.status.code), headers: response.headers, html: String(buffer: response.body))
        }
        store(page.setCookies)
        return page
    }

    private func store(_ setCookies: [String]) {
        jar.withLock { jar in
            for header in setCookies {
                let attributes = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
                if attributes.contains("Max-Age=0") || value.isEmpty { jar[name] = nil } else { jar[name] = value }
            }
        }
    }
}

extension AccessHarness {
    /// Runs `body` with a console browser of the application (in process).
    func console(_ body: @Sendable (ConsoleBrowser) async throws -> Void) async throws {
        try await run { client in
            try await body(ConsoleBrowser(client.client))
        }
    }

    /// The same over a real HTTP/1 connection to the server on a port it picked (headers as a browser's arrive:
    /// `Host` becomes the request's authority).
    func liveConsole(_ body: @Sendable (ConsoleBrowser) async throws -> Void) async throws {
        var settings = ServerSettings()
        settings.port = 0
        let app = try RosterServer.buildApplication(
            store: store, service: SCIMServiceFactory.service(roster: test.roster, settings: settings.scim), access: access,
            settings: settings, tokenHash: { _ in Data() }, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.test(.live) { client in
            try await body(ConsoleBrowser(client))
        }
    }

    /// An account's current state in the store.
    func stored(_ userName: String) throws -> Account {
        try #require(try store.read { try $0.account(userNameKey: UserNamePolicy.key(for: userName)) })
    }

    /// Row counts of what console actions change (accounts, emails, sessions, tokens, invitations, domains, audit).
    func fingerprint() throws -> [Int] {
        try store.pool.read { db in
            try ["account", "account_email", "session", "api_token", "invitation", "signup_domain", "audit_event", "scim_client"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0
            } + [try Int.fetchOne(db, sql: "SELECT sum(version) FROM account") ?? 0]
        }
    }
}
