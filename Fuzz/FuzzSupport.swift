import RosterSCIM

/// Shared by the fuzz targets (compiled into each; see scripts/fuzz.sh): sample resources and a failure helper
/// that prints the input before trapping, so a finding is readable in the fuzzer's log.
enum FuzzSupport {
    static func fail(_ message: String, input: String) -> Never {
        fatalError("\(message)\n  input: \(input.debugDescription)")
    }

    /// A user as a store holds it (canonical body) and as a filter sees it (with id, meta and schemas).
    static let user: JSONValue = [
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "id": "2819c223-7f76-453a-919d-413861904646", "externalId": "E-1701", "userName": "Barbara.Jensen@example.com",
        "name": ["givenName": "Barbara", "familyName": "Jensen", "formatted": "Ms. Barbara J Jensen III"],
        "displayName": "Babs Jensen", "nickName": "", "title": "Tour Guide", "active": true, "userType": "Employee",
        "emails": [["value": "bjensen@example.com", "type": "work", "primary": true], ["value": "babs@jensen.org", "type": "home"]],
        "phoneNumbers": [["value": "555-555-8377", "type": "work"]],
        "groups": [["value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"]],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": [
            "employeeNumber": "701984", "department": "Tour Operations", "manager": ["value": "26118915-6090-4610-87e4-49d8ca9f808d"],
        ],
        "meta": ["resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z"],
    ]

    static let group: JSONValue = [
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
        "displayName": "Tour Guides", "externalId": "G-7",
        "members": [["value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen", "type": "User"]],
    ]

    static let resources: [JSONValue] = [user, group, [:], ["userName": .null, "emails": []]]
}
