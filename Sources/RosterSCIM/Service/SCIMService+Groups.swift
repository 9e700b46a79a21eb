import Foundation
import RosterCore

extension SCIMService {
    // MARK: reads

    public func getGroup(id: String, client: SCIMClient, projection: SCIMProjection) async throws(SCIMError) -> Result {
        let key = Self.idKey(id)
        let loadMembers = projection.includes("members")
        guard let record = try await read({ try $0.scimGroup(id: key, source: client.source, loadMembers: loadMembers) }) else {
            throw .notFound("no Group with id \(id)")
        }
        return result(record, projection)
    }

    /// Lists groups; `excludedAttributes=members` (as Entra ID asks) never loads a member.
    public func listGroups(_ request: SCIMListRequest, client: SCIMClient) async throws(SCIMError) -> JSONValue {
        let query = request.storeQuery(maxPageSize: settings.maxPageSize)
        let loadMembers = request.projection.includes("members")
        let page = try await read { try $0.scimGroups(query, source: client.source, loadMembers: loadMembers) }
        let renderer = renderer
        let resources = page.items.map { JSONValue.object(request.projection.apply(renderer.group($0))) }
        return SCIMListRequest.listResponse(total: page.total, startIndex: query.offset + 1, resources: resources)
    }

    // MARK: writes

    public func createGroup(_ body: JSONValue, client: SCIMClient, projection: SCIMProjection) async throws(SCIMError) -> Result {
        let canonical = try SCIMResourceNormalizer(kind: .group, mode: settings.mode).normalize(body)
        let fields = try GroupFields(canonical)
        let engine = SCIMPatchEngine(kind: .group, mode: settings.mode)
        let memberIDs = try engine.memberIDs(canonical["members"])
        let now = now()
        let newID = ids.next()
        let record = try await write { tx in
            let group = Group(
                id: newID, source: client.source, externalId: fields.externalId, displayName: fields.displayName,
                createdAt: now, updatedAt: now
            )
            try tx.insert(group)
            let key = group.id.lowercasedText
            let affected = try self.applyMemberChanges([.add(memberIDs)], to: key, client: client, tx)
            try tx.append(self.groupEvent(.groupCreated, group, client, before: nil, after: [
                "displayName": .string(group.displayName), "externalId": .optional(group.externalId),
                "membersAdded": .int(affected.added),
            ], at: now))
            try self.recomputeRoles(affected.accounts, client: client, now: now, tx)
            return try tx.scimGroup(id: key, source: client.source, loadMembers: projection.includes("members"))
        }
        guard let record else { throw .internalError("the group vanished while it was created") }
        return result(record, projection)
    }

    public func replaceGroup(
        id: String, _ body: JSONValue, ifMatch: String?, client: SCIMClient, projection: SCIMProjection
    ) async throws(SCIMError) -> Result {
        let canonical = try SCIMResourceNormalizer(kind: .group, mode: settings.mode).normalize(body)
        let fields = try GroupFields(canonical)
        let memberIDs = try SCIMPatchEngine(kind: .group, mode: settings.mode).memberIDs(canonical["members"])
        return try await changeGroup(
            id: id, ifMatch: ifMatch, client: client, projection: projection,
            fields: { _ in fields }, memberChanges: [.replace(memberIDs)]
        )
    }

    public func patchGroup(
        id: String, _ body: JSONValue, ifMatch: String?, client: SCIMClient, projection: SCIMProjection
    ) async throws(SCIMError) -> Result {
        let operations = try SCIMPatchOperation.parseRequest(body, mode: settings.mode)
        let engine = SCIMPatchEngine(kind: .group, mode: settings.mode)
        // The outcome's member changes do not depend on the stored body, so they are computed once up front.
        let probe = try engine.apply(operations, to: ["displayName": "-"])
        return try await changeGroup(
            id: id, ifMatch: ifMatch, client: client, projection: projection,
            fields: { current in
                var body: [String: JSONValue] = ["displayName": .string(current.displayName)]
                if let externalId = current.externalId { body["externalId"] = .string(externalId) }
                return try GroupFields(engine.apply(operations, to: body).body)
            },
            memberChanges: probe.memberChanges
        )
    }

    public func deleteGroup(id: String, ifMatch: String?, client: SCIMClient) async throws(SCIMError) {
        let key = Self.idKey(id)
        let now = now()
        try await write { tx in
            guard let record = try tx.scimGroup(id: key, source: client.source, loadMembers: false) else {
                throw SCIMError.notFound("no Group with id \(id)")
            }
            try Self.checkPrecondition(ifMatch, version: record.group.version)
            let reached = try tx.accountIDs(reachedBy: key)
            try tx.deleteGroup(id: record.group.id)
            try tx.append(self.groupEvent(.groupDeleted, record.group, client, before: [
                "displayName": .string(record.group.displayName),
            ], after: nil, at: now))
            try self.recomputeRoles(Set(reached), client: client, now: now, tx)
        }
    }

