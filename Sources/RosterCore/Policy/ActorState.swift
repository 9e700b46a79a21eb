/// The acting identity as the rules see it: the operator, or an account as it is in the store right now.
public enum ActorState: Sendable, Hashable {
    case system
    case account(Account)

    /// The acting account, if an account acts.
    public var account: Account? {
        if case .account(let account) = self { account } else { nil }
    }
}
