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
            let assignment = resolution.assignments[user.anchor] ?? RoleAssignment(role: resolver.defaultRole)
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
                role: role?.role ?? resolver.defaultRole, roleExplanation: role?.explanation))
        }
        if withoutName > 0 {
            warnings.append("\(withoutName) entr\(withoutName == 1 ? "y has" : "ies have") no userName attribute "
                + "(\(mapping.userNameAttributes.joined(separator: ", "))) and were skipped")
        }
        return Result(accounts: accounts, groups: groups.map { desiredGroups($0, graph: graph) }, warnings: warnings,
                      roles: roles)
    }

    /// Each group's direct members, as anchors of users and groups (in no particular order), read off the graph
    /// the roles were resolved on: the same membership rules decide both.
    func desiredGroups(_ groups: [DirectoryGroup], graph: GroupGraph) -> [DesiredGroup] {
        var accounts = Array(repeating: [String](), count: groups.count)
        for (userIndex, direct) in graph.directGroups.enumerated() {
            let anchor = graph.users[userIndex].anchor
            for group in direct { accounts[group].append(anchor) }
        }
        var nested = Array(repeating: [String](), count: groups.count)
        for (child, parents) in graph.parents.enumerated() {
            for parent in parents { nested[parent].append(groups[child].anchor) }
        }
        return groups.indices.map { index in
            let group = groups[index]
            // A user listed twice (say by member DN and by memberOf) is one membership.
            let members = accounts[index].count > 1 ? Array(Set(accounts[index])) : accounts[index]
            var desired = DesiredGroup(anchor: group.anchor, displayName: group.displayName ?? group.name,
                                       externalId: group.dn, memberAccountAnchors: members,
                                       memberGroupAnchors: nested[index])
            desired.contentDigest = Self.digest(group)
            return desired
        }
    }
}

extension DirectorySnapshotBuilder {
    /// The digest of a group's directory content: DN, names, member DN keys and member uids (order-independent).
    public static func digest(_ group: DirectoryGroup) -> String {
        // Member order does not count: an order-independent combination of each member's digest (no sort).
        StableDigest.hex(StableDigest.combine(StableDigest.value(group.dnKey + "\n" + group.name + "\n" + (group.displayName ?? "")),
                                              StableDigest.unordered(group.memberKeys), StableDigest.unordered(group.memberUids)))
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
