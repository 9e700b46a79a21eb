import Foundation

/// `attrPath = [URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.4.2.2, §3.10).
public struct SCIMAttributePath: Sendable, Hashable, CustomStringConvertible {
    /// The schema URN prefix as written, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.
    public var schemaURN: String?
    /// The attribute name; empty for a bare schema URN (a PATCH path naming a whole extension).
    public var attribute: String
    public var subAttribute: String?

    public init(schemaURN: String? = nil, attribute: String, subAttribute: String? = nil) {
        self.schemaURN = schemaURN
        self.attribute = attribute
        self.subAttribute = subAttribute
    }

    public var description: String {
        // A bare schema URN (a PATCH path naming a whole extension) has no attribute, hence no separating colon.
        guard !attribute.isEmpty || subAttribute != nil else { return schemaURN ?? "" }
        var text = schemaURN.map { $0 + ":" } ?? ""
        text += attribute
        if let subAttribute { text += "." + subAttribute }
        return text
    }
}

/// A comparison operator of the filter grammar.
public enum SCIMCompareOperator: String, Sendable, CaseIterable {
    case eq, ne, co, sw, ew, gt, lt, ge, le
}

/// A comparison value: a JSON string, number, boolean or null.
public enum SCIMFilterValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public var description: String {
        switch self {
        case .string(let text): SCIMFilterValue.quoted(text)
        case .number(let number): JSONValue.numberText(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
