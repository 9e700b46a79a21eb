/// The data type of an attribute (RFC 7643 §2.3).
public enum SCIMAttributeType: String, Sendable, Hashable {
    case string, boolean, decimal, integer, dateTime, binary, reference, complex
}

/// RFC 7643 §7 `mutability`.
public enum SCIMMutability: String, Sendable, Hashable { case readOnly, readWrite, immutable, writeOnly }

/// RFC 7643 §7 `returned`.
public enum SCIMReturned: String, Sendable, Hashable {
    case always, never, `default`, request
}

/// RFC 7643 §7 `uniqueness`.
public enum SCIMUniqueness: String, Sendable, Hashable { case none, server, global }

/// One attribute definition of a schema (RFC 7643 §7), with the RFC's defaults.
public struct SCIMAttribute: Sendable, Hashable {
    public var name: String
    public var type: SCIMAttributeType
    public var multiValued: Bool
    public var required: Bool
    public var caseExact: Bool
    public var mutability: SCIMMutability
    public var returned: SCIMReturned
    public var uniqueness: SCIMUniqueness
    public var canonicalValues: [String]
    public var referenceTypes: [String]
    public var subAttributes: [SCIMAttribute]
    public var description: String

    public init(
        _ name: String, _ type: SCIMAttributeType = .string, multiValued: Bool = false, required: Bool = false,
        caseExact: Bool = false, mutability: SCIMMutability = .readWrite, returned: SCIMReturned = .default,
        uniqueness: SCIMUniqueness = .none, canonicalValues: [String] = [], referenceTypes: [String] = [],
        subAttributes: [SCIMAttribute] = [], description: String = ""
    ) {
        self.name = name
        self.type = type
        self.multiValued = multiValued
        self.required = required
        self.caseExact = caseExact
        self.mutability = mutability
        self.returned = returned
        self.uniqueness = uniqueness
        self.canonicalValues = canonicalValues
        self.referenceTypes = referenceTypes
        self.subAttributes = subAttributes
        self.description = description
    }

    /// The sub-attribute named `name`, ignoring case.
    public func subAttribute(named name: String) -> SCIMAttribute? {
        let lowered = name.lowercased()
        return subAttributes.first { $0.name.lowercased() == lowered }
    }

    /// The RFC 7643 §7 representation.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "type": .string(type.rawValue), "multiValued": .bool(multiValued),
            "required": .bool(required), "caseExact": .bool(caseExact), "mutability": .string(mutability.rawValue),
            "returned": .string(returned.rawValue), "uniqueness": .string(uniqueness.rawValue),
            "description": .string(description),
        ]
        if !canonicalValues.isEmpty { members["canonicalValues"] = .array(canonicalValues.map(JSONValue.string)) }
        if !referenceTypes.isEmpty { members["referenceTypes"] = .array(referenceTypes.map(JSONValue.string)) }
        if type == .complex { members["subAttributes"] = .array(subAttributes.map(\.jsonValue)) }
        return .object(members)
    }
}
