import Foundation
import RosterCore

/// The invitations table (`#invitations-table`) with resend/revoke forms, and the invite form (`#invite-form`).
enum InvitationsView {
    static func render(_ invitations: [Invitation], caller: ConsoleCaller, now: Date) -> String {
        // Every role is offered: the service refuses what this admin may not grant (and the page says why).
        let roles = Role.allCases.map { ($0.rawValue, $0.rawValue) }
        let form = """
            <section id="invite" aria-labelledby="invite-title"><h2 id="invite-title">Invite someone</h2>
            <form id="invite-form" class="stack-form" method="post" action="/admin/invitations">\(HTML.csrf(caller.csrf))
            \(HTML.input(id: "invite-email", name: "email", label: "Email", type: "email", required: true))
            \(HTML.select(id: "invite-role", name: "role", label: "Role", options: roles, selected: Role.member.rawValue))
            <button type="submit" id="invite-submit">Send invitation</button></form></section>
            """
        let headers = ["Email", "Role", "Method", "Status", "Created", "Expires", "Sent", "Actions"]
        let rows = invitations.map { invitation -> String in
            let state = invitation.state(at: now)
            let id = invitation.id.lowercasedText
            var actions: [String] = []
            if state == .pending || state == .expired {
                actions.append(HTML.buttonForm(id: nil, action: "/admin/invitations/\(id)/resend", csrf: caller.csrf,
                                               buttonID: "resend-\(id)", label: "Resend"))
            }
            if state == .pending {
                actions.append(HTML.buttonForm(id: nil, action: "/admin/invitations/\(id)/revoke", csrf: caller.csrf,
                                               buttonID: "revoke-\(id)", label: "Revoke", danger: true))
            }
            let sent = "\(invitation.sendCount)×" + (invitation.lastSendError.map { " (last send failed: \($0))" } ?? "")
            return "<tr data-invitation-id=\"\(id)\" data-status=\"\(state.rawValue)\">"
                + HTML.cell(headers[0], invitation.email.html) + HTML.cell(headers[1], invitation.role.rawValue.html)
                + HTML.cell(headers[2], invitation.authMethod.rawValue.html)
                + HTML.cell(headers[3], "<span class=\"status status-\(state.rawValue)\">\(state.rawValue)</span>")
                + HTML.cell(headers[4], HTML.date(invitation.createdAt)) + HTML.cell(headers[5], HTML.date(invitation.expiresAt))
                + HTML.cell(headers[6], sent.html) + HTML.cell(headers[7], actions.joined(separator: " ")) + "</tr>"
        }
        return form + "<section id=\"invitations\"><h2>All invitations</h2>"
            + HTML.table(id: "invitations-table", caption: "Invitations, newest first", headers: headers, rows: rows, empty: "No invitation yet.")
            + "</section>"
    }
}
