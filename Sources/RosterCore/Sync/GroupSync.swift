import Foundation

/// Mirrors a source's groups and their direct memberships into the store, as set deltas.
struct GroupSync {
    let source: AccountSource
    let service: AccountService

    func apply(
        _ desired: [DesiredGroup], accountIDs: [String: UUID], complete: Bool, in tx: any SyncTransaction,
        _ outcome: inout SyncOutcome
    ) throws {
        var stored = try tx.groups(of: source)
        let now = service.now()
        var ids: [String: UUID] = stored.mapValues(\.id)
        for group in desired {
            if var existing = stored[group.anchor] {
                if existing.displayName != group.displayName || existing.externalId != group.externalId {
                    existing.displayName = group.displayName
                    existing.externalId = group.externalId
                    existing.updatedAt = now
                    existing.version += 1
                    try tx.update(existing)
                    outcome.count("groupsUpdated")
                }
            } else {
                let created = Group(id: service.ids.next(), source: source, sourceAnchor: group.anchor,
                                    externalId: group.externalId, displayName: group.displayName,
                                    createdAt: now, updatedAt: now)
                try tx.insert(created)
                stored[group.anchor] = created
                ids[group.anchor] = created.id
                outcome.count("groupsCreated")
            }
        }
        for group in desired {
            guard let id = ids[group.anchor] else { continue }
            let wanted = Set(group.memberAccountAnchors.compactMap { accountIDs[$0] }.map(GroupMember.account)
                + group.memberGroupAnchors.compactMap { ids[$0] }.map(GroupMember.group))
            let current = try tx.members(ofGroup: id)
            let added = wanted.subtracting(current)
            if !added.isEmpty {
                try tx.addMembers(Array(added), toGroup: id)
                outcome.count("membershipsAdded", added.count)
            }
            let removed = current.subtracting(wanted)
            if complete, !removed.isEmpty {
                try tx.removeMembers(Array(removed), fromGroup: id)
                outcome.count("membershipsRemoved", removed.count)
            }
        }
        guard complete else { return }
        let present = Set(desired.map(\.anchor))
        for (anchor, group) in stored where !present.contains(anchor) {
            try tx.deleteGroup(id: group.id)
            outcome.count("groupsDeleted")
        }
    }
}
