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
