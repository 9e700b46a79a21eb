/// The roles of a whole directory: one assignment per user anchor, plus warnings for the operator.
public struct RoleResolution: Sendable, Hashable {
    /// The assignment of every user, by ``DirectoryUser/anchor``.
    public var assignments: [String: RoleAssignment]
    /// Cycles, ignored superuser rules and rules that matched no group, in that order.
    public var warnings: [RoleWarning]

    public init(assignments: [String: RoleAssignment], warnings: [RoleWarning]) {
        self.assignments = assignments
        self.warnings = warnings
    }
}
