import RosterSCIM

/// `/ServiceProviderConfig`, `/Schemas` and `/ResourceTypes` (RFC 7644 §4), describing exactly what is served.
struct SCIMDiscovery {
    let baseURL: String
    let settings: ServerSettings

    var serviceProviderConfig: JSONValue {
        .object([
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://github.com/roster/roster#scim",
            "patch": ["supported": true],
            "bulk": .object([
                "supported": true, "maxOperations": .number(Double(settings.scim.bulkMaxOperations)),
                "maxPayloadSize": .number(Double(min(settings.maxBodyBytes, settings.scim.bulkMaxPayloadBytes))),
            ]),
            "filter": .object(["supported": true, "maxResults": .number(Double(settings.scim.maxPageSize))]),
            "changePassword": ["supported": true],
            "sort": ["supported": true],
            "etag": ["supported": true],
            "authenticationSchemes": [[
                "type": "oauthbearertoken", "name": "Bearer token",
                "description": "A client token from 'roster scim-clients add NAME', sent as Authorization: Bearer TOKEN.",
                "primary": true,
            ]],
            "meta": .object([
                "resourceType": "ServiceProviderConfig", "location": .string("\(baseURL)/ServiceProviderConfig"),
            ]),
        ])
    }

    var schemas: JSONValue {
        let resources = SCIMSchemaCatalog.all.map { $0.jsonValue(baseURL: baseURL) }
        return SCIMListRequest.listResponse(total: resources.count, startIndex: 1, resources: resources)
    }

    func schema(_ id: String) throws(SCIMError) -> JSONValue {
        guard let schema = SCIMSchemaCatalog.schema(id: id) else { throw .notFound("no schema \(id)") }
        return schema.jsonValue(baseURL: baseURL)
    }

    var resourceTypes: JSONValue {
        let resources = SCIMSchemaCatalog.resourceTypes.map { $0.jsonValue(baseURL: baseURL) }
        return SCIMListRequest.listResponse(total: resources.count, startIndex: 1, resources: resources)
    }

    func resourceType(_ id: String) throws(SCIMError) -> JSONValue {
        guard let type = SCIMSchemaCatalog.resourceTypes.first(where: { $0.id.lowercased() == id.lowercased() }) else {
            throw .notFound("no resource type \(id)")
        }
        return type.jsonValue(baseURL: baseURL)
    }
}
