/// Groups that contain each other (A ∈ B ∈ A): a strongly connected set of groups, reported once.
///
/// Membership through a cycle still resolves (every group of the cycle reaches the others); the cycle is reported
/// because directories rarely mean it.
public struct GroupCycle: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One closed cycle, as group names: the first name is repeated at the end (`a → b → a`).
    public var path: [String]
    /// The DN keys of every group in the strongly connected set, sorted.
    public var memberKeys: [String]

    public init(path: [String], memberKeys: [String]) {
        self.path = path
        self.memberKeys = memberKeys
    }

    public var description: String { "group cycle: " + path.joined(separator: " → ") }
}
