import RosterCore
import RosterLDAP

/// Reads users and groups out of LDAP entries according to a ``DirectoryMapping``.
struct LDAPEntryConverter {
    let mapping: DirectoryMapping

    /// The anchor: the first present anchor attribute, formatted (AD objectGUID as a GUID string).
    func anchor(_ entry: LDAPEntry, attributes: [String]) -> String? {
        for attribute in attributes {
            if let bytes = entry.bytes(attribute), !bytes.isEmpty {
                return mapping.anchorFormat.format(bytes)
            }
        }
        return nil
    }

    func user(_ entry: LDAPEntry) -> DirectoryUser? {
        guard let anchor = anchor(entry, attributes: mapping.anchorAttributes) else { return nil }
        var emails: [String] = []
        for attribute in mapping.emailAttributes {
            for value in entry.strings(attribute) where !emails.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) {
                emails.append(value)
            }
        }
        var memberOf: [String] = []
        var posixUid: String?
        for style in mapping.membership {
            switch style {
            case .memberOf(let attribute): memberOf += entry.strings(attribute).map(DistinguishedName.key)
            case .memberUid(_, let userAttribute): posixUid = entry.string(userAttribute)
            case .memberDNs: break
            }
        }
        let disabledValues = mapping.disabled.attribute.map { entry.strings($0) } ?? []
        return DirectoryUser(
            anchor: anchor, dn: entry.dn, dnKey: DistinguishedName.key(entry.dn),
            userName: mapping.userNameAttributes.lazy.compactMap { entry.string($0) }.first,
            displayName: mapping.displayNameAttribute.flatMap { entry.string($0) },
            givenName: mapping.givenNameAttribute.flatMap { entry.string($0) },
            familyName: mapping.familyNameAttribute.flatMap { entry.string($0) }, emails: emails,
            disabled: mapping.disabled.isDisabled(values: disabledValues), memberOfKeys: memberOf, posixUid: posixUid)
    }

    func group(_ entry: LDAPEntry) -> DirectoryGroup? {
        guard let anchor = anchor(entry, attributes: mapping.groupAnchorAttributes) else { return nil }
        var members: [String] = []
        var uids: [String] = []
        for style in mapping.membership {
            switch style {
            case .memberDNs(let attributes, _):
                for attribute in attributes { members += entry.strings(attribute).map(DistinguishedName.key) }
            case .memberUid(let attribute, _): uids += entry.strings(attribute)
            case .memberOf: break
            }
        }
        let name = entry.string(mapping.groupNameAttribute) ?? entry.dn
        return DirectoryGroup(anchor: anchor, dn: entry.dn, dnKey: DistinguishedName.key(entry.dn), name: name,
                              displayName: mapping.groupDisplayNameAttribute.flatMap { entry.string($0) },
                              memberKeys: members, memberUids: uids)
    }

    /// The change marker of an entry (`modifyTimestamp` or `uSNChanged`).
    func watermark(_ entry: LDAPEntry) -> String? {
        entry.string(mapping.modifyWatermark.attribute)
    }
}
