extension DirectoryMapping {
    /// OpenLDAP: inetOrgPerson users anchored by entryUUID; groupOfNames, groupOfUniqueNames and posixGroup groups;
    /// ppolicy's `pwdAccountLockedTime` marks a locked account. Same as `Mappings/openldap.plist`.
    public static let openLDAP = DirectoryMapping(
        name: "openldap",
        userFilter: "(objectClass=inetOrgPerson)",
        groupFilter: "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))",
        anchorAttributes: ["entryUUID"],
        anchorFormat: .string,
        groupAnchorAttributes: ["entryUUID"],
        userNameAttributes: ["uid"],
        displayNameAttribute: "cn",
        givenNameAttribute: "givenName",
        familyNameAttribute: "sn",
        emailAttributes: ["mail"],
        disabled: .presence(attribute: "pwdAccountLockedTime"),
        membership: [
            .memberDNs(attributes: ["member", "uniqueMember"], ranged: false),
            .memberUid(attribute: "memberUid", userAttribute: "uid"),
        ],
        groupNameAttribute: "cn",
        groupDisplayNameAttribute: nil,
        modifyWatermark: .modifyTimestamp
    )

    /// Active Directory: person users anchored by objectGUID, `sAMAccountName` then `userPrincipalName`,
    /// `userAccountControl` bit 0x2 (disabled) or `msDS-User-Account-Control-Computed` bit 0x10 (locked out) for
    /// inactive, ranged `member` lists and `uSNChanged`.
    /// Same as `Mappings/activedirectory.plist`.
    public static let activeDirectory = DirectoryMapping(
        name: "activedirectory",
        userFilter: "(&(objectCategory=person)(objectClass=user))",
        groupFilter: "(objectClass=group)",
        anchorAttributes: ["objectGUID"],
        anchorFormat: .guid,
        groupAnchorAttributes: ["objectGUID"],
        userNameAttributes: ["sAMAccountName", "userPrincipalName"],
        displayNameAttribute: "displayName",
        givenNameAttribute: "givenName",
        familyNameAttribute: "sn",
        emailAttributes: ["mail", "userPrincipalName"],
        disabled: .anyOf([
            .userAccountControlBit(attribute: "userAccountControl", mask: 0x2),
            .userAccountControlBit(attribute: "msDS-User-Account-Control-Computed", mask: 0x10),
        ]),
        membership: [.memberDNs(attributes: ["member"], ranged: true)],
        groupNameAttribute: "cn",
        groupDisplayNameAttribute: "displayName",
        modifyWatermark: .usnChanged
    )

    /// 389-DS and FreeIPA: `ipaUniqueID` falling back to `nsUniqueId`, `nsAccountLock` = TRUE for disabled,
    /// groupOfNames `member`. Same as `Mappings/freeipa.plist`. Not `memberOf`: 389-DS's memberOf plug-in (on in every
    /// FreeIPA) lists nested groups too, which would make a member of platform-team a direct member of every group
    /// above it (wrong group mirror, explanations without the nested path); the groups are read in full anyway.
    public static let freeIPA = DirectoryMapping(
        name: "freeipa",
        userFilter: "(objectClass=inetOrgPerson)",
        groupFilter: "(objectClass=groupOfNames)",
        anchorAttributes: ["ipaUniqueID", "nsUniqueId"],
        anchorFormat: .string,
        groupAnchorAttributes: ["ipaUniqueID", "nsUniqueId"],
        userNameAttributes: ["uid"],
        displayNameAttribute: "displayName",
        givenNameAttribute: "givenName",
        familyNameAttribute: "sn",
        emailAttributes: ["mail"],
        disabled: .booleanAttribute(attribute: "nsAccountLock", disabledWhen: "TRUE"),
        membership: [.memberDNs(attributes: ["member"], ranged: false)],
        groupNameAttribute: "cn",
        groupDisplayNameAttribute: nil,
        modifyWatermark: .modifyTimestamp
    )

    /// The shipped presets, by name.
    public static let presets: [String: DirectoryMapping] = [
        openLDAP.name: openLDAP, activeDirectory.name: activeDirectory, freeIPA.name: freeIPA,
    ]
}
