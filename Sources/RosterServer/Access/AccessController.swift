import Foundation
import Hummingbird
import RosterCore
import RosterSCIM

/// Self signup, verification, invitation acceptance, login and the self-service routes.
struct AccessController: Sendable {
    let access: AccessService
    let maxBodyBytes: Int

    func register(on router: Router<ServerContext>) {
        let open = router.group().add(middleware: APIErrorMiddleware())
        // Anyone: answers never reveal whether an address has an account.
        open.post("signup") { request, context in
            try access.admit(address: context.remoteAddress)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let outcome = try await access.signup(
                email: try APIResponse.string(body, "email") ?? "", password: try APIResponse.string(body, "password", required: false),
                userName: try APIResponse.string(body, "userName", required: false))
            if case .verificationSent(.failed(let reason)) = outcome {
                context.logger.warning("verification mail not sent", metadata: ["reason": "\(reason)"])
            }
            return APIResponse.json(.accepted, ["status": "If the address may sign up, a verification link is on its way."])
        }
        // GET never changes state (mail scanners prefetch links): it shows a page whose button POSTs the token.
        open.get("signup/verify") { request, _ in
            VerificationPage.confirm(token: request.uri.queryParameters["token"].map(String.init) ?? "")
        }
        open.post("signup/verify") { request, _ in
            if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
                // The page's form: answered with a page.
                let buffer = try await request.body.collect(upTo: maxBodyBytes)
                let token = VerificationPage.formValue("token", in: String(buffer: buffer))
                do {
                    _ = try await access.verifyEmail(token: token ?? "")
                    return VerificationPage.done()
                } catch let error as RosterError where error.code == .tokenNotFound {
                    return VerificationPage.failed()
                }
            }
            return try await verify(try APIResponse.string(try await APIResponse.body(request, limit: maxBodyBytes), "token"))
        }
        // GET (the mailed link) shows a form and changes nothing; its POST accepts.
        open.get("invitations/accept") { request, _ in
            InvitationPage.form(token: request.uri.queryParameters["token"].map(String.init) ?? "")
        }
        open.post("invitations/accept") { request, context in
            try access.admit(address: context.remoteAddress)
            if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
                let form = String(buffer: try await request.body.collect(upTo: maxBodyBytes))
                let userName = VerificationPage.formValue("userName", in: form).flatMap { $0.isEmpty ? nil : $0 }
                do {
                    let account = try await access.acceptInvitation(
                        token: VerificationPage.formValue("token", in: form) ?? "",
                        password: VerificationPage.formValue("password", in: form), userName: userName)
                    return InvitationPage.done(userName: account.userName)
                } catch let error as RosterError where error.code.category != .failure {
                    return InvitationPage.failed(APIResponse.status(for: error), message: error.message)
                }
            }
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let account = try await access.acceptInvitation(
                token: try APIResponse.string(body, "token") ?? "", password: try APIResponse.string(body, "password", required: false),
                userName: try APIResponse.string(body, "userName", required: false))
            return APIResponse.json(.created, ["account": APIResponse.account(account)])
        }
        open.post("auth/login") { request, context in
            try access.admit(address: context.remoteAddress)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let login = try APIResponse.string(body, "userName", required: false) ?? APIResponse.string(body, "email", required: false)
                ?? APIResponse.string(body, "login") ?? ""
            let result = try await access.login(login, password: try APIResponse.string(body, "password") ?? "",
                                                address: context.remoteAddress)
            return APIResponse.json(.ok, session(result))
        }

        let authenticated = router.group().add(middleware: APIErrorMiddleware()).add(middleware: SessionAuthMiddleware(access: access))
        authenticated.post("auth/logout") { _, context in
            try await access.logout(try Self.caller(context))
            return Response(status: .noContent)
        }
        authenticated.post("auth/password") { request, context in
            try access.admit(address: context.remoteAddress)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let result = try await access.changePassword(
                try Self.caller(context), current: try APIResponse.string(body, "currentPassword", required: false),
                new: try APIResponse.string(body, "newPassword") ?? "")
            return APIResponse.json(.ok, session(result))
        }
        authenticated.get("me") { _, context in
            let caller = try Self.caller(context)
            let listing = try await Blocking.run { try access.accounts.show(caller.account.id.lowercasedText, by: caller.context) }
            return APIResponse.json(.ok, APIResponse.account(listing.account, sessions: listing.sessionCount, apiTokens: listing.apiTokenCount))
        }
        authenticated.patch("me") { request, context in
            let caller = try Self.caller(context)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            for key in body.keys where !AdminController.selfEditable.contains(key) {
                throw RosterError(.invalidArgument, "'\(key)' cannot be changed here (displayName, email)")
            }
            let changes = AccountChanges(email: try APIResponse.string(body, "email", required: false),
                                         displayName: try APIResponse.string(body, "displayName", required: false))
            let account = try await Blocking.run { try access.accounts.edit(caller.account.id.lowercasedText, changes, by: caller.context) }
            return APIResponse.json(.ok, APIResponse.account(account))
        }
        authenticated.post("me/api-token") { _, context in
            let issued = try await access.resetPersonalAPIToken(try Self.caller(context))
            return APIResponse.json(.created, ["id": .string(issued.id.lowercasedText), "token": .string(issued.token),
                                               "expiresAt": APIResponse.date(issued.expiresAt ?? Date())])
        }
    }

    private func verify(_ token: String?) async throws -> Response {
        guard let token, !token.isEmpty else { throw RosterError(.invalidArgument, "'token' is required") }
        let account = try await access.verifyEmail(token: token)
        return APIResponse.json(.ok, ["status": "verified", "account": APIResponse.account(account)])
    }

    private func session(_ login: AccessService.Login) -> JSONValue {
        ["token": .string(login.token), "expiresAt": APIResponse.date(login.expiresAt),
         "mustChangePassword": .bool(login.passwordChangeOnly), "account": APIResponse.account(login.account)]
    }

    static func caller(_ context: ServerContext) throws -> AccessService.Authenticated {
        guard let authenticated = context.authenticated else { throw RosterError(.unauthenticated, "not signed in") }
        return authenticated
    }
}
