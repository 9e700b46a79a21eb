import Foundation

/// Turns what was read from a directory (users, groups) into desired accounts with resolved roles and their
/// explanations, and desired groups with their direct members by anchor. Pure: no I/O.
public struct DirectorySnapshotBuilder: Sendable {
    public var mapping: DirectoryMapping
    public var resolver: RoleResolver

    public init(mapping: DirectoryMapping, rules: RoleRules, allowSuperuser: Bool) {
        self.mapping = mapping
        self.resolver = RoleResolver(rules: rules, allowSuperuser: allowSuperuser)
    }

    /// The result of ``build(users:groups:)``.
    public struct Result: Sendable {
        public var accounts: [DesiredAccount]
        public var groups: [DesiredGroup]?
        public var warnings: [String]
        /// Role and explanation of every user in the graph, by anchor (also of users not in `accounts`).
        public var roles: [String: (role: Role, explanation: String)]
    }

    /// - Parameters:
    ///   - users: the users read in full (they become desired accounts).
    ///   - scopeUsers: further users known only by anchor, DN and membership attributes (incremental runs): they take
    ///     part in role resolution but do not become desired accounts.
    ///   - groups: the groups, or nil when the source has no group search.
    public func build(users: [DirectoryUser], scopeUsers: [DirectoryUser] = [], groups: [DirectoryGroup]?) -> Result {
        let allUsers = users + scopeUsers
        let graph = GroupGraph(groups: groups ?? [], users: allUsers, membership: mapping.membership)
        let resolution = resolver.resolveAll(graph)
        var warnings = resolution.warnings.map(\.description)
        var encoder = ExplanationEncoder()
        var roles: [String: (role: Role, explanation: String)] = [:]
        roles.reserveCapacity(allUsers.count)
        for user in allUsers {
            let assignment = resolution.assignments[user.anchor] ?? RoleAssignment(role: resolver.rules.defaultRole)
            roles[user.anchor] = (assignment.role, encoder.encode(assignment))
        }
        var accounts: [DesiredAccount] = []
        accounts.reserveCapacity(users.count)
        var withoutName = 0
        for user in users {
            guard let userName = user.userName, !userName.isEmpty else {
                withoutName += 1
                continue
            }
            let role = roles[user.anchor]
            accounts.append(DesiredAccount(
                anchor: user.anchor, externalId: user.dn, userName: userName, displayName: user.displayName,
                givenName: user.givenName, familyName: user.familyName, emails: user.emails, enabled: !user.disabled,
                role: role?.role ?? resolver.rules.defaultRole, roleExplanation: role?.explanation))
        }
        if withoutName > 0 {
            warnings.append("\(withoutName) entr\(withoutName == 1 ? "y has" : "ies have") no userName attribute "
                + "(\(mapping.userNameAttributes.joined(separator: ", "))) and were skipped")
        }
        return Result(accounts: accounts, groups: groups.map { desiredGroups($0, users: allUsers) }, warnings: warnings,
                      roles: roles)
    }

    /// Each group's direct members, as anchors of users and groups.
    func desiredGroups(_ groups: [DirectoryGroup], users: [DirectoryUser]) -> [DesiredGroup] {
        var userByKey: [String: String] = [:]
        var userByUid: [String: String] = [:]
        for user in users {
            userByKey[user.dnKey] = user.anchor
            if let uid = user.posixUid { userByUid[uid] = user.anchor }
        }
        var groupByKey: [String: String] = [:]
        for group in groups where groupByKey[group.dnKey] == nil { groupByKey[group.dnKey] = group.anchor }
        var memberOf: [String: [String]] = [:]
        for user in users {
            for key in user.memberOfKeys { if let group = groupByKey[key] { memberOf[group, default: []].append(user.anchor) } }
        }
        return groups.map { group in
            var accounts = Set(memberOf[group.anchor] ?? [])
            var nested: Set<String> = []
            for key in group.memberKeys {
                if let anchor = userByKey[key] { accounts.insert(anchor) } else if let anchor = groupByKey[key] { nested.insert(anchor) }
            }
            for uid in group.memberUids { if let anchor = userByUid[uid] { accounts.insert(anchor) } }
            var desired = DesiredGroup(anchor: group.anchor, displayName: group.displayName ?? group.name,
                                       externalId: group.dn, memberAccountAnchors: accounts.sorted(),
                                       memberGroupAnchors: nested.sorted())
            desired.contentDigest = Self.digest(group)
            return desired
        }
    }
}

extension DirectorySnapshotBuilder {
    /// The digest of a group's directory content: DN, names, member DN keys and member uids (order-independent).
    public static func digest(_ group: DirectoryGroup) -> String {
        StableDigest.hex(([group.dnKey, group.name, group.displayName ?? ""] + group.memberKeys.sorted() + ["|"]
            + group.memberUids.sorted()).joined(separator: "\n"))
    }
}

/// Encodes role assignments as JSON, caching by everything but the user (most users share a handful of answers).
struct ExplanationEncoder {
    private var cache: [RoleAssignment: String] = [:]
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    mutating func encode(_ assignment: RoleAssignment) -> String {
        var key = assignment
        key.user = nil
        if let cached = cache[key] { return cached }
        let json = (try? encoder.encode(key)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        cache[key] = json
        return json
    }
}
