/// Applies PATCH operations (RFC 7644 §3.5.2) to a resource's canonical body, all or nothing: the first failing
/// operation throws and the caller stores nothing.
///
/// Group `members` are not applied to the body: they come out as ``SCIMMemberChange`` set deltas for the store.
public struct SCIMPatchEngine: Sendable {
    public var kind: SCIMResourceKind
    public var mode: SCIMInputMode

    public init(kind: SCIMResourceKind, mode: SCIMInputMode = .lenient) {
        self.kind = kind
        self.mode = mode
    }

    /// The patched body (canonical, validated) and the member changes to apply with it.
    public struct Outcome: Sendable, Hashable {
        public var body: [String: JSONValue]
        public var memberChanges: [SCIMMemberChange]
    }

    public func apply(_ operations: [SCIMPatchOperation], to body: [String: JSONValue]) throws(SCIMError) -> Outcome {
        var state = State(body: body)
        for operation in operations {
            if let path = operation.path {
                try apply(operation.op, pathText: path, value: operation.value, &state)
            } else {
                try applyPathless(operation.op, value: operation.value, &state)
            }
        }
        let normalizer = SCIMResourceNormalizer(kind: kind, mode: mode)
        return Outcome(body: try normalizer.canonical(state.body), memberChanges: state.memberChanges)
    }

    struct State {
        var body: [String: JSONValue]
        var memberChanges: [SCIMMemberChange] = []
    }

    /// Where an attribute lives: the top level or an extension object.
    private struct Target {
        var schema: SCIMSchema
        var isExtension: Bool
    }

    // MARK: path-less add/replace: the value is an object of attributes

    private func applyPathless(_ op: SCIMPatchOperation.Op, value: JSONValue?, _ state: inout State) throws(SCIMError) {
        guard case .object(let members)? = value else {
            throw .invalidValue("a \(op.rawValue) without a path needs an object value")
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let lowered = name.lowercased()
            if lowered == "schemas" || lowered == "id" || lowered == "meta" { continue }
            if let ext = kind.extensionSchema(name) {
                guard case .object(let extMembers) = member else {
                    throw .invalidValue("'\(ext.id)' must be an object")
                }
                for (extName, extValue) in extMembers.sorted(by: { $0.key < $1.key }) where extName.lowercased() != "schemas" {
                    try apply(op, pathText: ext.id + ":" + extName, value: extValue, &state)
                }
                continue
            }
            if name.contains(".") && !lowered.hasPrefix("urn:") && !mode.lenient {
                throw .invalidValue("'\(name)': a path-less value takes attribute names, not paths")
            }
            try apply(op, pathText: name, value: member, &state)
        }
    }

    // MARK: operations with a path

    private func apply(_ op: SCIMPatchOperation.Op, pathText: String, value: JSONValue?, _ state: inout State) throws(SCIMError) {
        let path: SCIMPatchPath
        do {
            path = try SCIMFilterParser.parsePath(pathText, options: parserOptions)
        } catch {
            throw .invalidPath("'\(pathText)': \(error.message)")
        }
        // A bare extension URN: the value is the extension's attributes.
        if path.isBareSchemaURN {
            guard let urn = path.attribute.schemaURN, let ext = kind.extensionSchema(urn) else {
                throw .invalidPath("'\(pathText)' is not a schema of a \(kind.rawValue)")
            }
            if op == .remove {
                state.body.removeValue(forKey: ext.id)
                return
            }
            try applyPathless(op, value: .object([ext.id: value ?? .null]), &state)
            return
        }
        let target = try target(for: path.attribute.schemaURN, pathText: pathText)
        let name = path.attribute.attribute
        if !target.isExtension && name.lowercased() == "externalid" {
            guard path.attribute.subAttribute == nil, path.valueFilter == nil else { throw .invalidPath("'\(pathText)': externalId has no sub-attributes") }
            if op == .remove { state.body.removeValue(forKey: "externalId") } else { state.body["externalId"] = value }
            return
        }
        if !target.isExtension && (name.lowercased() == "id" || name.lowercased() == "meta" || name.lowercased() == "schemas") {
            throw .mutability("'\(name)' is read-only")
        }
        guard let attribute = target.schema.attribute(named: name) else {
            throw .invalidPath("'\(pathText)': no attribute '\(name)' in \(target.schema.id)")
        }
        if kind == .group && attribute.name == "members" {
            try memberChange(op, path: path, value: value, pathText: pathText, &state)
            return
        }
        if attribute.mutability == .readOnly {
            throw .mutability("'\(attribute.name)' is read-only")
        }
        let subName = path.attribute.subAttribute ?? path.subAttribute
        var sub: SCIMAttribute?
        if let subName {
            guard attribute.type == .complex, let found = attribute.subAttribute(named: subName) else {
                throw .invalidPath("'\(pathText)': '\(attribute.name)' has no sub-attribute '\(subName)'")
            }
            if found.mutability == .readOnly { throw .mutability("'\(attribute.name).\(found.name)' is read-only") }
            sub = found
        }
        var container = target.isExtension ? (state.body[target.schema.id]?.objectValue ?? [:]) : state.body
        if let filter = path.valueFilter {
            guard attribute.multiValued, attribute.type == .complex else {
                throw .invalidPath("'\(pathText)': a value filter needs a multi-valued complex attribute")
            }
            try applyFiltered(op, attribute: attribute, sub: sub, filter: filter, value: value, pathText: pathText, &container)
        } else {
            try applyPlain(op, attribute: attribute, sub: sub, value: value, &container)
        }
        if target.isExtension {
            if container.isEmpty { state.body.removeValue(forKey: target.schema.id) } else { state.body[target.schema.id] = .object(container) }
        } else {
            state.body = container
        }
    }

