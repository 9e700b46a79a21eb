import Foundation

/// Mirrors a source's groups and their direct memberships into the store, as set deltas.
struct GroupSync {
    let source: AccountSource
    let service: AccountService

    func apply(
        _ desired: [DesiredGroup], accountIDs: [String: UUID], complete: Bool, onlyAccounts: Set<String>? = nil,
        in tx: any SyncTransaction, _ outcome: inout SyncOutcome
    ) throws {
        var stored = try tx.groups(of: source)
        let now = service.now()
        var ids: [String: UUID] = stored.mapValues(\.id)
        for group in desired {
            if var existing = stored[group.anchor] {
                if existing.displayName != group.displayName || existing.externalId != group.externalId
                    || existing.contentDigest != group.contentDigest {
                    existing.displayName = group.displayName
                    existing.externalId = group.externalId
                    existing.contentDigest = group.contentDigest
                    existing.updatedAt = now
                    existing.version += 1
                    try tx.update(existing)
                    outcome.count("groupsUpdated")
                }
            } else {
                var created = Group(id: service.ids.next(), source: source, sourceAnchor: group.anchor,
                                    externalId: group.externalId, displayName: group.displayName,
                                    createdAt: now, updatedAt: now)
                created.contentDigest = group.contentDigest
                try tx.insert(created)
                stored[group.anchor] = created
                ids[group.anchor] = created.id
                outcome.count("groupsCreated")
            }
        }
        let current = try tx.memberIDs(ofGroupsOf: source)
        var accountTexts: [String: String] = [:]
        accountTexts.reserveCapacity(accountIDs.count)
        for (anchor, id) in accountIDs { accountTexts[anchor] = id.lowercasedText }
        let groupTexts = ids.mapValues(\.lowercasedText)
        // `onlyAccounts`: the desired groups name only these accounts as members; everyone else's memberships stay.
        let onlyIDs = onlyAccounts.map { Set($0.compactMap { accountTexts[$0] }) }
        for group in desired {
            guard let idText = groupTexts[group.anchor] else { continue }
            let wanted = GroupMemberIDs(accounts: Set(group.memberAccountAnchors.compactMap { accountTexts[$0] }),
                                        groups: Set(group.memberGroupAnchors.compactMap { groupTexts[$0] }))
            let have = current[idText] ?? GroupMemberIDs()
            let added = GroupMemberIDs(accounts: wanted.accounts.subtracting(have.accounts),
                                       groups: wanted.groups.subtracting(have.groups))
            if added.count > 0 {
                try tx.addMemberIDs(added, toGroup: idText)
                outcome.count("membershipsAdded", added.count)
            }
            var gone = have.accounts.subtracting(wanted.accounts)
            if let onlyIDs { gone.formIntersection(onlyIDs) }
            let removed = GroupMemberIDs(accounts: gone, groups: have.groups.subtracting(wanted.groups))
            if complete, removed.count > 0 {
                try tx.removeMemberIDs(removed, fromGroup: idText)
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
