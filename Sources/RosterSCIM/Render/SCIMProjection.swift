/// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) applied to a rendered resource, honouring each
/// attribute's `returned` characteristic: `always` (id) is kept, `never` (password) never appears, `request` only
/// when asked for.
public struct SCIMProjection: Sendable, Hashable {
    public var kind: SCIMResourceKind
    public var attributes: [SCIMAttributePath]
    public var excludedAttributes: [SCIMAttributePath]

    public init(kind: SCIMResourceKind, attributes: [SCIMAttributePath] = [], excludedAttributes: [SCIMAttributePath] = []) {
        self.kind = kind
        self.attributes = attributes
        self.excludedAttributes = excludedAttributes
    }

    public var isIdentity: Bool { attributes.isEmpty && excludedAttributes.isEmpty }

    /// Whether the rendered resource will contain the top-level attribute `name` (e.g. to skip loading members).
    public func includes(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if !attributes.isEmpty {
            return attributes.contains { $0.schemaURN.map { $0.lowercased() == kind.coreSchema.id.lowercased() } ?? true && $0.attribute.lowercased() == lowered }
        }
        return !excludedAttributes.contains { $0.attribute.lowercased() == lowered && $0.subAttribute == nil }
    }

    public func apply(_ resource: [String: JSONValue]) -> [String: JSONValue] {
        // Nothing asked: only `returned: never` attributes could go, and the renderer never writes those.
        if isIdentity { return resource }
        var result: [String: JSONValue] = [:]
        for (name, value) in resource {
            if let ext = kind.extensionSchema(name) {
                guard case .object(let members) = value else { continue }
                var kept: [String: JSONValue] = [:]
                for (member, memberValue) in members {
                    let attribute = ext.attribute(named: member)
                    if let projected = project(memberValue, urn: ext.id, name: member, attribute: attribute) {
                        kept[member] = projected
                    }
                }
                if !kept.isEmpty { result[name] = .object(kept) }
                continue
            }
            if name == "schemas" || name == "id" {
                result[name] = value
                continue
            }
            let attribute = kind.coreSchema.attribute(named: name)
                ?? SCIMSchemaCatalog.commonAttributes.first { $0.name.lowercased() == name.lowercased() }
            if let projected = project(value, urn: nil, name: name, attribute: attribute) { result[name] = projected }
        }
        return result
    }

    private func matches(_ path: SCIMAttributePath, urn: String?, name: String) -> Bool {
        guard path.attribute.lowercased() == name.lowercased() else { return false }
        switch (path.schemaURN?.lowercased(), urn?.lowercased()) {
        case (nil, _): return true
        case (let given?, nil): return given == kind.coreSchema.id.lowercased()
        case (let given?, let actual?): return given == actual
        }
    }

    /// The value as projected, or nil when it is left out.
    private func project(_ value: JSONValue, urn: String?, name: String, attribute: SCIMAttribute?) -> JSONValue? {
        let returned = attribute?.returned ?? .default
        if returned == .never { return nil }
        if returned == .always { return value }
        if !attributes.isEmpty {
            // Asked for as a whole, or for some of its sub-attributes.
            let asked = attributes.filter { matches($0, urn: urn, name: name) }
            // A request for an extension URN alone returns all of it.
            let wholeExtension = urn.map { u in attributes.contains { $0.attribute.lowercased() == u.lowercased() || "\($0.schemaURN ?? ""):\($0.attribute)".lowercased() == u.lowercased() } } ?? false
            if asked.isEmpty && !wholeExtension { return keepAlwaysSubAttributes(value, attribute) }
            if wholeExtension || asked.contains(where: { $0.subAttribute == nil }) { return value }
            let subs = Set(asked.compactMap { $0.subAttribute?.lowercased() })
            return filterSubAttributes(value, keep: { subs.contains($0.lowercased()) }, attribute: attribute)
        }
        if returned == .request { return nil }
        let excluded = excludedAttributes.filter { matches($0, urn: urn, name: name) }
        if excluded.contains(where: { $0.subAttribute == nil }) { return nil }
        if excluded.isEmpty { return value }
        let subs = Set(excluded.compactMap { $0.subAttribute?.lowercased() })
        return filterSubAttributes(value, keep: { !subs.contains($0.lowercased()) }, attribute: attribute)
    }

    private func keepAlwaysSubAttributes(_ value: JSONValue, _ attribute: SCIMAttribute?) -> JSONValue? {
        guard let attribute, attribute.type == .complex else { return nil }
        let always = Set(attribute.subAttributes.filter { $0.returned == .always }.map { $0.name.lowercased() })
        guard !always.isEmpty else { return nil }
        return filterSubAttributes(value, keep: { always.contains($0.lowercased()) }, attribute: attribute)
    }

    private func filterSubAttributes(_ value: JSONValue, keep: (String) -> Bool, attribute: SCIMAttribute?) -> JSONValue? {
        func filtered(_ element: JSONValue) -> JSONValue? {
            guard case .object(let members) = element else { return element }
            let kept = members.filter { keep($0.key) }
            return kept.isEmpty ? nil : .object(kept)
        }
        if case .array(let elements) = value {
            let kept = elements.compactMap(filtered)
            return kept.isEmpty ? nil : .array(kept)
        }
        return filtered(value)
    }
}