    private var parserOptions: SCIMFilterParser.Options {
        var options = SCIMFilterParser.Options()
        options.lenient = mode.lenient
        return options
    }

    private func target(for urn: String?, pathText: String) throws(SCIMError) -> Target {
        guard let urn else { return Target(schema: kind.coreSchema, isExtension: false) }
        if urn.lowercased() == kind.coreSchema.id.lowercased() { return Target(schema: kind.coreSchema, isExtension: false) }
        guard let ext = kind.extensionSchema(urn) else {
            throw .invalidPath("'\(pathText)': unknown schema '\(urn)'")
        }
        return Target(schema: ext, isExtension: true)
    }

    /// add/replace/remove of an attribute or of one sub-attribute, without a value filter.
    private func applyPlain(
        _ op: SCIMPatchOperation.Op, attribute: SCIMAttribute, sub: SCIMAttribute?, value: JSONValue?,
        _ container: inout [String: JSONValue]
    ) throws(SCIMError) {
        let key = attribute.name
        let current = container.removeValue(forKey: key) ?? container.removeValue(forKey: existingKey(key, in: container) ?? key)
        var result = current
        if let sub {
            if attribute.multiValued {
                // `emails.type` without a filter: every value.
                let elements = (current?.arrayValue ?? []).map { element -> JSONValue in
                    guard case .object(var members) = element else { return element }
                    if op == .remove { members.removeValue(forKey: sub.name) } else { members[sub.name] = value }
                    return .object(members)
                }
                result = elements.isEmpty ? nil : .array(elements)
            } else {
                var members = current?.objectValue ?? [:]
                if op == .remove { members.removeValue(forKey: sub.name) } else { members[sub.name] = value }
                result = members.isEmpty ? nil : .object(members)
            }
        } else {
            switch op {
            case .remove:
                if attribute.multiValued, let value, let existing = current?.arrayValue {
                    // Entra ID: remove particular values, given as `value: [{"value": …}]`.
                    let doomed = values(of: value)
                    let kept = existing.filter { element in !doomed.contains { Self.sameValue($0, element) } }
                    result = kept.isEmpty ? nil : .array(kept)
                } else {
                    result = nil
                }
            case .add:
                if attribute.multiValued {
                    var merged = current?.arrayValue ?? []
                    for new in values(of: value ?? .null) where !merged.contains(new) {
                        if new[key: "primary"] == .bool(true) { merged = merged.map(Self.clearingPrimary) }
                        merged.append(new)
                    }
                    result = merged.isEmpty ? nil : .array(merged)
                } else if attribute.type == .complex {
                    result = try merge(current, value, attribute: attribute)
                } else {
                    result = value
                }
            case .replace:
                if attribute.multiValued {
                    result = .array(values(of: value ?? .null))
                } else if attribute.type == .complex {
                    result = try merge(current, value, attribute: attribute)
                } else {
                    result = value
                }
            }
        }
        if let result, !result.isNull { container[key] = result }
    }

    /// Operations on the values of a multi-valued attribute selected by a filter (`emails[type eq "work"].value`).
    private func applyFiltered(
        _ op: SCIMPatchOperation.Op, attribute: SCIMAttribute, sub: SCIMAttribute?, filter: SCIMFilter,
        value: JSONValue?, pathText: String, _ container: inout [String: JSONValue]
    ) throws(SCIMError) {
        let key = existingKey(attribute.name, in: container) ?? attribute.name
        var elements = container.removeValue(forKey: key)?.arrayValue ?? []
        let evaluator = SCIMFilterEvaluator(
            caseExact: { path in attribute.subAttribute(named: path.attribute)?.caseExact ?? false },
            dateTime: { path in attribute.subAttribute(named: path.attribute)?.type == .dateTime }
        )
        let matched = elements.indices.filter { evaluator.matches(filter, elements[$0]) }
        if matched.isEmpty {
            switch op {
            case .remove:
                if !mode.lenient { throw .noTarget("'\(pathText)' matches no value") }
            case .add, .replace:
                // Entra ID: a replace on a value path that matches nothing adds the value.
                guard mode.lenient else { throw .noTarget("'\(pathText)' matches no value") }
                var element = Self.equalityTerms(filter)
                if let sub {
                    element[sub.name] = value
                } else if case .object(let members)? = value {
                    element.merge(members) { _, new in new }
                } else {
                    throw .invalidValue("'\(pathText)' needs an object value")
                }
                elements.append(.object(element))
            }
        } else {
            for index in matched.reversed() {
                guard case .object(var members) = elements[index] else { continue }
                switch (op, sub) {
                case (.remove, let sub?):
                    members.removeValue(forKey: sub.name)
                    elements[index] = .object(members)
                case (.remove, nil):
                    elements.remove(at: index)
                case (_, let sub?):
                    members[sub.name] = value
                    elements[index] = .object(members)
                case (.add, nil):
                    guard case .object(let new)? = value else { throw .invalidValue("'\(pathText)' needs an object value") }
                    members.merge(new) { _, newer in newer }
                    elements[index] = .object(members)
                case (.replace, nil):
                    guard case .object(let new)? = value else { throw .invalidValue("'\(pathText)' needs an object value") }
                    elements[index] = .object(new)
                }
            }
        }
        if !elements.isEmpty { container[attribute.name] = .array(elements) }
    }

