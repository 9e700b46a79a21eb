/// A schema (RFC 7643 §7): an id (URN), a name and its attributes.
public struct SCIMSchema: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var attributes: [SCIMAttribute]

    public init(id: String, name: String, description: String, attributes: [SCIMAttribute]) {
        self.id = id
        self.name = name
        self.description = description
        self.attributes = attributes
    }

    /// The attribute named `name`, ignoring case.
    public func attribute(named name: String) -> SCIMAttribute? {
        let lowered = name.lowercased()
        return attributes.first { $0.name.lowercased() == lowered }
    }

    /// The `/Schemas` representation.
    public func jsonValue(baseURL: String) -> JSONValue {
        .object([
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": .string(id), "name": .string(name), "description": .string(description),
            "attributes": .array(attributes.map(\.jsonValue)),
            "meta": .object(["resourceType": "Schema", "location": .string("\(baseURL)/Schemas/\(id)")]),
        ])
    }
}

/// A resource type (RFC 7643 §6).
public struct SCIMResourceType: Sendable, Hashable {
    /// An extension of the resource type's core schema.
    public struct Extension: Sendable, Hashable {
        public var schema: String
        public var required: Bool
    }

    public var id: String
    public var name: String
    public var endpoint: String
    public var description: String
    public var schema: String
    public var schemaExtensions: [Extension]

    /// The `/ResourceTypes` representation.
    public func jsonValue(baseURL: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": .string(id), "name": .string(name), "endpoint": .string(endpoint),
            "description": .string(description), "schema": .string(schema),
            "meta": .object(["resourceType": "ResourceType", "location": .string("\(baseURL)/ResourceTypes/\(id)")]),
        ]
        members["schemaExtensions"] = .array(schemaExtensions.map { .object(["schema": .string($0.schema), "required": .bool($0.required)]) })
        return .object(members)
    }
}
