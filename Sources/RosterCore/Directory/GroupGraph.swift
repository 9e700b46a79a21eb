/// Who belongs to which group, directly and through nested groups, resolved client-side from a directory read.
///
/// Direct membership comes from the mapping's styles: a group's member DNs naming the user's DN key, a posixGroup
/// `memberUid` equal to the user's ``DirectoryUser/posixUid`` (compared case-insensitively), or the user's own
/// ``DirectoryUser/memberOfKeys``. A group listed as a member of another group passes its members on (nesting), to any
/// depth; cycles terminate and are reported once each in ``cycles``.
///
/// Building indexes the groups once (DN key → group) and costs O(memberships); queries walk only the groups above
/// a user, so resolving a whole directory is O(memberships + groups × nested groups), not O(users × groups).
public struct GroupGraph: Sendable {
    /// The groups, in the order given.
    public let groups: [DirectoryGroup]
    /// The users, in the order given.
    public let users: [DirectoryUser]
    /// Every strongly connected set of groups that contain each other, reported once each.
    public let cycles: [GroupCycle]
    /// `parents[g]`: indexes of the groups that list group `g` as a member, ascending.
    let parents: [[Int]]
    /// `directGroups[u]`: indexes of the groups user `u` belongs to directly, ascending.
    let directGroups: [[Int]]
    let userIndexByAnchor: [String: Int]
    let groupIndexByKey: [String: Int]

    /// Builds the graph; `membership` selects which data count (all of it when `nil`): member DNs, memberUid,
    /// memberOf. When two groups share a DN key, the first one wins.
    public init(
        groups: [DirectoryGroup], users: [DirectoryUser], membership: [DirectoryMapping.MembershipStyle]? = nil
    ) {
        let kinds = Set((membership ?? [
            .memberDNs(attributes: [], ranged: false), .memberUid(attribute: "", userAttribute: ""), .memberOf(attribute: ""),
        ]).map(\.kind))
        var groupIndexByKey: [String: Int] = [:]
        groupIndexByKey.reserveCapacity(groups.count)
        for (index, group) in groups.enumerated() where groupIndexByKey[group.dnKey] == nil {
            groupIndexByKey[group.dnKey] = index
        }

        var parents = Array(repeating: [Int](), count: groups.count)
        var groupsByMemberKey: [String: [Int]] = [:]
        var groupsByUid: [String: [Int]] = [:]
        for (index, group) in groups.enumerated() {
            if kinds.contains("memberDNs") {
                for key in group.memberKeys {
                    if let child = groupIndexByKey[key] {
                        parents[child].append(index)
                    } else {
                        groupsByMemberKey[key, default: []].append(index)
                    }
                }
            }
            if kinds.contains("memberUid") {
                for uid in group.memberUids {
                    groupsByUid[uid.lowercased(), default: []].append(index)
                }
            }
        }

        var directGroups: [[Int]] = []
        directGroups.reserveCapacity(users.count)
        var userIndexByAnchor: [String: Int] = [:]
        userIndexByAnchor.reserveCapacity(users.count)
        for (index, user) in users.enumerated() {
            if userIndexByAnchor[user.anchor] == nil { userIndexByAnchor[user.anchor] = index }
            var direct = groupsByMemberKey[user.dnKey] ?? []
            if kinds.contains("memberUid"), let uid = user.posixUid, let byUid = groupsByUid[uid.lowercased()] {
                direct += byUid
            }
            if kinds.contains("memberOf") {
                direct += user.memberOfKeys.compactMap { groupIndexByKey[$0] }
            }
            directGroups.append(Self.sortedUnique(direct))
        }

        self.groups = groups
        self.users = users
        self.parents = parents.map(Self.sortedUnique)
        self.directGroups = directGroups
        self.userIndexByAnchor = userIndexByAnchor
        self.groupIndexByKey = groupIndexByKey
        self.cycles = Self.findCycles(groups: groups, parents: self.parents)
    }

    /// The user with this anchor, if the graph has it.
    public func user(anchor: String) -> DirectoryUser? {
        userIndexByAnchor[anchor].map { users[$0] }
    }

    /// The groups that list the user themselves, in input order; `nil` for an unknown anchor.
    public func directGroups(ofUser anchor: String) -> [DirectoryGroup]? {
        userIndexByAnchor[anchor].map { directGroups[$0].map { groups[$0] } }
    }

    /// Every group the user belongs to, directly or nested, each with a shortest path from a direct group;
    /// ordered by path length. `nil` for an unknown anchor.
    public func memberships(ofUser anchor: String) -> [GroupMembership]? {
        guard let userIndex = userIndexByAnchor[anchor] else { return nil }
        var search = UpwardSearch(groupCount: groups.count)
        search.run(from: directGroups[userIndex], parents: parents)
        return search.order.map { group in
            GroupMembership(group: groups[group].identity, path: search.path(to: group).map { groups[$0].name })
        }
    }

    private static func sortedUnique(_ values: [Int]) -> [Int] {
        guard values.count > 1 else { return values }
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for value in values.sorted() where result.last != value { result.append(value) }
        return result
    }
}
