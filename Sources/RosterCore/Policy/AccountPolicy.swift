/// The account rules of the admin guides, checked the same way for every entry point (CLI, admin API, SCIM, sync).
///
/// - The local operator (`system`) may do everything; an acting account must be active and its role decides.
/// - Administration needs `admin`; granting `superuser`, or changing an account that is a superuser, needs `superuser`.
/// - Nobody deletes or deactivates their own account; an account may always edit its own profile.
/// - The last active superuser cannot be demoted, deactivated or deleted — by anyone, the operator included.
public enum AccountPolicy {
    /// Checks that `actor` may perform `action` on `target` (nil for actions without a target).
    public static func authorize(_ action: AdminAction, by actor: ActorState, on target: Account?) throws(RosterError) {
        guard case .account(let acting) = actor else { return }
        guard acting.active else {
            throw RosterError(.inactiveActor, "the acting account '\(acting.userName)' is inactive")
        }
        let isSelf = target?.id == acting.id
        if isSelf {
            switch action {
            case .delete:
                throw RosterError(.selfAction, "an account cannot delete itself")
            case .deactivate:
                throw RosterError(.selfAction, "an account cannot deactivate itself")
            case .editAccount, .viewAccounts, .viewAudit, .issueAPIToken:
                return
            default:
                break
            }
        }
        if case .setRole(let role) = action, role == .superuser, acting.role != .superuser {
            throw RosterError(.superuserOnly, "only a superuser can grant the superuser role")
        }
        if case .createAccount(let role) = action, role == .superuser, acting.role != .superuser {
            throw RosterError(.superuserOnly, "only a superuser can create a superuser")
        }
        if let target, target.role == .superuser, acting.role != .superuser, !isSelf {
            throw RosterError(.superuserOnly, "only a superuser can change a superuser's account")
        }
        guard acting.role >= action.minimumRole else {
            throw RosterError(
                .insufficientRole,
                "the role '\(acting.role)' of '\(acting.userName)' does not allow this; it needs '\(action.minimumRole)'"
            )
        }
    }

    /// Refuses a change that would leave no active superuser.
    /// - Parameters:
    ///   - target: the account before the change.
    ///   - remainsActiveSuperuser: whether the account is still an active superuser after the change.
    ///   - activeSuperuserCount: active superusers in the store before the change.
    public static func checkLastSuperuser(
        _ target: Account, remainsActiveSuperuser: Bool, activeSuperuserCount: Int
    ) throws(RosterError) {
        guard target.active, target.role == .superuser, !remainsActiveSuperuser, activeSuperuserCount <= 1 else { return }
        throw RosterError(.lastSuperuser, "'\(target.userName)' is the last active superuser")
    }

    /// Refuses to delete an account that still owns registered resources, listing them.
    public static func checkNoOwnedResources(_ target: Account, owned: [ResourceRef]) throws(RosterError) {
        guard !owned.isEmpty else { return }
        throw RosterError(
            .ownsResources,
            "'\(target.userName)' owns \(owned.count) resource(s); transfer them first (roster users transfer)",
            details: owned.sorted().map(\.description)
        )
    }

    /// Refuses changes to attributes that an external source (LDAP, SCIM) manages for its accounts.
    public static func checkLocallyManaged(_ target: Account, attribute: String) throws(RosterError) {
        guard target.source.isExternal else { return }
        throw RosterError(
            .managedBySource,
            "\(attribute) of '\(target.userName)' is managed by \(target.source); change it there"
        )
    }
}