    // MARK: group members

    private func memberChange(
        _ op: SCIMPatchOperation.Op, path: SCIMPatchPath, value: JSONValue?, pathText: String, _ state: inout State
    ) throws(SCIMError) {
        if path.attribute.subAttribute != nil || path.subAttribute != nil {
            throw .mutability("'\(pathText)': member values are changed by adding and removing members")
        }
        if let filter = path.valueFilter {
            guard op == .remove else {
                throw .invalidPath("'\(pathText)': members are added by value, not through a filter")
            }
            state.memberChanges.append(.remove(try Self.memberIDs(in: filter, pathText: pathText)))
            return
        }
        switch op {
        case .add: state.memberChanges.append(.add(try memberIDs(value)))
        case .replace: state.memberChanges.append(.replace(try memberIDs(value)))
        case .remove:
            if let value, !value.isNull {
                state.memberChanges.append(.remove(try memberIDs(value)))
            } else {
                state.memberChanges.append(.removeAll)
            }
        }
    }

    /// The `value` of each member object (`[{"value": id}]`; one object alone in lenient mode).
    func memberIDs(_ value: JSONValue?) throws(SCIMError) -> [String] {
        var ids: [String] = []
        for member in values(of: value ?? .null) {
            guard let id = member[key: "value"]?.stringValue, !id.isEmpty else {
                throw .invalidValue("each member needs a 'value' (the member's id)")
            }
            ids.append(id)
        }
        return ids
    }

    /// The ids a `members[value eq "…" or value eq "…"]` filter names.
    static func memberIDs(in filter: SCIMFilter, pathText: String) throws(SCIMError) -> [String] {
        switch filter {
        case .compare(let path, .eq, .string(let id)) where path.attribute.lowercased() == "value" && path.subAttribute == nil:
            return [id]
        case .or(let left, let right):
            return try memberIDs(in: left, pathText: pathText) + memberIDs(in: right, pathText: pathText)
        default:
            throw .invalidFilter("'\(pathText)': members are selected with value eq \"id\" (joined by or)")
        }
    }

    // MARK: helpers

    /// The values an add/replace/remove carries: an array's elements, or (lenient) a single value.
    private func values(of value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let elements): elements
        case .null: []
        default: [value]
        }
    }

    private func merge(_ current: JSONValue?, _ value: JSONValue?, attribute: SCIMAttribute) throws(SCIMError) -> JSONValue? {
        guard case .object(let new)? = value else {
            throw .invalidValue("'\(attribute.name)' is complex: its value must be an object")
        }
        var members = current?.objectValue ?? [:]
        for (name, member) in new {
            let canonical = attribute.subAttribute(named: name)?.name ?? name
            members[canonical] = member
        }
        return .object(members)
    }

    private func existingKey(_ name: String, in container: [String: JSONValue]) -> String? {
        container.keys.first { $0.lowercased() == name.lowercased() }
    }

    /// The `sub eq value` terms of an `and` filter, as the members of a new value.
    static func equalityTerms(_ filter: SCIMFilter) -> [String: JSONValue] {
        switch filter {
        case .compare(let path, .eq, let value) where path.subAttribute == nil:
            switch value {
            case .string(let text): return [path.attribute: .string(text)]
            case .bool(let flag): return [path.attribute: .bool(flag)]
            case .number(let number): return [path.attribute: .number(number)]
            case .null: return [:]
            }
        case .and(let left, let right):
            return equalityTerms(left).merging(equalityTerms(right)) { _, new in new }
        default:
            return [:]
        }
    }

    /// Two values of a multi-valued attribute are the same value when their `value` sub-attributes are equal (or,
    /// without one, when they are equal).
    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let left = a[key: "value"], let right = b[key: "value"] { return left == right }
        return a == b
    }

    static func clearingPrimary(_ value: JSONValue) -> JSONValue {
        guard case .object(var members) = value, members["primary"] != nil else { return value }
        members["primary"] = .bool(false)
        return .object(members)
    }
}
