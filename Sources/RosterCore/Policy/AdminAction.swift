/// An administrative action, as checked by ``AccountPolicy``.
public enum AdminAction: Sendable, Hashable {
    case viewAccounts
    case viewAudit
    case createAccount(role: Role)
    case editAccount
    case setRole(to: Role)
    case resetPassword
    case deactivate
    case reactivate
    case delete
    case transferOwnership
    case manageOwnership
    case issueAPIToken

    /// The lowest role an acting account needs for this action (before the superuser and self rules).
    var minimumRole: Role {
        switch self {
        case .createAccount(let role), .setRole(let role): max(role, .admin)
        default: .admin
        }
    }
}
