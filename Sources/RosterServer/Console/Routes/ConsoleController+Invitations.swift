import Foundation
import Hummingbird
import RosterCore

/// `/admin/invitations`: every invitation with its state, invite, resend, revoke (``AccessService``'s rules).
extension ConsoleController {
    func registerInvitations(on console: RouterGroup<ServerContext>) {
        console.get("invitations") { request, _ in
            try await page(request, title: "Invitations") { caller in
                let access = self.access
                let list = try await Blocking.run { try access.invitations(includeClosed: true, by: caller.context) }
                return InvitationsView.render(list, caller: caller, now: access.accounts.now())
            }
        }
        console.post("invitations") { request, context in
            try await action(request, context, location: "/admin/invitations") { caller, form in
                let role = try form.text("role").map { text -> Role in
                    guard let role = Role(rawValue: text) else { throw RosterError(.invalidArgument, "role is guest, member, admin or superuser") }
                    return role
                }
                let sent = try await access.invite(email: form.text("email") ?? "", userName: form.text("userName"), role: role,
                                                   authMethod: nil, by: caller.context)
                return ConsoleOutcome(Self.deliveryFlash(sent, verb: "Invited"))
            }
        }
        console.post("invitations/:id/resend") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/invitations") { caller, _ in
                ConsoleOutcome(Self.deliveryFlash(try await access.resendInvitation(id: id, by: caller.context), verb: "Resent the invitation of"))
            }
        }
        console.post("invitations/:id/revoke") { request, context in
            let id = try Self.uuid(context)
            return try await action(request, context, location: "/admin/invitations") { caller, _ in
                let revoked = try await Blocking.run { try access.revokeInvitation(id: id, by: caller.context) }
                return ConsoleOutcome(.ok("The invitation of \(revoked.email) was revoked."))
            }
        }
    }

    /// What happened to an invitation's mail; without SMTP the link is shown once for the admin to hand over.
    static func deliveryFlash(_ sent: AccessService.SentInvitation, verb: String) -> ConsoleFlash {
        let email = sent.invitation.email
        switch sent.delivery {
        case .sent:
            return .ok("\(verb) \(email): the invitation was mailed.")
        case .failed(let reason):
            return .error("\(verb) \(email), but the mail failed: \(reason). The invitation stays pending; resend it later.")
        case .notConfigured(let link):
            var flash = ConsoleFlash.ok("\(verb) \(email). No mail is configured: hand over the link below.")
            if !link.isEmpty {
                flash.secret = link
                flash.secretLabel = "Invitation link"
            }
            return flash
        }
    }
}
