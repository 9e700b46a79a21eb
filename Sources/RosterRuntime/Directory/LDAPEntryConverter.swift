import RosterCore
import RosterLDAP

/// Reads users and groups out of LDAP entries according to a ``DirectoryMapping``.
///
/// The mapping's attribute names are lower-cased once here (entries are keyed by lower-cased names), and DN values
/// are keyed straight from their bytes: this runs for every entry and every member value of a sync.
struct LDAPEntryConverter {
    let mapping: DirectoryMapping
    private let anchors: [String]
    private let groupAnchors: [String]
    private let userNames: [String]
    private let displayName: String?
    private let givenName: String?
    private let familyName: String?
    private let emails: [String]
    private let disabled: [String]
    private let memberOf: [String]
    private let uidAttribute: String?
    private let memberDNs: [String]
    private let memberUids: [String]
    private let groupName: String
    private let groupDisplayName: String?
    private let watermarkAttribute: String

    init(mapping: DirectoryMapping) {
        self.mapping = mapping
        anchors = mapping.anchorAttributes.map { $0.lowercased() }
        groupAnchors = mapping.groupAnchorAttributes.map { $0.lowercased() }
        userNames = mapping.userNameAttributes.map { $0.lowercased() }
        displayName = mapping.displayNameAttribute?.lowercased()
        givenName = mapping.givenNameAttribute?.lowercased()
        familyName = mapping.familyNameAttribute?.lowercased()
        emails = mapping.emailAttributes.map { $0.lowercased() }
        disabled = mapping.disabled.attributes.map { $0.lowercased() }
        var memberOf: [String] = []
        var uidAttribute: String?
        var memberDNs: [String] = []
        var memberUids: [String] = []
        for style in mapping.membership {
            switch style {
            case .memberOf(let attribute): memberOf.append(attribute.lowercased())
            case .memberUid(let attribute, let userAttribute):
                memberUids.append(attribute.lowercased())
                uidAttribute = uidAttribute ?? userAttribute.lowercased()
            case .memberDNs(let attributes, _): memberDNs += attributes.map { $0.lowercased() }
            }
        }
        self.memberOf = memberOf
        self.uidAttribute = uidAttribute
        self.memberDNs = memberDNs
        self.memberUids = memberUids
        groupName = mapping.groupNameAttribute.lowercased()
        groupDisplayName = mapping.groupDisplayNameAttribute?.lowercased()
        watermarkAttribute = mapping.modifyWatermark.attribute.lowercased()
    }

    private func first(_ entry: LDAPEntry, _ key: String?) -> String? {
        guard let key, let bytes = entry.values(lowercased: key)?.first else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func strings(_ entry: LDAPEntry, _ key: String) -> [String] {
        (entry.values(lowercased: key) ?? []).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A user's anchor: the first present anchor attribute, formatted (AD objectGUID as a GUID string).
    func userAnchor(_ entry: LDAPEntry) -> String? { anchor(entry, keys: anchors) }

    private func anchor(_ entry: LDAPEntry, keys: [String]) -> String? {
        for key in keys {
            if let bytes = entry.values(lowercased: key)?.first, !bytes.isEmpty { return mapping.anchorFormat.format(bytes) }
        }
        return nil
    }

    func user(_ entry: LDAPEntry) -> DirectoryUser? {
        guard let anchor = userAnchor(entry) else { return nil }
        var addresses: [String] = []
        for key in emails {
            for value in strings(entry, key) where !addresses.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) {
                addresses.append(value)
            }
        }
        var memberOfKeys: [String] = []
        for key in memberOf {
            memberOfKeys += (entry.values(lowercased: key) ?? []).map(DistinguishedName.key(utf8:))
        }
        let isDisabled = disabled.isEmpty ? false : mapping.disabled.isDisabled(valuesOf: { strings(entry, $0.lowercased()) })
        return DirectoryUser(
            anchor: anchor, dn: entry.dn, dnKey: DistinguishedName.key(entry.dn),
            userName: userNames.lazy.compactMap { first(entry, $0) }.first,
            displayName: first(entry, displayName), givenName: first(entry, givenName), familyName: first(entry, familyName),
            emails: addresses, disabled: isDisabled, memberOfKeys: memberOfKeys,
            posixUid: first(entry, uidAttribute))
    }

    func group(_ entry: LDAPEntry) -> DirectoryGroup? {
        guard let anchor = anchor(entry, keys: groupAnchors) else { return nil }
        var members: [String] = []
        for key in memberDNs {
            if let values = entry.values(lowercased: key) {
                members.reserveCapacity(members.count + values.count)
                for value in values { members.append(DistinguishedName.key(utf8: value)) }
            }
        }
        var uids: [String] = []
        for key in memberUids { uids += strings(entry, key) }
        return DirectoryGroup(anchor: anchor, dn: entry.dn, dnKey: DistinguishedName.key(entry.dn),
                              name: first(entry, groupName) ?? entry.dn, displayName: first(entry, groupDisplayName),
                              memberKeys: members, memberUids: uids)
    }

    /// The change marker of an entry (`modifyTimestamp` or `uSNChanged`).
    func watermark(_ entry: LDAPEntry) -> String? {
        first(entry, watermarkAttribute)
    }
}
