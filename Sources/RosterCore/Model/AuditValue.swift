/// A value recorded in an audit entry's before/after snapshot.
public enum AuditValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([String])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode([String].self) {
            self = .list(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    public var description: String {
        switch self {
        case .string(let value): value
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .list(let value): "[" + value.joined(separator: ", ") + "]"
        case .null: "null"
        }
    }

    /// `.string(value)` or `.null`.
    public static func optional(_ value: String?) -> AuditValue {
        value.map(AuditValue.string) ?? .null
    }
}

/// The fields of a before/after snapshot, by name.
public typealias AuditSnapshot = [String: AuditValue]
