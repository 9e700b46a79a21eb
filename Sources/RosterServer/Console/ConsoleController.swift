import Foundation
import HTTPTypes
import Hummingbird
import RosterCore
import RosterRuntime
import RosterStore

/// The admin console under `/admin`: server-rendered pages over the same services as the CLI and the admin API
/// (``AccountService`` and its write path, ``AccessService``), signed in with a Roster session in an HttpOnly cookie.
/// Only admins and superusers get past the sign-in; every state change is a POST with a CSRF token, answered with
/// a 303 to a page that shows the outcome (`docs/admin-console.md`).
struct ConsoleController: Sendable {
    let access: AccessService
    let store: SQLiteAccountStore
    let settings: ServerSettings
    let csrf: ConsoleCSRF
    let flashes = ConsoleFlashes()
    let pages = ConsolePages()
    let registry: SCIMClientRegistry

    static let maxFormBytes = 65_536

    init(access: AccessService, store: SQLiteAccountStore, settings: ServerSettings) {
        self.access = access
        self.store = store
        self.settings = settings
        csrf = ConsoleCSRF(secrets: access.accounts.secrets)
        registry = SCIMClientRegistry(store: store)
    }

    var accounts: AccountService { access.accounts }

    func register(on router: Router<ServerContext>) {
        let console = router.group("admin").add(middleware: ConsoleHeadersMiddleware(pages: pages))
        router.get("admin") { _, _ -> Response in
            var response = ConsoleResponse.redirect("/admin/people")
            ConsoleHeadersMiddleware.secure(&response)
            return response
        }
        console.get("assets/console.css") { _, _ in ConsoleResponse.asset(ConsoleAssets.css, contentType: "text/css; charset=utf-8") }
        console.get("assets/console.js") { _, _ in
            ConsoleResponse.asset(ConsoleAssets.js, contentType: "text/javascript; charset=utf-8")
        }
        registerLogin(on: console)
        registerPeople(on: console)
        registerPersonActions(on: console)
        registerInvitations(on: console)
        registerDomains(on: console)
        registerSCIMClients(on: console)
        registerSync(on: console)
        registerAudit(on: console)
        // Anything else under /admin: the console's 404 page, with its headers.
        console.get("**") { _, _ -> Response in throw ConsoleError.notFound() }
    }
}

/// A signed-in admin: the account, its session token (the cookie) and the CSRF token of its forms.
struct ConsoleCaller: Sendable {
    var authenticated: AccessService.Authenticated
    var sessionToken: String
    var csrf: String

    var account: Account { authenticated.account }
    /// Changes from the console are audited `via console`.
    var context: ActingContext { ActingContext(actor: .account(account.id), via: "console") }
    var viewer: ConsolePages.Viewer { ConsolePages.Viewer(userName: account.userName, role: account.role, csrf: csrf) }
}

/// What an action leads to: the message of the next page, and where to go (nil: the page given by the route).
struct ConsoleOutcome: Sendable {
    var flash: ConsoleFlash
    var location: String?

    init(_ flash: ConsoleFlash, location: String? = nil) {
        self.flash = flash
        self.location = location
    }
}

extension ConsoleController {
    /// The signed-in admin of a request: a session (not an API token) of an active admin or superuser.
    func caller(_ request: Request, allowPasswordChange: Bool = false) async throws -> ConsoleCaller {
        guard let token = ConsoleCookies.value(ConsoleCookies.session, in: request.headers), !token.isEmpty else {
            throw ConsoleError.notSignedIn()
        }
        let authenticated: AccessService.Authenticated
        do {
            authenticated = try await access.authenticate(token: token)
        } catch let error as RosterError where error.code == .unauthenticated {
            throw ConsoleError.notSignedIn()
        }
        guard authenticated.session != nil else { throw ConsoleError.notSignedIn() }
        guard authenticated.account.role >= .admin else { throw ConsoleError.forbidden() }
        if authenticated.passwordChangeOnly, !allowPasswordChange { throw ConsoleError.passwordChangeRequired() }
        return ConsoleCaller(authenticated: authenticated, sessionToken: token, csrf: csrf.token(forSession: token))
    }

