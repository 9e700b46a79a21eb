/// What a source may do to the accounts it owns (config `ldap[]`/`scim` keys of the same names).
public struct SyncPolicy: Sendable, Hashable {
    /// What happens to an account that left the directory: deactivate (default) or delete.
    public enum Deprovision: String, Sendable, Hashable, Codable {
        case deactivate
        case delete
    }

    public var deprovision: Deprovision
    /// Most deprovisioning changes (deactivations, deletions, role downgrades) one run may apply (default 500).
    public var maxDeprovisionCount: Int
    /// Most deprovisioning changes as a share of the accounts the source owns, in percent (default 20).
    public var maxDeprovisionPercent: Double
    /// Adopt an existing `local`/`signup`/`invitation` account with the same email instead of reporting a conflict.
    public var adoptAccounts: Bool
    /// Let a run past the thresholds through (`roster sync --allow-deprovision`, after review).
    public var allowDeprovision: Bool
    /// The highest role the source may give (`superuser` only with the source's `allowSuperuser`); the write path
    /// refuses anything above it whatever the role rules say.
    public var maxRole: Role

    public init(
        deprovision: Deprovision = .deactivate, maxDeprovisionCount: Int = 500, maxDeprovisionPercent: Double = 20,
        adoptAccounts: Bool = false, allowDeprovision: Bool = false, maxRole: Role = .admin
    ) {
        self.maxRole = maxRole
        self.deprovision = deprovision
        self.maxDeprovisionCount = maxDeprovisionCount
        self.maxDeprovisionPercent = maxDeprovisionPercent
        self.adoptAccounts = adoptAccounts
        self.allowDeprovision = allowDeprovision
    }
}
