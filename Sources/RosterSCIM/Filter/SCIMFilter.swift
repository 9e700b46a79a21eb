/// A parsed SCIM filter (RFC 7644 §3.4.2.2).
public indirect enum SCIMFilter: Sendable, Hashable, CustomStringConvertible {
    case compare(SCIMAttributePath, SCIMCompareOperator, SCIMFilterValue)
    /// `attrPath pr`
    case present(SCIMAttributePath)
    case and(SCIMFilter, SCIMFilter)
    case or(SCIMFilter, SCIMFilter)
    case not(SCIMFilter)
    /// `attrPath "[" valFilter "]"`: inner paths are relative to the values of the multi-valued attribute.
    case valuePath(SCIMAttributePath, SCIMFilter)

    /// Canonical text (lower-case operators, JSON-quoted strings); parsing it gives the same filter.
    public var description: String {
        switch self {
        case .compare(let path, let op, let value): "\(path) \(op.rawValue) \(value)"
        case .present(let path): "\(path) pr"
        case .and(let left, let right): "\(left.grouped(inside: .and)) and \(right.grouped(inside: .and, right: true))"
        case .or(let left, let right): "\(left.grouped(inside: .or)) or \(right.grouped(inside: .or, right: true))"
        case .not(let inner): "not (\(inner))"
        case .valuePath(let path, let inner): "\(path)[\(inner)]"
        }
    }

    private enum Level { case or, and }

    /// Parenthesised where precedence needs it (an `or` inside an `and`; a right operand of the same operator).
    private func grouped(inside level: Level, right: Bool = false) -> String {
        switch (self, level) {
        case (.or, .and): "(\(self))"
        case (.or, .or) where right: "(\(self))"
        case (.and, .and) where right: "(\(self))"
        default: description
        }
    }
}

/// A PATCH path (RFC 7644 §3.5.2): `attrPath`, or `valuePath [subAttr]`, or a bare schema URN.
public struct SCIMPatchPath: Sendable, Hashable, CustomStringConvertible {
    public var attribute: SCIMAttributePath
    public var valueFilter: SCIMFilter?
    /// The sub-attribute after a value filter (`emails[type eq "work"].value`).
    public var subAttribute: String?

    public init(attribute: SCIMAttributePath, valueFilter: SCIMFilter? = nil, subAttribute: String? = nil) {
        self.attribute = attribute
        self.valueFilter = valueFilter
        self.subAttribute = subAttribute
    }

    /// A path that names a whole extension (`urn:…:enterprise:2.0:User`).
    public var isBareSchemaURN: Bool { attribute.attribute.isEmpty && attribute.schemaURN != nil }

    public var description: String {
        var text = attribute.description
        if let valueFilter { text += "[\(valueFilter)]" }
        if let subAttribute { text += "." + subAttribute }
        return text
    }
}

/// A filter or path that does not parse.
public struct SCIMFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable { case invalidFilter, invalidPath }
    public var kind: Kind
    public var message: String
    /// The character offset where parsing stopped.
    public var position: Int?

    public init(kind: Kind, message: String, position: Int? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { message }
}