    /// The flash waiting for this session, and the cookie that clears its id.
    func takeFlash(_ request: Request, owner: String) -> (ConsoleFlash?, [String]) {
        guard let id = ConsoleCookies.value(ConsoleCookies.flash, in: request.headers), !id.isEmpty else { return (nil, []) }
        return (flashes.take(id, owner: owner), [ConsoleCookies.clear(ConsoleCookies.flash)])
    }

    /// Stores `flash` for the next page of `owner` and returns the cookie carrying its id.
    func flashCookie(_ flash: ConsoleFlash, owner: String) -> String {
        let id = access.accounts.secrets.token()
        flashes.put(flash, owner: owner, id: id)
        return ConsoleCookies.set(ConsoleCookies.flash, id, maxAge: 60)
    }

    /// Flashes are bound to the session that made them (by its token's hash).
    func owner(_ sessionToken: String) -> String { ConsoleCSRF.hex(access.accounts.secrets.tokenHash(sessionToken)) }

    /// A signed-in GET page: the caller, the waiting flash, and the page rendered with both.
    func page(_ request: Request, title: String, _ body: (ConsoleCaller) async throws -> String) async throws -> Response {
        try await titledPage(request) { (title, try await body($0)) }
    }

    /// The same for a page whose title comes from what it shows.
    func titledPage(_ request: Request, _ body: (ConsoleCaller) async throws -> (title: String, body: String)) async throws -> Response {
        let caller = try await caller(request)
        let content = try await body(caller)
        // Taken only once the page is ready: a page that fails (404) leaves the flash for the next one.
        let (flash, cookies) = takeFlash(request, owner: owner(caller.sessionToken))
        return ConsoleResponse.html(.ok, pages.page(title: content.title, viewer: caller.viewer, flash: flash, body: content.body),
                                    cookies: cookies)
    }

    /// A state-changing POST: same origin, signed in, CSRF token valid; then `body`, whose refusal (a
    /// ``RosterError``) becomes an error flash. Always answered with a 303 (to `location`, or the outcome's).
    func action(_ request: Request, _ context: ServerContext, location: String, allowPasswordChange: Bool = false,
                _ body: @Sendable (ConsoleCaller, ConsoleForm) async throws -> ConsoleOutcome) async throws -> Response {
        guard ConsoleCSRF.sameOrigin(request) else { throw ConsoleError.csrf() }
        let caller = try await caller(request, allowPasswordChange: allowPasswordChange)
        let form = ConsoleForm(String(buffer: try await request.body.collect(upTo: Self.maxFormBytes)))
        guard csrf.valid(form["_csrf"], forSession: caller.sessionToken) else { throw ConsoleError.csrf() }
        let outcome: ConsoleOutcome
        do {
            outcome = try await body(caller, form)
        } catch let error as RosterError {
            outcome = ConsoleOutcome(.error(error.message, details: error.details))
        } catch is AccessService.Locked {
            outcome = ConsoleOutcome(.error("Too many failed attempts; try again later."))
        } catch is AttemptLimiter.Limited {
            outcome = ConsoleOutcome(.error("Too many requests from this address; try again later."))
        } catch is HashingLimiter.Busy {
            outcome = ConsoleOutcome(.error("The server is busy; try again shortly."))
        }
        return ConsoleResponse.redirect(outcome.location ?? location,
                                        cookies: [flashCookie(outcome.flash, owner: owner(caller.sessionToken))])
    }

    /// The `:name` path parameter as an id (404 otherwise).
    static func uuid(_ context: ServerContext, _ name: String = "id") throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else { throw ConsoleError.notFound() }
        return id
    }

    /// A query parameter, trimmed; nil when absent or empty. Decoded as a browser's GET form encodes it (`+` is a
    /// space, then percent-decoding), which Hummingbird's `queryParameters` does not do for `+`.
    static func query(_ request: Request, _ name: String) -> String? {
        ConsoleForm(request.uri.query ?? "").text(name)
    }
}
