/// Whether a search read everything in scope. The sync deprovisions only after complete reads.
public struct SearchCompleteness: Sendable, Hashable {
    /// Why the search did not complete, one line each (empty = complete).
    public private(set) var reasons: [String] = []

    public init() {}

    public var isComplete: Bool { reasons.isEmpty }

    mutating func record(_ reason: String) {
        if !reasons.contains(reason) { reasons.append(reason) }
    }
}
