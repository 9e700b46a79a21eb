import Foundation
import Hummingbird
import RosterCore
import RosterSCIM

/// `/api/admin/…`: the admin panel's API (admin guide 004). Every call acts as the authenticated account
/// (`via api`), so the rules of the foundation hold: admin role for administration, superuser for superusers,
/// nobody deletes or deactivates themselves, the last superuser stays, owned resources block deletion.
struct AdminController: Sendable {
    let access: AccessService
    let maxBodyBytes: Int

    var accounts: AccountService { access.accounts }

    func register(on router: Router<ServerContext>) {
        let admin = router.group("api/admin").add(middleware: APIErrorMiddleware()).add(middleware: SessionAuthMiddleware(access: access))
        admin.get("users") { request, context in
            let caller = try AccessController.caller(context)
            try Self.requireAdmin(caller)
            let includeInactive = request.uri.queryParameters["includeInactive"].map { $0 == "true" || $0 == "1" } ?? true
            let listings = try await Blocking.run { try accounts.list(includeInactive: includeInactive, by: caller.context) }
            return APIResponse.json(.ok, ["users": .array(listings.map {
                APIResponse.account($0.account, sessions: $0.sessionCount, apiTokens: $0.apiTokenCount)
            })])
        }
        admin.post("users") { request, context in
            let caller = try AccessController.caller(context)
            try Self.requireAdmin(caller)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let request = NewAccount(
                email: try APIResponse.string(body, "email", required: false), userName: try APIResponse.string(body, "userName", required: false),
                displayName: try APIResponse.string(body, "displayName", required: false),
                role: try APIResponse.string(body, "role", required: false).map(Self.role),
                authMethod: try APIResponse.string(body, "authMethod", required: false).map(Self.method))
            let created = try await Blocking.run { try accounts.create(request, by: caller.context) }
            var value: [String: JSONValue] = ["account": APIResponse.account(created.account)]
            if let temporary = created.temporaryPassword { value["temporaryPassword"] = .string(temporary) }
            return APIResponse.json(.created, .object(value))
        }
        admin.get("users/:id") { _, context in
            let (caller, id) = try Self.target(context)
            let listing = try await Blocking.run { try accounts.show(id, by: caller.context) }
            return APIResponse.json(.ok, APIResponse.account(listing.account, sessions: listing.sessionCount, apiTokens: listing.apiTokenCount))
        }
        admin.patch("users/:id") { request, context in
            let (caller, id) = try Self.target(context)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            // Oneself (also an admin): the same allow-list as PATCH /me.
            if try await resolve(id, caller) == caller.account.id {
                for key in body.keys where !Self.selfEditable.contains(key) {
                    throw RosterError(.invalidArgument, "'\(key)' cannot be changed on one's own account (displayName, email)")
                }
            }
            let changes = AccountChanges(
                userName: try APIResponse.string(body, "userName", required: false), email: try APIResponse.string(body, "email", required: false),
                displayName: try APIResponse.string(body, "displayName", required: false),
                givenName: try APIResponse.string(body, "givenName", required: false),
                familyName: try APIResponse.string(body, "familyName", required: false))
            let account = try await Blocking.run { try accounts.edit(id, changes, by: caller.context) }
            return APIResponse.json(.ok, APIResponse.account(account))
        }
        admin.delete("users/:id") { _, context in
            let (caller, id) = try Self.target(context)
            let deleted = try await Blocking.run { try accounts.delete(id, by: caller.context) }
            return APIResponse.json(.ok, ["account": APIResponse.account(deleted.account), "deletedSessions": .number(Double(deleted.sessions)),
                                          "deletedAPITokens": .number(Double(deleted.apiTokens))])
        }
        admin.post("users/:id/role") { request, context in
            let (caller, id) = try Self.target(context)
            let role = try Self.role(try APIResponse.string(try await APIResponse.body(request, limit: maxBodyBytes), "role") ?? "")
            let account = try await Blocking.run { try accounts.setRole(id, to: role, by: caller.context) }
            return APIResponse.json(.ok, APIResponse.account(account))
        }
        admin.post("users/:id/reset-password") { _, context in
            let (caller, id) = try Self.target(context)
            let reset = try await Blocking.run { try accounts.resetPassword(id, keepSessions: false, by: caller.context) }
            var value: [String: JSONValue] = ["account": APIResponse.account(reset.account), "revokedSessions": .number(Double(reset.revokedSessions))]
            // Mailed when SMTP is configured and the account has an address; otherwise shown once for the admin to hand over.
            if let email = reset.account.primaryEmail, access.mailer != nil {
                let delivery = await access.deliver(MailTemplates.passwordReset(to: email, temporaryPassword: reset.temporaryPassword), link: "")
                value["mail"] = APIResponse.delivery(delivery)
                if case .failed = delivery { value["temporaryPassword"] = .string(reset.temporaryPassword) }
            } else {
                value["temporaryPassword"] = .string(reset.temporaryPassword)
            }
            return APIResponse.json(.ok, .object(value))
        }
        admin.post("users/:id/deactivate") { _, context in
            let (caller, id) = try Self.target(context)
            return APIResponse.json(.ok, APIResponse.account(try await Blocking.run { try accounts.deactivate(id, by: caller.context) }))
        }
        admin.post("users/:id/reactivate") { _, context in
            let (caller, id) = try Self.target(context)
            return APIResponse.json(.ok, APIResponse.account(try await Blocking.run { try accounts.reactivate(id, by: caller.context) }))
        }
        admin.post("users/:id/transfer") { request, context in
            let (caller, id) = try Self.target(context)
            let to = try APIResponse.string(try await APIResponse.body(request, limit: maxBodyBytes), "to") ?? ""
            let moved = try await Blocking.run { try accounts.transfer(from: id, to: to, by: caller.context) }
            return APIResponse.json(.ok, ["transferred": .array(moved.map { .string($0.description) })])
        }
        admin.get("users/:id/sessions") { _, context in
            let (caller, id) = try Self.target(context)
            let accountID = try await resolve(id, caller)
            let sessions = try await Blocking.run { try access.sessions(of: accountID, by: caller.context) }
            return APIResponse.json(.ok, ["sessions": .array(sessions.map { session in
                ["id": .string(session.id.lowercasedText), "createdAt": APIResponse.date(session.createdAt),
                 "expiresAt": APIResponse.date(session.expiresAt), "passwordChangeOnly": .bool(session.passwordChangeOnly)]
            })])
        }
        admin.delete("users/:id/sessions") { _, context in
            let (caller, id) = try Self.target(context)
            let accountID = try await resolve(id, caller)
            let count = try await Blocking.run { try access.revokeSessions(of: accountID, sessionID: nil, by: caller.context) }
            return APIResponse.json(.ok, ["revoked": .number(Double(count))])
        }
        admin.delete("users/:id/sessions/:session") { _, context in
            let (caller, id) = try Self.target(context)
            guard let sessionID = UUID(uuidString: try context.parameters.require("session")) else {
                throw RosterError(.resourceNotFound, "no such session")
            }
            let accountID = try await resolve(id, caller)
            let count = try await Blocking.run { try access.revokeSessions(of: accountID, sessionID: sessionID, by: caller.context) }
            return APIResponse.json(.ok, ["revoked": .number(Double(count))])
        }

        admin.get("invitations") { request, context in
            let caller = try AccessController.caller(context)
            let all = request.uri.queryParameters["all"].map { $0 == "true" || $0 == "1" } ?? false
            let list = try await Blocking.run { try access.invitations(includeClosed: all, by: caller.context) }
            let now = Date()
            return APIResponse.json(.ok, ["invitations": .array(list.map { APIResponse.invitation($0, now: now) })])
        }
        admin.post("invitations") { request, context in
            let caller = try AccessController.caller(context)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let sent = try await access.invite(
                email: try APIResponse.string(body, "email") ?? "", userName: try APIResponse.string(body, "userName", required: false),
                role: try APIResponse.string(body, "role", required: false).map(Self.role),
                authMethod: try APIResponse.string(body, "authMethod", required: false).map(Self.method), by: caller.context)
            return APIResponse.json(.created, ["invitation": APIResponse.invitation(sent.invitation, now: Date()),
                                               "delivery": APIResponse.delivery(sent.delivery)])
        }
        admin.post("invitations/:id/resend") { _, context in
            let caller = try AccessController.caller(context)
            let sent = try await access.resendInvitation(id: try Self.uuid(context, "id"), by: caller.context)
            return APIResponse.json(.ok, ["invitation": APIResponse.invitation(sent.invitation, now: Date()),
                                          "delivery": APIResponse.delivery(sent.delivery)])
        }
        admin.delete("invitations/:id") { _, context in
            let caller = try AccessController.caller(context)
            let id = try Self.uuid(context, "id")
            let revoked = try await Blocking.run { try access.revokeInvitation(id: id, by: caller.context) }
            return APIResponse.json(.ok, ["invitation": APIResponse.invitation(revoked, now: Date())])
        }

        admin.get("domains") { _, context in
            let caller = try AccessController.caller(context)
            try await Blocking.run { try Self.requireAdmin(caller) }
            let domains = try await Blocking.run { try access.signupDomains() }
            return APIResponse.json(.ok, ["enabled": .bool(access.settings.signupEnabled), "domains": .array(domains.map(APIResponse.domain))])
        }
        admin.post("domains") { request, context in
            let caller = try AccessController.caller(context)
            let body = try await APIResponse.body(request, limit: maxBodyBytes)
            let include: Bool
            switch body["includeSubdomains"] {
            case .bool(let flag)?: include = flag
            case nil: include = false
            default: throw RosterError(.invalidArgument, "'includeSubdomains' must be a boolean")
            }
            let domain = try await Blocking.run {
                try access.addSignupDomain(
                    try APIResponse.string(body, "domain") ?? "",
                    authMethod: try APIResponse.string(body, "authMethod", required: false).map(Self.method) ?? .password,
                    role: try APIResponse.string(body, "role", required: false).map(Self.role) ?? .guest,
                    includeSubdomains: include, by: caller.context)
            }
            return APIResponse.json(.created, APIResponse.domain(domain))
        }
        admin.delete("domains/:domain") { _, context in
            let caller = try AccessController.caller(context)
            let domain = try context.parameters.require("domain")
            try await Blocking.run { try access.removeSignupDomain(domain, by: caller.context) }
            return Response(status: .noContent)
        }
    }

