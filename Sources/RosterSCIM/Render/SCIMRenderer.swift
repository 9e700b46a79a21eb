import Foundation
import RosterCore

/// Turns stored users and groups into SCIM resources (RFC 7643 §3: `schemas`, `id`, `externalId`, `meta`).
public struct SCIMRenderer: Sendable {
    /// The absolute base URL of the SCIM endpoint, e.g. `https://roster.example.com/scim/v2`.
    public var baseURL: String

    public init(baseURL: String) { self.baseURL = baseURL }

    /// The weak ETag of a version (`W/"3"`).
    public static func etag(version: Int) -> String { "W/\"\(version)\"" }

    public func location(_ kind: SCIMResourceKind, id: String) -> String { "\(baseURL)/\(kind.endpoint)/\(id)" }

    public func user(_ record: SCIMUserRecord) -> [String: JSONValue] {
        let account = record.account
        var resource = record.body ?? Self.derivedBody(account)
        let id = account.id.lowercasedText
        resource["id"] = .string(id)
        resource["userName"] = .string(account.userName)
        // `active` as the client set it; always when the account is inactive or was not created over SCIM, unless
        // the client removed it (a `null` marker in the body: the attribute is unassigned, the account's state
        // unchanged).
        if resource["active"] == .null {
            resource.removeValue(forKey: "active")
        } else if record.body == nil || resource["active"] != nil || !account.active {
            resource["active"] = .bool(account.active)
        }
        if let externalId = account.externalId { resource["externalId"] = .string(externalId) } else { resource.removeValue(forKey: "externalId") }
        if let groups = record.groups, !groups.isEmpty {
            resource["groups"] = .array(groups.map { group in
                var value: [String: JSONValue] = [
                    "value": .string(group.id), "$ref": .string(location(.group, id: group.id)), "type": "direct",
                ]
                if let display = group.display { value["display"] = .string(display) }
                return .object(value)
            })
        }
        var schemas: [JSONValue] = [.string(SCIMSchemaCatalog.userSchemaID)]
        if resource[SCIMSchemaCatalog.enterpriseUserSchemaID] != nil {
            schemas.append(.string(SCIMSchemaCatalog.enterpriseUserSchemaID))
        }
        resource["schemas"] = .array(schemas)
        resource["meta"] = meta(.user, id: id, created: account.createdAt, modified: account.updatedAt, version: account.version)
        return resource
    }

    public func group(_ record: SCIMGroupRecord) -> [String: JSONValue] {
        let group = record.group
        let id = group.id.lowercasedText
        var resource: [String: JSONValue] = [
            "schemas": [.string(SCIMSchemaCatalog.groupSchemaID)],
            "id": .string(id),
            "displayName": .string(group.displayName),
            "meta": meta(.group, id: id, created: group.createdAt, modified: group.updatedAt, version: group.version),
        ]
        if let externalId = group.externalId { resource["externalId"] = .string(externalId) }
        if let members = record.members, !members.isEmpty {
            resource["members"] = .array(members.map { member in
                .object([
                    "value": .string(member.id), "$ref": .string(location(member.type, id: member.id)),
                    "type": .string(member.type.rawValue),
                ])
            })
        }
        return resource
    }

    private func meta(_ kind: SCIMResourceKind, id: String, created: Date, modified: Date, version: Int) -> JSONValue {
        .object([
            "resourceType": .string(kind.rawValue),
            "created": .string(SCIMDateTime.format(created)),
            "lastModified": .string(SCIMDateTime.format(modified)),
            "location": .string(location(kind, id: id)),
            "version": .string(Self.etag(version: version)),
        ])
    }

    /// The SCIM body of an account that was not created over SCIM (adopted by a SCIM client), from its columns.
    public static func derivedBody(_ account: Account) -> [String: JSONValue] {
        var body: [String: JSONValue] = ["userName": .string(account.userName)]
        if let displayName = account.displayName { body["displayName"] = .string(displayName) }
        var name: [String: JSONValue] = [:]
        if let given = account.givenName { name["givenName"] = .string(given) }
        if let family = account.familyName { name["familyName"] = .string(family) }
        if !name.isEmpty { body["name"] = .object(name) }
        if !account.emails.isEmpty {
            body["emails"] = .array(account.emails.map { email in
                var value: [String: JSONValue] = ["value": .string(email.value), "primary": .bool(email.primary)]
                if let type = email.type { value["type"] = .string(type) }
                return .object(value)
            })
        }
        return body
    }
}
