import Foundation

/// Evaluates a filter against a resource in memory (RFC 7644 §3.4.2.2 semantics): used for PATCH value paths, and
/// held to the same answers as the store's SQL translation (Tests/RosterServerTests/FilterDifferentialTests).
///
/// Attribute names match case-insensitively; a comparison on a multi-valued attribute holds when any value
/// matches; `ne` holds when the attribute is absent; string comparisons ignore case unless `caseExact` says the
/// attribute is case-exact; `dateTime` attributes compare as instants, not as text. `eq null` holds when the
/// attribute has no value (unassigned, null and empty are the same state, RFC 7643 §2.5) and `ne null` when it has one.
public struct SCIMFilterEvaluator: Sendable {
    private let caseExact: @Sendable (SCIMAttributePath) -> Bool
    private let dateTime: @Sendable (SCIMAttributePath) -> Bool

    public init(
        caseExact: @escaping @Sendable (SCIMAttributePath) -> Bool = { _ in false },
        dateTime: @escaping @Sendable (SCIMAttributePath) -> Bool = { _ in false }
    ) {
        self.caseExact = caseExact
        self.dateTime = dateTime
    }

    /// An evaluator whose case-exactness and types come from the schemas of `kind` (core, extensions and the
    /// common attributes `id`, `externalId`, `meta`). Paths inside a value filter resolve against the attribute
    /// that holds them (`emails[value eq …]` reads `emails.value`).
    public init(kind: SCIMResourceKind) {
        self.init(
            caseExact: { Self.attribute(kind, $0)?.caseExact ?? false },
            dateTime: { Self.attribute(kind, $0)?.type == .dateTime }
        )
    }

    /// The definition a path names (for a complex attribute without a sub-attribute, its `value`).
    static func attribute(_ kind: SCIMResourceKind, _ path: SCIMAttributePath) -> SCIMAttribute? {
        let schema = path.schemaURN.flatMap { kind.schema($0) } ?? kind.coreSchema
        let common = path.schemaURN == nil || path.schemaURN.flatMap(kind.schema)?.id == kind.coreSchema.id
            ? SCIMSchemaCatalog.commonAttributes.first { $0.name.lowercased() == path.attribute.lowercased() } : nil
        guard let attribute = common ?? schema.attribute(named: path.attribute) else { return nil }
        if let sub = path.subAttribute { return attribute.subAttribute(named: sub) }
        if attribute.type == .complex { return attribute.subAttribute(named: "value") }
        return attribute
    }

    public func matches(_ filter: SCIMFilter, _ resource: JSONValue) -> Bool {
        matches(filter, resource, within: nil)
    }

    private func matches(_ filter: SCIMFilter, _ resource: JSONValue, within parent: SCIMAttributePath?) -> Bool {
        switch filter {
        case .and(let left, let right): return matches(left, resource, within: parent) && matches(right, resource, within: parent)
        case .or(let left, let right): return matches(left, resource, within: parent) || matches(right, resource, within: parent)
        case .not(let inner): return !matches(inner, resource, within: parent)
        case .present(let path): return values(path, in: resource).contains(where: Self.isPresent)
        case .compare(let path, let op, let value):
            let found = values(path, in: resource)
            if case .null = value {
                // `eq null`: no value; `ne null`: some value. Other operators have no order on null.
                let present = found.contains(where: Self.isPresent)
                return op == .eq ? !present : op == .ne ? present : false
            }
            let schemaPath = resolved(path, within: parent)
            let exact = caseExact(schemaPath)
            let instant = dateTime(schemaPath)
            if op == .ne { return !found.contains { compare($0, .eq, value, exact: exact, dateTime: instant) } }
            return found.contains { compare($0, op, value, exact: exact, dateTime: instant) }
        case .valuePath(let path, let inner):
            return values(path, in: resource, flattenComplex: false).contains { matches(inner, $0, within: path) }
        }
    }

    /// A path inside a value filter as the schema names it: `emails[value eq …]` → `emails.value`.
    private func resolved(_ path: SCIMAttributePath, within parent: SCIMAttributePath?) -> SCIMAttributePath {
        guard let parent, path.schemaURN == nil, path.subAttribute == nil else { return path }
        return SCIMAttributePath(schemaURN: parent.schemaURN, attribute: parent.attribute, subAttribute: path.attribute)
    }

    /// The values a path reaches: each element of a multi-valued attribute; for a complex multi-valued attribute
    /// without a sub-attribute, each element's `value`.
    private func values(_ path: SCIMAttributePath, in resource: JSONValue, flattenComplex: Bool = true) -> [JSONValue] {
        var container = resource
        if let urn = path.schemaURN, let ext = resource[key: urn] { container = ext }
        guard let top = container[key: path.attribute] else { return [] }
        let elements = top.arrayValue ?? [top]
        if let sub = path.subAttribute {
            return elements.compactMap { $0[key: sub] }.flatMap { $0.arrayValue ?? [$0] }
        }
        guard flattenComplex else { return elements }
        return elements.map { element in
            if case .object = element { return element[key: "value"] ?? element }
            return element
        }
    }

    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let members): !members.isEmpty
        default: true
        }
    }

    private func compare(_ actual: JSONValue, _ op: SCIMCompareOperator, _ expected: SCIMFilterValue, exact: Bool, dateTime: Bool) -> Bool {
        switch (actual, expected) {
        case (.string(let a), .string(let b)):
            if dateTime, let left = SCIMDateTime.parse(a), let right = SCIMDateTime.parse(b) {
                // Instants, at the millisecond the store keeps (`…:00Z` and `…:00.000Z` are equal).
                let l = (left.timeIntervalSince1970 * 1000).rounded()
                let r = (right.timeIntervalSince1970 * 1000).rounded()
                switch op {
                case .eq: return l == r
                case .ne: return l != r
                case .gt: return l > r
                case .ge: return l >= r
                case .lt: return l < r
                case .le: return l <= r
                case .co, .sw, .ew: return false
                }
            }
            let left = exact ? a : a.lowercased()
            let right = exact ? b : b.lowercased()
            switch op {
            case .eq: return left == right
            case .ne: return left != right
            case .co: return left.contains(right)
            case .sw: return left.hasPrefix(right)
            case .ew: return left.hasSuffix(right)
            case .gt: return left > right
            case .ge: return left >= right
            case .lt: return left < right
            case .le: return left <= right
            }
        case (.number(let a), .number(let b)):
            switch op {
            case .eq: return a == b
            case .ne: return a != b
            case .gt: return a > b
            case .ge: return a >= b
            case .lt: return a < b
            case .le: return a <= b
            case .co, .sw, .ew: return false
            }
        case (.bool(let a), .bool(let b)):
            return op == .eq ? a == b : op == .ne ? a != b : false
        default:
            return op == .ne
        }
    }
}
