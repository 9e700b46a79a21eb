/// Who may invite whom (admin guide 002): admins and members invite, guests do not; an inviter grants at most their
/// own role; only a superuser invites a superuser. The local operator may invite anyone.
public enum InvitationPolicy {
    public static func authorize(role: Role, by actor: ActorState) throws(RosterError) {
        guard case .account(let acting) = actor else { return }
        guard acting.active else { throw RosterError(.inactiveActor, "the acting account is inactive") }
        guard acting.role >= .member else { throw RosterError(.cannotInvite, "guests cannot invite") }
        if role == .superuser, acting.role != .superuser {
            throw RosterError(.superuserOnly, "only a superuser may invite a superuser")
        }
        guard role <= acting.role else {
            throw RosterError(.cannotInvite, "a \(acting.role) cannot invite a \(role)")
        }
    }
}

extension InvitationPolicy {
    /// Who may see, resend and revoke an existing invitation: the operator and admins any (within ``authorize(role:by:)``),
    /// a member only the ones they sent; guests none. An invitation the actor may not manage answers like a
    /// missing one, so its existence is not revealed.
    public static func authorizeManaging(_ invitation: Invitation, by actor: ActorState) throws(RosterError) {
        guard case .account(let acting) = actor else { return }
        guard acting.active else { throw RosterError(.inactiveActor, "the acting account is inactive") }
        guard acting.role >= .admin || (acting.role >= .member && invitation.invitedBy == acting.id) else {
            throw RosterError(.invitationNotFound, "no invitation has this id")
        }
        try authorize(role: invitation.role, by: actor)
    }

    /// Whether a link (an invitation token) may be shown to the actor when no mail goes out: to the operator and
    /// admins only. A member's invitation without SMTP waits for an admin to resend it and hand the link over, so a
    /// member never holds a link that proves an address they do not own.
    public static func mayReceiveLinks(_ actor: ActorState) -> Bool {
        guard case .account(let acting) = actor else { return true }
        return acting.active && acting.role >= .admin
    }
}
