import Foundation

/// Everything one sync run would change, computed before anything is written.
public struct SyncPlan: Sendable, Hashable, Codable {
    /// One changed field of an account.
    public struct FieldChange: Sendable, Hashable, Codable {
        public var field: String
        public var before: String?
        public var after: String?

        public init(field: String, before: String?, after: String?) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// A change to an existing account of the source (attributes, reactivation, role upgrade or downgrade).
    public struct Update: Sendable, Hashable, Codable {
        public var accountID: UUID
        public var userName: String
        public var desired: DesiredAccount
        public var changes: [FieldChange]
        /// Set when the role changes; a downgrade counts as deprovisioning.
        public var roleChange: RoleChange?
        /// The attribute part alone can be applied when a role downgrade is held.
        public var reactivates: Bool
    }

    public struct RoleChange: Sendable, Hashable, Codable {
        public var from: Role
        public var to: Role
        public var isDowngrade: Bool { to < from }
    }

    /// An account to deactivate or delete.
    public struct Deprovision: Sendable, Hashable, Codable {
        public enum Reason: String, Sendable, Hashable, Codable {
            /// The entry is no longer in the directory's scope.
            case missing
            /// The directory marks the entry disabled.
            case disabled
        }
        public var accountID: UUID
        public var userName: String
        public var reason: Reason
    }

    /// A local account the source takes over (same email, adoption enabled).
    public struct Adoption: Sendable, Hashable, Codable {
        public var accountID: UUID
        public var fromSource: String
        public var desired: DesiredAccount
    }

    /// A directory entry that cannot be applied, and why.
    public struct Conflict: Sendable, Hashable, Codable {
        public var anchor: String
        public var userName: String
        public var reason: String
        public var existingAccountID: UUID?
        public var existingSource: String?

        public init(anchor: String, userName: String, reason: String, existingAccountID: UUID? = nil,
                    existingSource: String? = nil) {
            self.anchor = anchor
            self.userName = userName
            self.reason = reason
            self.existingAccountID = existingAccountID
            self.existingSource = existingSource
        }
    }

    /// Why deprovisioning was held back.
    public enum Hold: Sendable, Hashable, Codable {
        case incompleteRead(reasons: [String])
        case countThreshold(count: Int, limit: Int)
        case percentThreshold(percent: Double, limit: Double)
    }

    public var creates: [DesiredAccount] = []
    public var updates: [Update] = []
    public var adoptions: [Adoption] = []
    public var deactivations: [Deprovision] = []
    public var deletions: [Deprovision] = []
    public var conflicts: [Conflict] = []
    /// Deprovisioning changes (deactivations, deletions, role downgrades) left out because of `holds`.
    public var heldDeactivations: [Deprovision] = []
    public var heldDeletions: [Deprovision] = []
    public var heldDowngrades: [Update] = []
    public var holds: [Hold] = []

    public init() {}

    /// Whether applying the plan would change nothing.
    public var isEmpty: Bool {
        creates.isEmpty && updates.isEmpty && adoptions.isEmpty && deactivations.isEmpty && deletions.isEmpty
    }

    /// Whether a threshold or an incomplete read held something back.
    public var isHeld: Bool { !holds.isEmpty }
}
