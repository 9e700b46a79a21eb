/// The two resource types Roster serves.
public enum SCIMResourceKind: String, Sendable, Hashable {
    case user = "User"
    case group = "Group"

    public var resourceType: SCIMResourceType {
        switch self {
        case .user: SCIMSchemaCatalog.userResourceType
        case .group: SCIMSchemaCatalog.groupResourceType
        }
    }

    public var coreSchema: SCIMSchema {
        switch self {
        case .user: SCIMSchemaCatalog.user
        case .group: SCIMSchemaCatalog.group
        }
    }

    /// The extension schemas of this type (the enterprise User extension for users).
    public var extensions: [SCIMSchema] {
        switch self {
        case .user: [SCIMSchemaCatalog.enterpriseUser]
        case .group: []
        }
    }

    /// The endpoint, e.g. `Users`.
    public var endpoint: String { self == .user ? "Users" : "Groups" }

    /// The extension schema whose id matches `urn` ignoring case.
    public func extensionSchema(_ urn: String) -> SCIMSchema? {
        let lowered = urn.lowercased()
        return extensions.first { $0.id.lowercased() == lowered }
    }

    /// The core or extension schema whose id matches `urn` ignoring case.
    public func schema(_ urn: String) -> SCIMSchema? {
        if coreSchema.id.lowercased() == urn.lowercased() { return coreSchema }
        return extensionSchema(urn)
    }
}
