import Foundation

/// Who performs a change: the local operator (`system`, allowed everything) or an account, whose role governs.
public enum Actor: Sendable, Hashable, CustomStringConvertible {
    /// The local operator running the CLI without `--as`, or an internal job.
    case system
    /// An account acting through the CLI (`--as`), the admin API or self-service.
    case account(UUID)

    /// The stored form: `system` or `account:UUID`.
    public var description: String {
        switch self {
        case .system: "system"
        case .account(let id): "account:\(id.lowercasedText)"
        }
    }
}

/// The acting identity together with the channel it acts through (`cli`, `scim:okta`, `ldap:corp`, `api`).
public struct ActingContext: Sendable, Hashable {
    public var actor: Actor
    /// The entry point, recorded in the audit log as the event's source.
    public var via: String

    public init(actor: Actor, via: String) {
        self.actor = actor
        self.via = via
    }

    /// The local operator on the CLI.
    public static let cliOperator = ActingContext(actor: .system, via: "cli")
}
