/// A search filter built from parts (RFC 4515). Values are always escaped; configured filters from the config file
/// are passed through ``raw(_:)`` and combined, never interpolated with values.
public indirect enum LDAPFilter: Sendable, Hashable, CustomStringConvertible {
    case and([LDAPFilter])
    case or([LDAPFilter])
    case not(LDAPFilter)
    case equal(String, String)
    case present(String)
    case greaterOrEqual(String, String)
    case lessOrEqual(String, String)
    /// `attribute=initial*any*…*final`, each part escaped.
    case substring(String, initial: String?, any: [String], final: String?)
    /// A filter written by the operator in the configuration (already a filter, not a value).
    case raw(String)

    public var description: String {
        switch self {
        case .and(let parts): "(&" + parts.map(\.description).joined() + ")"
        case .or(let parts): "(|" + parts.map(\.description).joined() + ")"
        case .not(let part): "(!" + part.description + ")"
        case .equal(let attribute, let value): "(\(attribute)=\(Self.escape(value)))"
        case .present(let attribute): "(\(attribute)=*)"
        case .greaterOrEqual(let attribute, let value): "(\(attribute)>=\(Self.escape(value)))"
        case .lessOrEqual(let attribute, let value): "(\(attribute)<=\(Self.escape(value)))"
        case .substring(let attribute, let initial, let any, let final):
            "(\(attribute)=" + (initial.map(Self.escape) ?? "") + "*" + any.map { Self.escape($0) + "*" }.joined()
                + (final.map(Self.escape) ?? "") + ")"
        case .raw(let text): text.hasPrefix("(") ? text : "(\(text))"
        }
    }

    /// RFC 4515 value escaping: `*`, `(`, `)`, `\` and NUL as `\2a`, `\28`, `\29`, `\5c`, `\00`.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": out += "\\2a"
            case "(": out += "\\28"
            case ")": out += "\\29"
            case "\\": out += "\\5c"
            case "\0": out += "\\00"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
