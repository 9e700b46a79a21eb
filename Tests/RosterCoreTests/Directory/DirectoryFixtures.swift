import Foundation
import RosterCore

/// Builders for directory test data; they build inputs only, the tests keep their own `#expect`s.
enum DirectoryFixtures {
    /// The test DN normaliser: lower-cased, spaces around `,` and `=` removed.
    static func dnKey(_ dn: String) -> String {
        dn.lowercased()
            .split(separator: ",").map { part in
                part.split(separator: "=", maxSplits: 1)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "=")
            }
            .joined(separator: ",")
    }

    static func userDN(_ name: String) -> String { "uid=\(name),ou=people,dc=example,dc=org" }
    static func groupDN(_ name: String) -> String { "cn=\(name),ou=groups,dc=example,dc=org" }

    static func user(_ name: String, memberOf: [String] = [], posixUid: String? = nil) -> DirectoryUser {
        DirectoryUser(
            anchor: "anchor-\(name)", dn: userDN(name), dnKey: dnKey(userDN(name)), userName: name,
            memberOfKeys: memberOf.map { dnKey(groupDN($0)) }, posixUid: posixUid
        )
    }

    /// A group whose members are users (`users`) and nested groups (`groups`), by name.
    static func group(
        _ name: String, users: [String] = [], groups: [String] = [], memberUids: [String] = [], displayName: String? = nil
    ) -> DirectoryGroup {
        DirectoryGroup(
            anchor: "anchor-\(name)", dn: groupDN(name), dnKey: dnKey(groupDN(name)), name: name, displayName: displayName,
            memberKeys: users.map { dnKey(userDN($0)) } + groups.map { dnKey(groupDN($0)) }, memberUids: memberUids
        )
    }

    /// The rules of the shipped `Mappings/roles.plist`.
    static let sampleRules = RoleRules(
        rules: [
            RoleRule(group: "roster-superusers", role: .superuser, dnKey: dnKey),
            RoleRule(group: "roster-admins", role: .admin, dnKey: dnKey),
            RoleRule(group: "staff", role: .member, dnKey: dnKey),
            RoleRule(group: "contractors", role: .guest, dnKey: dnKey),
        ],
        defaultRole: .guest
    )

    /// The repository's `Mappings/` folder, found from this file (tests may read files; the core may not).
    static func mappingsFile(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mappings").appendingPathComponent(name)
    }

    static func propertyList(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: mappingsFile(name))
        let value = try PropertyListSerialization.propertyList(from: data, format: nil)
        guard let dict = value as? [String: Any] else { throw CocoaError(.propertyListReadCorrupt) }
        return dict
    }
}
