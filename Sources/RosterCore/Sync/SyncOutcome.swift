/// What applying a plan did, counted per action, plus changes refused by a rule while applying.
public struct SyncOutcome: Sendable, Hashable, Codable {
    public var counts: [String: Int] = [:]
    /// Changes the account rules refused (e.g. deprovisioning the last active superuser), one line each.
    public var refusals: [String] = []

    public init() {}

    mutating func count(_ key: String, _ amount: Int = 1) {
        guard amount != 0 else { return }
        counts[key, default: 0] += amount
    }
}
