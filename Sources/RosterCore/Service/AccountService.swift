import Foundation

/// The account operations of the admin guides, the one code path every entry point uses.
///
/// Each mutating call is one store transaction holding the change and its audit entry; rules are checked inside
/// that transaction against the current state, so two concurrent writers cannot both pass a check (e.g. both demote
/// one of the last two superusers). Password hashing happens before the transaction so that writers are not held up.
public struct AccountService: Sendable {
    public let store: any AccountStore
    public let hasher: any PasswordHasher
    public let secrets: any SecretGenerator
    public let clock: any WallClock
    public let ids: any IDGenerator
    public let settings: AccountSettings

    public init(
        store: any AccountStore, hasher: any PasswordHasher, secrets: any SecretGenerator,
        clock: any WallClock = SystemWallClock(), ids: any IDGenerator = TimeOrderedIDGenerator(),
        settings: AccountSettings = AccountSettings()
    ) {
        self.store = store
        self.hasher = hasher
        self.secrets = secrets
        self.clock = clock
        self.ids = ids
        self.settings = settings
    }
}

extension AccountService {
    /// Finds the account a CLI or API argument names: an id, else (with `@`) an email, else a userName.
    public func resolve(_ reference: String, in reader: any AccountReader) throws -> Account {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: trimmed), let account = try reader.account(id: id) {
            return account
        }
        // A reference with `@` names an email address first (a userName spelled like someone's address, allowed
        // only for directory and SCIM accounts, never captures what is aimed at that address).
        if trimmed.contains("@"), let account = try reader.account(emailKey: EmailPolicy.key(for: trimmed)) {
            return account
        }
        if let account = try reader.account(userNameKey: UserNamePolicy.key(for: trimmed)) {
            return account
        }
        throw RosterError(.accountNotFound, "no account matches the given id, userName or email")
    }

    /// The acting identity as stored now; an account that no longer exists cannot act.
    func actorState(_ context: ActingContext, in reader: any AccountReader) throws -> ActorState {
        switch context.actor {
        case .system:
            return .system
        case .account(let id):
            guard let account = try reader.account(id: id) else {
                throw RosterError(.accountNotFound, "the acting account no longer exists")
            }
            return .account(account)
        }
    }

    /// Appends the audit entry of one change.
    func audit(
        _ tx: any AccountTransaction, _ context: ActingContext, _ actor: ActorState, _ action: AuditAction,
        target: Account, before: AuditSnapshot?, after: AuditSnapshot?, at: Date
    ) throws {
        try tx.append(AuditEvent(
            at: at, actor: context.actor.description, actorName: actor.account?.userName, via: context.via,
            action: action, targetType: "account", targetID: target.id.lowercasedText,
            targetName: target.userName, before: before, after: after
        ))
    }

    /// The write path (``AccountWrites``) for an acting identity inside `tx`: it may give roles up to the actor's own
    /// (every role for the operator).
    public func writes(_ tx: any AccountTransaction, _ context: ActingContext) throws -> AccountWrites {
        let actor = try actorState(context, in: tx)
        return AccountWrites(tx: tx, context: context, actor: actor, now: now(), roleCeiling: AccountWrites.ceiling(of: actor))
    }

    /// The write path of a source (a directory, a SCIM client), which may give roles up to `maxRole`.
    public func sourceWrites(_ tx: any AccountTransaction, source: AccountSource, maxRole: Role) -> AccountWrites {
        AccountWrites(tx: tx, context: ActingContext(actor: .system, via: source.rawValue), actor: .system, now: now(),
                      roleCeiling: maxRole)
    }
}

extension AccountService {
    /// The clock's time at the store's precision (milliseconds).
    public func now() -> Date { clock.now().millisecondPrecision }
}
