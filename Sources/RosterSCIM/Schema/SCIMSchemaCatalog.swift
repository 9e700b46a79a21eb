/// The schemas Roster serves: RFC 7643 §8.7.1's User, Group and Enterprise User, attribute for attribute. Roster
/// stores every attribute they declare, so `/Schemas` describes exactly what round-trips.
///
/// One deviation: a Group's `displayName` is required, because role rules match groups by name.
public enum SCIMSchemaCatalog {
    public static let userSchemaID = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let groupSchemaID = "urn:ietf:params:scim:schemas:core:2.0:Group"
    public static let enterpriseUserSchemaID = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    private static func multi(_ name: String, types: [String], value: SCIMAttribute = SCIMAttribute("value"), description: String) -> SCIMAttribute {
        SCIMAttribute(name, .complex, multiValued: true, subAttributes: [
            value,
            SCIMAttribute("display", description: "A human-readable name, primarily used for display purposes."),
            SCIMAttribute("type", canonicalValues: types, description: "A label indicating the attribute's function."),
            SCIMAttribute("primary", .boolean, description: "Indicates the 'primary' or preferred attribute value."),
        ], description: description)
    }

    public static let user = SCIMSchema(id: userSchemaID, name: "User", description: "User Account", attributes: [
        SCIMAttribute("userName", required: true, uniqueness: .server,
                      description: "Unique identifier for the User, typically used to sign in. Roster: 3-50 characters, no spaces."),
        SCIMAttribute("name", .complex, subAttributes: [
            SCIMAttribute("formatted", description: "The full name, formatted for display."),
            SCIMAttribute("familyName", description: "The family name."),
            SCIMAttribute("givenName", description: "The given name."),
            SCIMAttribute("middleName", description: "The middle name(s)."),
            SCIMAttribute("honorificPrefix", description: "The honorific prefix(es)."),
            SCIMAttribute("honorificSuffix", description: "The honorific suffix(es)."),
        ], description: "The components of the user's real name."),
        SCIMAttribute("displayName", description: "The name of the User, suitable for display to end-users."),
        SCIMAttribute("nickName", description: "The casual way to address the user."),
        SCIMAttribute("profileUrl", .reference, referenceTypes: ["external"], description: "A URI of the User's online profile."),
        SCIMAttribute("title", description: "The user's title, such as \"Vice President\"."),
        SCIMAttribute("userType", description: "The relationship between the organization and the user."),
        SCIMAttribute("preferredLanguage", description: "The User's preferred written or spoken language."),
        SCIMAttribute("locale", description: "The User's default location."),
        SCIMAttribute("timezone", description: "The User's time zone in the Olson format."),
        SCIMAttribute("active", .boolean, description: "The User's administrative status. Roster: false deactivates the account."),
        SCIMAttribute("password", mutability: .writeOnly, returned: .never,
                      description: "The User's cleartext password, stored only as an argon2id hash."),
        multi("emails", types: ["work", "home", "other"], description: "Email addresses for the user."),
        multi("phoneNumbers", types: ["work", "home", "mobile", "fax", "pager", "other"], description: "Phone numbers for the User."),
        multi("ims", types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"], description: "Instant messaging addresses for the User."),
        multi("photos", types: ["photo", "thumbnail"], value: SCIMAttribute("value", .reference, referenceTypes: ["external"]),
              description: "URLs of photos of the User."),
        SCIMAttribute("addresses", .complex, multiValued: true, subAttributes: [
            SCIMAttribute("formatted", description: "The full mailing address."),
            SCIMAttribute("streetAddress", description: "The full street address component."),
            SCIMAttribute("locality", description: "The city or locality component."),
            SCIMAttribute("region", description: "The state or region component."),
            SCIMAttribute("postalCode", description: "The zip code or postal code component."),
            SCIMAttribute("country", description: "The country name component."),
            SCIMAttribute("type", canonicalValues: ["work", "home", "other"], description: "A label indicating the attribute's function."),
            SCIMAttribute("primary", .boolean, description: "Indicates the preferred mailing address."),
        ], description: "A physical mailing address for this User."),
        SCIMAttribute("groups", .complex, multiValued: true, mutability: .readOnly, subAttributes: [
            SCIMAttribute("value", mutability: .readOnly, description: "The identifier of the User's group."),
            SCIMAttribute("$ref", .reference, mutability: .readOnly, referenceTypes: ["User", "Group"],
                          description: "The URI of the corresponding 'Group' resource."),
            SCIMAttribute("display", mutability: .readOnly, description: "A human-readable name."),
            SCIMAttribute("type", mutability: .readOnly, canonicalValues: ["direct", "indirect"],
                          description: "Either 'direct' or 'indirect'."),
        ], description: "The groups the user belongs to, direct memberships only."),
        multi("entitlements", types: [], description: "A list of entitlements for the User."),
        multi("roles", types: [], description: "A list of roles for the User (free-form; Roster's role comes from its groups)."),
        multi("x509Certificates", types: [], value: SCIMAttribute("value", .binary), description: "DER-encoded X.509 certificates."),
    ])

    public static let enterpriseUser = SCIMSchema(
        id: enterpriseUserSchemaID, name: "EnterpriseUser", description: "Enterprise User", attributes: [
            SCIMAttribute("employeeNumber", description: "A string identifier, typically numeric or alphanumeric."),
            SCIMAttribute("costCenter", description: "Identifies the name of a cost center."),
            SCIMAttribute("organization", description: "Identifies the name of an organization."),
            SCIMAttribute("division", description: "Identifies the name of a division."),
            SCIMAttribute("department", description: "Identifies the name of a department."),
            SCIMAttribute("manager", .complex, subAttributes: [
                SCIMAttribute("value", description: "The id of the SCIM resource representing the User's manager."),
                SCIMAttribute("$ref", .reference, referenceTypes: ["User"], description: "The URI of the manager's User resource."),
                SCIMAttribute("displayName", mutability: .readOnly, description: "The displayName of the User's manager."),
            ], description: "The User's manager."),
        ])

    public static let group = SCIMSchema(id: groupSchemaID, name: "Group", description: "Group", attributes: [
        SCIMAttribute("displayName", required: true, description: "A human-readable name for the Group; role rules match it."),
        SCIMAttribute("members", .complex, multiValued: true, subAttributes: [
            SCIMAttribute("value", mutability: .immutable, description: "Identifier of the member of this Group."),
            SCIMAttribute("$ref", .reference, mutability: .immutable, referenceTypes: ["User", "Group"],
                          description: "The URI of the member resource."),
            SCIMAttribute("display", mutability: .readOnly, returned: .never,
                          description: "Accepted (Okta sends it) and ignored; members are identified by value."),
            SCIMAttribute("type", mutability: .immutable, canonicalValues: ["User", "Group"], description: "The type of member."),
        ], description: "A list of members of the Group."),
    ])

    public static let all: [SCIMSchema] = [user, enterpriseUser, group]

    public static let userResourceType = SCIMResourceType(
        id: "User", name: "User", endpoint: "/Users", description: "User Account", schema: userSchemaID,
        schemaExtensions: [.init(schema: enterpriseUserSchemaID, required: false)]
    )
    public static let groupResourceType = SCIMResourceType(
        id: "Group", name: "Group", endpoint: "/Groups", description: "Group", schema: groupSchemaID, schemaExtensions: []
    )
    public static let resourceTypes: [SCIMResourceType] = [userResourceType, groupResourceType]

    /// RFC 7643 §3.1 attributes of every resource.
    public static let commonAttributes: [SCIMAttribute] = [
        SCIMAttribute("id", caseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server,
                      description: "A unique identifier for a SCIM resource as defined by the service provider."),
        SCIMAttribute("externalId", caseExact: true, description: "An identifier for the resource as defined by the provisioning client."),
        SCIMAttribute("meta", .complex, mutability: .readOnly, subAttributes: [
            SCIMAttribute("resourceType", caseExact: true, mutability: .readOnly),
            SCIMAttribute("created", .dateTime, mutability: .readOnly),
            SCIMAttribute("lastModified", .dateTime, mutability: .readOnly),
            SCIMAttribute("location", .reference, caseExact: true, mutability: .readOnly, referenceTypes: ["uri"]),
            SCIMAttribute("version", caseExact: true, mutability: .readOnly),
        ], description: "Resource metadata."),
    ]

    public static func schema(id: String) -> SCIMSchema? {
        all.first { $0.id.lowercased() == id.lowercased() }
    }
}
