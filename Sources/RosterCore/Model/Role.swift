/// The four roles of an account, ordered: `guest` < `member` < `admin` < `superuser`.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case guest
    case member
    case admin
    case superuser

    /// Position in the order; a higher rank grants more.
    public var rank: Int {
        switch self {
        case .guest: 0
        case .member: 1
        case .admin: 2
        case .superuser: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    /// Parses a role name case-insensitively (`"Admin"` → `.admin`).
    public init?(parsing text: String) {
        self.init(rawValue: text.lowercased())
    }
}
