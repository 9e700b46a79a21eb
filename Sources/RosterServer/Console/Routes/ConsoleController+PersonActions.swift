import Foundation
import Hummingbird
import RosterCore

/// The POST actions of a person's page, each through ``AccountService`` / ``AccessService`` as on the CLI and the
/// admin API: set role, deactivate, reactivate, reset password, delete, transfer ownership, revoke sessions.
extension ConsoleController {
    func registerPersonActions(on console: RouterGroup<ServerContext>) {
        console.post("people/:id/role") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, form in
                guard let role = form.text("role").flatMap(Role.init(rawValue:)) else {
                    throw RosterError(.invalidArgument, "role is guest, member, admin or superuser")
                }
                let account = try await Blocking.run { try accounts.setRole(id.lowercasedText, to: role, by: caller.context) }
                return ConsoleOutcome(.ok("\(account.userName) is now \(account.role)."))
            }
        }
        console.post("people/:id/deactivate") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, _ in
                let account = try await Blocking.run { try accounts.deactivate(id.lowercasedText, by: caller.context) }
                return ConsoleOutcome(.ok("\(account.userName) was deactivated; their sessions and API tokens were revoked."))
            }
        }
        console.post("people/:id/reactivate") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, _ in
                let account = try await Blocking.run { try accounts.reactivate(id.lowercasedText, by: caller.context) }
                return ConsoleOutcome(.ok("\(account.userName) was reactivated."))
            }
        }
        console.post("people/:id/reset-password") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, _ in
                let reset = try await Blocking.run { try accounts.resetPassword(id.lowercasedText, keepSessions: false, by: caller.context) }
                let done = "The password of \(reset.account.userName) was reset (\(reset.revokedSessions) sessions revoked)"
                // As the admin API: mailed when SMTP is configured and the account has an address, else shown once.
                if let email = reset.account.primaryEmail, access.mailer != nil {
                    let delivery = await access.deliver(MailTemplates.passwordReset(to: email, temporaryPassword: reset.temporaryPassword), link: "")
                    if case .failed(let reason) = delivery {
                        var flash = ConsoleFlash.error(done + ", but the mail failed: \(reason). Hand over the temporary password below.")
                        flash.secret = reset.temporaryPassword
                        flash.secretLabel = "Temporary password"
                        return ConsoleOutcome(flash)
                    }
                    return ConsoleOutcome(.ok(done + "; the temporary password was mailed to \(email)."))
                }
                var flash = ConsoleFlash.ok(done + ". Hand over the temporary password; it must be changed at first sign-in.")
                flash.secret = reset.temporaryPassword
                flash.secretLabel = "Temporary password"
                return ConsoleOutcome(flash)
            }
        }
        console.post("people/:id/delete") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, _ in
                let deleted = try await Blocking.run { try accounts.delete(id.lowercasedText, by: caller.context) }
                return ConsoleOutcome(.ok("\(deleted.account.userName) was deleted (\(deleted.sessions) sessions, \(deleted.apiTokens) API tokens)."),
                                      location: "/admin/people")
            }
        }
        console.post("people/:id/transfer") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, form in
                let target = form.text("to") ?? ""
                let moved = try await Blocking.run { try accounts.transfer(from: id.lowercasedText, to: target, by: caller.context) }
                var flash = ConsoleFlash.ok("\(moved.count) resources transferred to \(target).")
                flash.details = moved.map(\.description)
                return ConsoleOutcome(flash)
            }
        }
        console.post("people/:id/sessions/revoke") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/people/\(id.lowercasedText)") { caller, _ in
                let count = try await Blocking.run { try access.revokeSessions(of: id, sessionID: nil, by: caller.context) }
                return ConsoleOutcome(.ok("\(count) sessions revoked."))
            }
        }
    }
}