    // MARK: shared

    /// PUT and PATCH: new displayName/externalId from `fields`, member deltas, roles of everyone affected.
    private func changeGroup(
        id: String, ifMatch: String?, client: SCIMClient, projection: SCIMProjection,
        fields: @escaping @Sendable (Group) throws -> GroupFields, memberChanges: [SCIMMemberChange]
    ) async throws(SCIMError) -> Result {
        let key = Self.idKey(id)
        let now = now()
        let record = try await write { tx in
            guard let existing = try tx.scimGroup(id: key, source: client.source, loadMembers: false) else {
                throw SCIMError.notFound("no Group with id \(id)")
            }
            try Self.checkPrecondition(ifMatch, version: existing.group.version)
            let newFields = try fields(existing.group)
            var group = existing.group
            group.displayName = newFields.displayName
            group.externalId = newFields.externalId
            let renamed = group != existing.group
            let affected = try self.applyMemberChanges(memberChanges, to: key, client: client, tx)
            var accounts = affected.accounts
            if renamed {
                // Rules match groups by name: everyone the group reaches may change role.
                accounts.formUnion(try tx.accountIDs(reachedBy: key))
            }
            if renamed || affected.added + affected.removed > 0 {
                group.version += 1
                group.updatedAt = now
                try tx.update(group)
                var before: AuditSnapshot = [:]
                var after: AuditSnapshot = [:]
                if existing.group.displayName != group.displayName {
                    before["displayName"] = .string(existing.group.displayName)
                    after["displayName"] = .string(group.displayName)
                }
                if existing.group.externalId != group.externalId {
                    before["externalId"] = .optional(existing.group.externalId)
                    after["externalId"] = .optional(group.externalId)
                }
                if affected.added > 0 { after["membersAdded"] = .int(affected.added) }
                if affected.removed > 0 { after["membersRemoved"] = .int(affected.removed) }
                if !affected.changedIDs.isEmpty, affected.changedIDs.count <= 50 { after["members"] = .list(affected.changedIDs) }
                try tx.append(self.groupEvent(.groupUpdated, group, client, before: before, after: after, at: now))
            }
            try self.recomputeRoles(accounts, client: client, now: now, tx)
            return try tx.scimGroup(id: key, source: client.source, loadMembers: projection.includes("members"))
        }
        guard let record else { throw .internalError("the group vanished while it was changed") }
        return result(record, projection)
    }

    /// What member changes did: counts, changed ids, and the accounts whose role may have changed.
    struct MemberEffect {
        var added = 0
        var removed = 0
        var changedIDs: [String] = []
        var accounts: Set<String> = []
    }

    /// Applies member deltas as set operations; unknown ids (or ids of another source) are `invalidValue`.
    func applyMemberChanges(
        _ changes: [SCIMMemberChange], to groupID: String, client: SCIMClient, _ tx: any SCIMTransaction
    ) throws -> MemberEffect {
        var effect = MemberEffect()
        for change in changes {
            switch change {
            case .add(let ids), .replace(let ids):
                if case .replace = change {
                    let removed = try tx.removeAllMembers(groupID: groupID)
                    effect.removed += removed.count
                    effect.accounts.formUnion(removed)
                }
                let members = try classify(ids, groupID: groupID, client: client, tx)
                guard members.count > 0 else { continue }
                try tx.addMemberIDs(members, toGroup: groupID)
                effect.added += members.count
                effect.changedIDs += members.accounts.sorted() + members.groups.sorted()
                effect.accounts.formUnion(members.accounts)
                for nested in members.groups { effect.accounts.formUnion(try tx.accountIDs(reachedBy: nested)) }
            case .remove(let ids):
                let lowered = Set(ids.map { $0.lowercased() })
                let kinds = try tx.memberKinds(ids: Array(lowered), source: client.source)
                var members = GroupMemberIDs()
                for (id, kind) in kinds {
                    if kind == .user { members.accounts.insert(id) } else { members.groups.insert(id) }
                }
                try tx.removeMemberIDs(members, fromGroup: groupID)
                effect.removed += members.count
                effect.changedIDs += members.accounts.sorted() + members.groups.sorted()
                effect.accounts.formUnion(members.accounts)
                for nested in members.groups { effect.accounts.formUnion(try tx.accountIDs(reachedBy: nested)) }
            case .removeAll:
                let removed = try tx.removeAllMembers(groupID: groupID)
                effect.removed += removed.count
                effect.accounts.formUnion(removed)
            }
        }
        return effect
    }

