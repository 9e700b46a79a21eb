import Foundation
import Hummingbird
import RosterCore

/// Sign in, sign out and the change of a temporary password.
extension ConsoleController {
    func registerLogin(on console: RouterGroup<ServerContext>) {
        console.get("login") { request, _ in
            loginForm(request)
        }
        console.post("login") { request, context in
            guard ConsoleCSRF.sameOrigin(request) else { throw ConsoleError.csrf() }
            let form = ConsoleForm(String(buffer: try await request.body.collect(upTo: Self.maxFormBytes)))
            guard ConsoleCSRF.validDoubleSubmit(cookie: ConsoleCookies.value(ConsoleCookies.loginCSRF, in: request.headers),
                                                field: form["_csrf"]) else { throw ConsoleError.csrf() }
            let login: AccessService.Login
            do {
                // The same login as POST /auth/login: rate limit per address, lockout, timing.
                try access.admit(address: context.remoteAddress)
                login = try await access.login(form.text("user") ?? "", password: form["password"] ?? "", address: context.remoteAddress)
            } catch let error as RosterError {
                return loginForm(request, status: .unauthorized, user: form.text("user"), flash: .error(error.message))
            } catch is AccessService.Locked {
                return loginForm(request, status: .tooManyRequests, user: form.text("user"),
                                 flash: .error("Too many failed logins; try again later."))
            } catch is AttemptLimiter.Limited {
                return loginForm(request, status: .tooManyRequests, user: form.text("user"),
                                 flash: .error("Too many requests from this address; try again later."))
            } catch is HashingLimiter.Busy {
                return loginForm(request, status: .serviceUnavailable, user: form.text("user"),
                                 flash: .error("The server is busy; try again shortly."))
            }
            guard login.account.role >= .admin else {
                // Not for the console: the session just opened is closed again, and nothing is shown.
                if let authenticated = try? await access.authenticate(token: login.token) {
                    try? await access.logout(authenticated)
                }
                throw ConsoleError.forbidden()
            }
            let cookies = [ConsoleCookies.set(ConsoleCookies.session, login.token), ConsoleCookies.clear(ConsoleCookies.loginCSRF)]
            return ConsoleResponse.redirect(login.passwordChangeOnly ? "/admin/password" : "/admin/people", cookies: cookies)
        }
        console.post("logout") { request, _ in
            guard ConsoleCSRF.sameOrigin(request) else { throw ConsoleError.csrf() }
            let caller: ConsoleCaller
            do {
                caller = try await self.caller(request, allowPasswordChange: true)
            } catch let error as ConsoleError where error.code == .notSignedIn || error.code == .forbidden {
                return ConsoleResponse.redirect("/admin/login", cookies: [ConsoleCookies.clear(ConsoleCookies.session)])
            }
            let form = ConsoleForm(String(buffer: try await request.body.collect(upTo: Self.maxFormBytes)))
            guard csrf.valid(form["_csrf"], forSession: caller.sessionToken) else { throw ConsoleError.csrf() }
            try await access.logout(caller.authenticated)
            return ConsoleResponse.redirect("/admin/login", cookies: [ConsoleCookies.clear(ConsoleCookies.session)])
        }
        console.get("password") { request, _ in
            let caller = try await caller(request, allowPasswordChange: true)
            let (flash, cookies) = takeFlash(request, owner: owner(caller.sessionToken))
            return ConsoleResponse.html(.ok, pages.page(title: "Change your password", viewer: caller.viewer, flash: flash,
                                                        body: PasswordView.render(caller)), cookies: cookies)
        }
        console.post("password") { request, context in
            guard ConsoleCSRF.sameOrigin(request) else { throw ConsoleError.csrf() }
            let caller = try await caller(request, allowPasswordChange: true)
            let form = ConsoleForm(String(buffer: try await request.body.collect(upTo: Self.maxFormBytes)))
            guard csrf.valid(form["_csrf"], forSession: caller.sessionToken) else { throw ConsoleError.csrf() }
            let failure: ConsoleFlash
            do {
                guard form["new-password"] == form["confirm-password"] else {
                    throw RosterError(.invalidArgument, "the two new passwords differ")
                }
                try access.admit(address: context.remoteAddress)
                let login = try await access.changePassword(caller.authenticated, current: caller.authenticated.passwordChangeOnly ? nil : form["current-password"],
                                                            new: form["new-password"] ?? "")
                // Every session ended with the change; the console continues on the fresh one.
                return ConsoleResponse.redirect("/admin/people", cookies: [
                    ConsoleCookies.set(ConsoleCookies.session, login.token),
                    flashCookie(.ok("Your password was changed; your other sessions and API tokens were ended."), owner: owner(login.token)),
                ])
            } catch let error as RosterError {
                failure = .error(error.message, details: error.details)
            } catch is AttemptLimiter.Limited {
                failure = .error("Too many requests from this address; try again later.")
            } catch is HashingLimiter.Busy {
                failure = .error("The server is busy; try again shortly.")
            }
            return ConsoleResponse.redirect("/admin/password", cookies: [flashCookie(failure, owner: owner(caller.sessionToken))])
        }
    }

    /// The login form with a fresh (or the current) double-submit CSRF value.
    func loginForm(_ request: Request, status: HTTPResponse.Status = .ok, user: String? = nil, flash: ConsoleFlash? = nil) -> Response {
        let existing = ConsoleCookies.value(ConsoleCookies.loginCSRF, in: request.headers).flatMap { $0.count >= 32 ? $0 : nil }
        let token = existing ?? access.accounts.secrets.token()
        let html = pages.page(title: "Sign in", viewer: nil, flash: flash, body: LoginView.render(csrf: token, user: user))
        return ConsoleResponse.html(status, html, cookies: [ConsoleCookies.set(ConsoleCookies.loginCSRF, token, maxAge: 3600)])
    }
}
