import Foundation

/// Checks a resource body against its schemas and rewrites it in canonical form: attribute names spelled as the
/// schema spells them, multi-valued attributes as arrays, booleans as booleans, `null` and empty values dropped,
/// read-only attributes (`id`, `meta`, `groups`, `members.display` …) dropped as RFC 7644 §3.3 requires.
///
/// An attribute no schema declares, or a value of the wrong type, is an `invalidValue` error naming the attribute:
/// nothing is stored from a body that does not validate.
public struct SCIMResourceNormalizer: Sendable {
    public var kind: SCIMResourceKind
    public var mode: SCIMInputMode

    public init(kind: SCIMResourceKind, mode: SCIMInputMode = .lenient) {
        self.kind = kind
        self.mode = mode
    }

    /// The canonical body (without `id`, `meta` and `schemas`, which the server writes).
    public func normalize(_ body: JSONValue) throws(SCIMError) -> [String: JSONValue] {
        guard case .object(let members) = body else {
            throw .invalidSyntax("the request body must be a JSON object")
        }
        try checkSchemas(members)
        return try canonical(members)
    }

    /// The canonical form of a body's attributes, without the `schemas` check (used after PATCH).
    public func canonical(_ members: [String: JSONValue]) throws(SCIMError) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (name, value) in members {
            let lowered = name.lowercased()
            if lowered == "schemas" || lowered == "id" || lowered == "meta" { continue }
            if lowered == "externalid" {
                if let text = try string(value, "externalId") { result["externalId"] = .string(text) }
                continue
            }
            if let ext = kind.extensionSchema(name) {
                guard case .object(let extMembers) = value else {
                    if value.isNull { continue }
                    throw .invalidValue("'\(ext.id)' must be an object")
                }
                let normalized = try attributes(extMembers, of: ext.attributes, prefix: ext.id + ":")
                if !normalized.isEmpty { result[ext.id] = .object(normalized) }
                continue
            }
            if lowered.hasPrefix("urn:") {
                // `urn:…:User:department` at the top level: an extension attribute written flat.
                if mode.lenient, let (ext, attribute) = flattenedExtension(name) {
                    var container = result[ext.id]?.objectValue ?? [:]
                    let normalized = try attributes([attribute: value], of: ext.attributes, prefix: ext.id + ":")
                    container.merge(normalized) { _, new in new }
                    if !container.isEmpty { result[ext.id] = .object(container) }
                    continue
                }
                throw .invalidValue("unknown schema extension or attribute '\(name)'")
            }
            guard let attribute = kind.coreSchema.attribute(named: name) else {
                throw .invalidValue("unknown attribute '\(name)'")
            }
            if attribute.mutability == .readOnly { continue }
            if let normalized = try self.value(value, of: attribute, path: attribute.name) {
                result[attribute.name] = normalized
            }
        }
        return result
    }

    /// `schemas` must list the core schema (lenient mode supplies it) and nothing this type does not know.
    private func checkSchemas(_ members: [String: JSONValue]) throws(SCIMError) {
        guard let schemasName = members.keys.first(where: { $0.lowercased() == "schemas" }), let schemas = members[schemasName] else {
            if mode.lenient { return }
            throw .invalidValue("'schemas' is required and must list \(kind.coreSchema.id)")
        }
        guard case .array(let values) = schemas else { throw .invalidValue("'schemas' must be an array of URNs") }
        var hasCore = false
        for value in values {
            guard let urn = value.stringValue else { throw .invalidValue("'schemas' must be an array of URNs") }
            if urn.lowercased() == kind.coreSchema.id.lowercased() {
                hasCore = true
            } else if kind.extensionSchema(urn) == nil {
                throw .invalidValue("unknown schema '\(urn)' for a \(kind.rawValue)")
            }
        }
        if !hasCore && !mode.lenient { throw .invalidValue("'schemas' must list \(kind.coreSchema.id)") }
    }

    private func flattenedExtension(_ name: String) -> (SCIMSchema, String)? {
        for ext in kind.extensions where name.lowercased().hasPrefix(ext.id.lowercased() + ":") {
            return (ext, String(name.dropFirst(ext.id.count + 1)))
        }
        return nil
    }

    /// Normalises the members of a complex value or an extension.
    func attributes(
        _ members: [String: JSONValue], of definitions: [SCIMAttribute], prefix: String
    ) throws(SCIMError) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (name, value) in members where name.lowercased() != "schemas" {
            guard let attribute = definitions.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw .invalidValue("unknown attribute '\(prefix)\(name)'")
            }
            if attribute.mutability == .readOnly { continue }
            if let normalized = try self.value(value, of: attribute, path: prefix + attribute.name) {
                result[attribute.name] = normalized
            }
        }
        return result
    }

    /// One attribute's value in canonical form, or nil when it is null or empty (unassigned).
    public func value(_ value: JSONValue, of attribute: SCIMAttribute, path: String) throws(SCIMError) -> JSONValue? {
        if value.isNull { return nil }
        if attribute.multiValued {
            let elements: [JSONValue]
            if case .array(let array) = value {
                elements = array
            } else if mode.lenient {
                elements = [value]
            } else {
                throw .invalidValue("'\(path)' is multi-valued and must be an array")
            }
            var result: [JSONValue] = []
            for element in elements {
                if let normalized = try single(element, of: attribute, path: path), !result.contains(normalized) {
                    result.append(normalized)
                }
            }
            result = Self.singlePrimary(result)
            return result.isEmpty ? nil : .array(result)
        }
        return try single(value, of: attribute, path: path)
    }

    /// RFC 7643 §2.4: at most one value is primary; later `primary: true` flags are cleared.
    static func singlePrimary(_ values: [JSONValue]) -> [JSONValue] {
        var seen = false
        return values.map { value in
            guard case .object(var members) = value, members["primary"] == .bool(true) else { return value }
            if seen { members["primary"] = .bool(false) }
            seen = true
            return .object(members)
        }
    }

    private func single(_ value: JSONValue, of attribute: SCIMAttribute, path: String) throws(SCIMError) -> JSONValue? {
        if value.isNull { return nil }
        switch attribute.type {
        case .complex:
            guard case .object(let members) = value else {
                throw .invalidValue("'\(path)' must be an object")
            }
            let normalized = try attributes(members, of: attribute.subAttributes, prefix: path + ".")
            return normalized.isEmpty ? nil : .object(normalized)
        case .boolean:
            switch value {
            case .bool: return value
            case .string(let text) where mode.lenient:
                switch text.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: break
                }
            default: break
            }
            throw .invalidValue("'\(path)' must be a boolean")
        case .integer:
            guard case .number(let number) = value, number.rounded() == number else {
                throw .invalidValue("'\(path)' must be an integer")
            }
            return value
        case .decimal:
            guard case .number = value else { throw .invalidValue("'\(path)' must be a number") }
            return value
        case .dateTime:
            guard case .string(let text) = value, SCIMDateTime.parse(text) != nil else {
                throw .invalidValue("'\(path)' must be an xsd:dateTime such as 2026-01-31T09:00:00Z")
            }
            return value
        case .string, .reference, .binary:
            guard let text = try string(value, path) else { return nil }
            if attribute.type == .binary, Data(base64Encoded: text) == nil {
                throw .invalidValue("'\(path)' must be base64")
            }
            return .string(text)
        }
    }

    private func string(_ value: JSONValue, _ path: String) throws(SCIMError) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text.isEmpty ? nil : text
        case .number(let number) where mode.lenient:
            return JSONValue.numberText(number)
        default: throw .invalidValue("'\(path)' must be a string")
        }
    }
}
