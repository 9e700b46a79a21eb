/// Evaluates a filter against a resource in memory (RFC 7644 §3.4.2.2 semantics): used for PATCH value paths.
///
/// Attribute names match case-insensitively; a comparison on a multi-valued attribute holds when any value
/// matches; `ne` holds when the attribute is absent; string comparisons ignore case unless `caseExact` says the
/// attribute is case-exact.
public struct SCIMFilterEvaluator: Sendable {
    private let caseExact: @Sendable (SCIMAttributePath) -> Bool

    public init(caseExact: @escaping @Sendable (SCIMAttributePath) -> Bool = { _ in false }) {
        self.caseExact = caseExact
    }

    public func matches(_ filter: SCIMFilter, _ resource: JSONValue) -> Bool {
        switch filter {
        case .and(let left, let right): return matches(left, resource) && matches(right, resource)
        case .or(let left, let right): return matches(left, resource) || matches(right, resource)
        case .not(let inner): return !matches(inner, resource)
        case .present(let path): return values(path, in: resource).contains(where: Self.isPresent)
        case .compare(let path, let op, let value):
            let found = values(path, in: resource)
            if op == .ne { return !found.contains { compare($0, .eq, value, exact: caseExact(path)) } }
            return found.contains { compare($0, op, value, exact: caseExact(path)) }
        case .valuePath(let path, let inner):
            return values(path, in: resource, flattenComplex: false).contains { matches(inner, $0) }
        }
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

    private func compare(_ actual: JSONValue, _ op: SCIMCompareOperator, _ expected: SCIMFilterValue, exact: Bool) -> Bool {
        switch (actual, expected) {
        case (.string(let a), .string(let b)):
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
        case (.null, .null):
            return op == .eq
        default:
            return op == .ne
        }
    }
}