    private func resolve(_ reference: String, _ caller: AccessService.Authenticated) async throws -> UUID {
        try await Blocking.run { try accounts.show(reference, by: caller.context).account.id }
    }

    static func requireAdmin(_ caller: AccessService.Authenticated) throws {
        guard caller.account.role >= .admin else { throw RosterError(.insufficientRole, "this needs an admin") }
    }

    /// The caller and the `{id}` of a `users/{id}` route, authorized **before** any lookup: an admin may name
    /// anyone, anyone else only themselves, so a non-admin gets the same 403 whether or not the target exists.
    static func target(_ context: ServerContext) throws -> (AccessService.Authenticated, String) {
        let caller = try AccessController.caller(context)
        let reference = try context.parameters.require("id")
        guard caller.account.role >= .admin || names(caller.account, reference) else {
            throw RosterError(.insufficientRole, "this needs an admin")
        }
        return (caller, reference)
    }

    /// Whether `reference` (an id, userName or email, as on the CLI) names `account`, without reading the store.
    static func names(_ account: Account, _ reference: String) -> Bool {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: trimmed) { return id == account.id }
        if trimmed.contains("@") {
            let key = EmailPolicy.key(for: trimmed)
            return account.emails.contains { EmailPolicy.key(for: $0.value) == key }
        }
        return UserNamePolicy.key(for: trimmed) == UserNamePolicy.key(for: account.userName)
    }

    /// What `PATCH /me` may change; an account editing itself through `PATCH /api/admin/users/{id}` is held to it.
    static let selfEditable: Set<String> = ["displayName", "email"]

    static func uuid(_ context: ServerContext, _ name: String) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require(name)) else {
            throw RosterError(.invitationNotFound, "no invitation has this id")
        }
        return id
    }

    static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else { throw RosterError(.invalidArgument, "role is guest, member, admin or superuser") }
        return role
    }

    static func method(_ text: String) throws -> AuthMethod {
        guard let method = AuthMethod(rawValue: text) else { throw RosterError(.invalidArgument, "authMethod is password, pam, saml or ldap") }
        return method
    }
}
