/// How one kind of directory (OpenLDAP, Active Directory, 389-DS/FreeIPA) stores users and groups: the filters,
/// the attributes that feed each field, how a disabled account shows, how membership is expressed and which
/// attribute orders changes.
///
/// Presets are ``openLDAP``, ``activeDirectory`` and ``freeIPA``; `Mappings/*.plist` ship the same values,
/// read by ``fromPropertyList(_:source:)``.
public struct DirectoryMapping: Sendable, Hashable {
    /// The preset's or the file's name, e.g. `openldap`.
    public var name: String
    /// The LDAP filter selecting user entries, e.g. `(objectClass=inetOrgPerson)`.
    public var userFilter: String
    /// The LDAP filter selecting group entries.
    public var groupFilter: String
    /// The user's immutable id attributes, in order: the first present wins (`ipaUniqueID`, then `nsUniqueId`).
    public var anchorAttributes: [String]
    /// How anchor values are turned into strings (users and groups alike).
    public var anchorFormat: AnchorFormat
    /// The group's immutable id attributes, first present wins.
    public var groupAnchorAttributes: [String]
    /// Attributes that give the userName, first present wins (`sAMAccountName`, then `userPrincipalName`).
    public var userNameAttributes: [String]
    public var displayNameAttribute: String?
    public var givenNameAttribute: String?
    public var familyNameAttribute: String?
    /// Attributes that give email addresses, in order; every value of every attribute is kept, duplicates removed.
    public var emailAttributes: [String]
    /// How a disabled account shows in the directory.
    public var disabled: DisabledRule
    /// The ways group membership is read; several can be combined.
    public var membership: [MembershipStyle]
    /// The group's name attribute (`cn`).
    public var groupNameAttribute: String
    /// The group's display name attribute, if any.
    public var groupDisplayNameAttribute: String?
    /// The attribute that orders changes, for incremental reads.
    public var modifyWatermark: WatermarkKind

    public init(
        name: String, userFilter: String, groupFilter: String, anchorAttributes: [String],
        anchorFormat: AnchorFormat = .string, groupAnchorAttributes: [String], userNameAttributes: [String],
        displayNameAttribute: String? = nil, givenNameAttribute: String? = nil, familyNameAttribute: String? = nil,
        emailAttributes: [String] = [], disabled: DisabledRule = .none, membership: [MembershipStyle],
        groupNameAttribute: String = "cn", groupDisplayNameAttribute: String? = nil,
        modifyWatermark: WatermarkKind = .modifyTimestamp
    ) {
        self.name = name
        self.userFilter = userFilter
        self.groupFilter = groupFilter
        self.anchorAttributes = anchorAttributes
        self.anchorFormat = anchorFormat
        self.groupAnchorAttributes = groupAnchorAttributes
        self.userNameAttributes = userNameAttributes
        self.displayNameAttribute = displayNameAttribute
        self.givenNameAttribute = givenNameAttribute
        self.familyNameAttribute = familyNameAttribute
        self.emailAttributes = emailAttributes
        self.disabled = disabled
        self.membership = membership
        self.groupNameAttribute = groupNameAttribute
        self.groupDisplayNameAttribute = groupDisplayNameAttribute
        self.modifyWatermark = modifyWatermark
    }

    /// The attributes to request for user entries, without duplicates (compared case-insensitively), in a stable order.
    public var userAttributes: [String] {
        var list = anchorAttributes + userNameAttributes
        list += [displayNameAttribute, givenNameAttribute, familyNameAttribute].compactMap { $0 }
        list += emailAttributes
        list += disabled.attributes
        for style in membership { list += style.userAttributes }
        list.append(modifyWatermark.attribute)
        return Self.unique(list)
    }

    /// The attributes to request for group entries, without duplicates, in a stable order.
    public var groupAttributes: [String] {
        var list = groupAnchorAttributes + [groupNameAttribute]
        if let groupDisplayNameAttribute { list.append(groupDisplayNameAttribute) }
        for style in membership { list += style.groupAttributes }
        list.append(modifyWatermark.attribute)
        return Self.unique(list)
    }

    private static func unique(_ attributes: [String]) -> [String] {
        var seen: Set<String> = []
        return attributes.filter { seen.insert($0.lowercased()).inserted }
    }
}