    private func classify(_ ids: [String], groupID: String, client: SCIMClient, _ tx: any SCIMTransaction) throws -> GroupMemberIDs {
        let lowered = Array(Set(ids.map { $0.lowercased() }))
        guard !lowered.isEmpty else { return GroupMemberIDs() }
        let kinds = try tx.memberKinds(ids: lowered, source: client.source)
        if let missing = lowered.first(where: { kinds[$0] == nil }) {
            throw SCIMError.invalidValue("member '\(missing)' is not a User or Group of this client")
        }
        var members = GroupMemberIDs()
        for (id, kind) in kinds {
            if kind == .user {
                members.accounts.insert(id)
            } else {
                guard id != groupID else { throw SCIMError.invalidValue("a group cannot be a member of itself") }
                members.groups.insert(id)
            }
        }
        return members
    }

    /// Recomputes the role of each account from the groups it reaches; changed roles go through the write path
    /// (the last active superuser keeps the role: the whole request is refused).
    func recomputeRoles(_ accountIDs: Set<String>, client: SCIMClient, now: Date, _ tx: any SCIMTransaction) throws {
        let writes = writes(tx, client: client, now: now)
        let resolver = settings.resolver(for: client)
        for id in accountIDs.sorted() {
            guard let uuid = UUID(uuidString: id), let account = try tx.account(id: uuid), account.source == client.source else { continue }
            let memberships = try tx.roleMemberships(accountID: id, source: client.source)
            let assignment = resolver.resolve(memberships: memberships, user: account.userName)
            try tx.setRoleExplanation(accountID: uuid, source: client.source, explanation: Self.encode(assignment))
            try writes.changeRole(account, to: assignment.role)
        }
    }

    func result(_ record: SCIMGroupRecord, _ projection: SCIMProjection) -> Result {
        Result(resource: projection.apply(renderer.group(record)), version: record.group.version, id: record.group.id.lowercasedText)
    }

    func groupEvent(
        _ action: AuditAction, _ group: Group, _ client: SCIMClient, before: AuditSnapshot?, after: AuditSnapshot?, at: Date
    ) -> AuditEvent {
        AuditEvent(
            at: at, actor: "system", actorName: nil, via: client.source.rawValue, action: action, targetType: "group",
            targetID: group.id.lowercasedText, targetName: group.displayName, before: before, after: after
        )
    }
}

/// The columns of a canonical group body.
struct GroupFields: Sendable {
    var displayName: String
    var externalId: String?

    init(_ body: [String: JSONValue]) throws(SCIMError) {
        guard let name = body["displayName"]?.stringValue?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw .invalidValue("'displayName' is required")
        }
        displayName = name
        externalId = body["externalId"]?.stringValue
    }
}

extension SCIMService {
    /// `POST /.search` at the root (RFC 7644 §3.4.3): users then groups, one page over both. A comparison on an
    /// attribute one of the types lacks is false for resources of that type.
    public func searchAll(_ body: JSONValue, client: SCIMClient) async throws(SCIMError) -> JSONValue {
        let userRequest = try SCIMListRequest.parse(searchBody: body, kind: .user, mode: settings.mode)
        let groupRequest = try SCIMListRequest.parse(searchBody: body, kind: .group, mode: settings.mode)
        var userQuery = userRequest.storeQuery(maxPageSize: settings.maxPageSize)
        userQuery.unknownAttributesMatchNothing = true
        let query = userQuery
        let renderer = renderer
        let users = try await read { try $0.scimUsers(query, source: client.source) }
        var remaining = groupRequest.storeQuery(maxPageSize: settings.maxPageSize)
        remaining.offset = max(0, query.offset - users.total)
        remaining.limit = max(0, query.limit - users.items.count)
        remaining.unknownAttributesMatchNothing = true
        let groupQuery = remaining
        let loadMembers = groupRequest.projection.includes("members")
        let groups = try await read { try $0.scimGroups(groupQuery, source: client.source, loadMembers: loadMembers) }
        let resources = users.items.map { JSONValue.object(userRequest.projection.apply(renderer.user($0))) }
            + groups.items.map { JSONValue.object(groupRequest.projection.apply(renderer.group($0))) }
        return SCIMListRequest.listResponse(total: users.total + groups.total, startIndex: userRequest.startIndex, resources: resources)
    }
}
