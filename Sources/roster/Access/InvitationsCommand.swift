import ArgumentParser
import Foundation
import RosterCore

/// `roster invitations …`: invitations by email. Without SMTP the link is printed for the admin to hand over.
struct InvitationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitations", abstract: "Create, list, resend and revoke invitations.",
        subcommands: [InvitationsCreate.self, InvitationsList.self, InvitationsResend.self, InvitationsRevoke.self])
}

/// Prints what happened to the mail; the link (when not mailed) alone on the last line.
private func report(_ sent: AccessService.SentInvitation) throws {
    print("Invitation \(sent.invitation.id.lowercasedText) for \(sent.invitation.email) (\(sent.invitation.role)), "
          + "expires \(Output.date(sent.invitation.expiresAt)).")
    switch sent.delivery {
    case .sent:
        print("Mailed.")
    case .failed(let reason):
        print("The mail could not be sent: \(reason). The invitation stays pending; 'roster invitations resend \(sent.invitation.id.lowercasedText)' tries again.")
        throw CommandFailure(status: ExitStatus.failure, message: "")
    case .notConfigured(let link) where link.isEmpty:
        // Links go to the operator and admins only (InvitationPolicy.mayReceiveLinks).
        print("No SMTP is configured: an admin can resend the invitation to get its link.")
    case .notConfigured(let link):
        print("No SMTP is configured: hand this link over yourself:")
        print(link)
    }
}

struct InvitationsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Invite someone by email.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The invitee's address.") var email: String
    @Option(help: "Their userName (default: from the email).") var username: String?
    @Option(help: "guest, member, admin or superuser (default: users.defaultRole).") var role: String?
    @Option(help: "password, pam or saml (default: users.defaultAuthMethod).") var authMethod: String?

    func run() async throws {
        let context = try CLIContext.load(global)
        let role = try role.map { text -> Role in
            guard let role = Role(rawValue: text) else { throw ValidationError("--role is guest, member, admin or superuser") }
            return role
        }
        let method = try authMethod.map { text -> AuthMethod in
            guard let method = AuthMethod(rawValue: text) else { throw ValidationError("--auth-method is password, pam or saml") }
            return method
        }
        try report(try await context.roster.access.invite(email: email, userName: username, role: role, authMethod: method,
                                                          by: context.acting))
    }
}

struct InvitationsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Pending invitations with their expiry.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include accepted, revoked and expired ones.") var all = false

    func run() throws {
        let context = try CLIContext.load(global)
        let now = Date()
        let list = try context.roster.access.invitations(includeClosed: all, by: context.acting)
        Output.table(["ID", "EMAIL", "ROLE", "STATE", "EXPIRES", "SENT", "LAST ERROR"], list.map {
            [$0.id.lowercasedText, $0.email, $0.role.rawValue, $0.state(at: now).rawValue, Output.date($0.expiresAt),
             String($0.sendCount), $0.lastSendError ?? "-"]
        })
    }
}

struct InvitationsResend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resend", abstract: "Send again with a new link (the old one stops working).")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() async throws {
        let context = try CLIContext.load(global)
        guard let uuid = UUID(uuidString: id) else { throw RosterError(.invitationNotFound, "no invitation has this id") }
        try report(try await context.roster.access.resendInvitation(id: uuid, by: context.acting))
    }
}

struct InvitationsRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a pending invitation.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func run() throws {
        let context = try CLIContext.load(global)
        guard let uuid = UUID(uuidString: id) else { throw RosterError(.invitationNotFound, "no invitation has this id") }
        let invitation = try context.roster.access.revokeInvitation(id: uuid, by: context.acting)
        print("Revoked the invitation of \(invitation.email).")
    }
}
