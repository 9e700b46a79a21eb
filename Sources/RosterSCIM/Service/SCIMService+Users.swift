import Foundation
import RosterCore

extension SCIMService {
    // MARK: reads

    public func getUser(id: String, client: SCIMClient, projection: SCIMProjection) async throws(SCIMError) -> Result {
        let key = Self.idKey(id)
        if projection.isIdentity {
            // The common GET: the stored body goes out without being parsed and rendered again.
            guard let record = try await read({ try $0.scimUserText(id: key, source: client.source, loadGroups: true) }) else {
                throw .notFound("no User with id \(id)")
            }
            return Result(resource: [:], version: record.account.version, id: record.account.id.lowercasedText,
                          json: try json(record))
        }
        let loadGroups = projection.includes("groups")
        guard let record = try await read({ try $0.scimUser(id: key, source: client.source, loadGroups: loadGroups, loadEmails: false) }) else {
            throw .notFound("no User with id \(id)")
        }
        return result(record, projection)
    }

    public func listUsers(_ request: SCIMListRequest, client: SCIMClient) async throws(SCIMError) -> JSONValue {
        let query = request.storeQuery(maxPageSize: settings.maxPageSize)
        let page = try await read { try $0.scimUsers(query, source: client.source) }
        let renderer = renderer
        let resources = page.items.map { record -> JSONValue in
            var record = record
            if !request.projection.includes("groups") { record.groups = nil }
            return .object(request.projection.apply(renderer.user(record)))
        }
        return SCIMListRequest.listResponse(total: page.total, startIndex: query.offset + 1, resources: resources)
    }

    /// ``listUsers(_:client:)`` as JSON text; without attribute selection each resource is written directly from
    /// its stored body (``SCIMRenderer/userJSON(_:)``), as `GET /Users/{id}` is.
    public func listUsersJSON(_ request: SCIMListRequest, client: SCIMClient) async throws(SCIMError) -> [UInt8] {
        guard request.projection.isIdentity else { return try await listUsers(request, client: client).jsonBytes() }
        let query = request.storeQuery(maxPageSize: settings.maxPageSize)
        let page = try await read { try $0.scimUsersText(query, source: client.source) }
        var out: [UInt8] = []
        out.reserveCapacity(256 + page.items.count * 900)
        out.append(contentsOf: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":"#.utf8)
        out.append(contentsOf: String(page.total).utf8)
        out.append(contentsOf: #","startIndex":"#.utf8)
        out.append(contentsOf: String(query.offset + 1).utf8)
        out.append(contentsOf: #","itemsPerPage":"#.utf8)
        out.append(contentsOf: String(page.items.count).utf8)
        out.append(contentsOf: #","Resources":["#.utf8)
        for (index, item) in page.items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: try json(item))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// The JSON of a user read with its body unparsed: written directly, or (a body the direct writer cannot walk)
    /// parsed and rendered.
    private func json(_ record: SCIMUserRecord) throws(SCIMError) -> [UInt8] {
        if let json = renderer.userJSON(record) { return json }
        var record = record
        if let text = record.bodyText {
            guard case .object(let members) = try? JSONValue.parse(text) else {
                throw .internalError("the store holds a malformed SCIM body")
            }
            record.body = members
        }
        return JSONValue.object(renderer.user(record)).jsonBytes()
    }

    // MARK: writes

    public func createUser(_ body: JSONValue, client: SCIMClient, projection: SCIMProjection) async throws(SCIMError) -> Result {
        var canonical = try SCIMResourceNormalizer(kind: .user, mode: settings.mode).normalize(body)
        let fields = try SCIMUserFields.extract(from: &canonical)
        let passwordHash = try hashPassword(fields.password)
        let storedBody = canonical
        let now = now()
        let newID = ids.next()
        let record = try await write { tx in
            try self.insertUser(fields, body: storedBody, passwordHash: passwordHash, client: client, newID: newID, now: now, tx)
        }
        return result(record, projection)
    }

    public func replaceUser(
        id: String, _ body: JSONValue, ifMatch: String?, client: SCIMClient, projection: SCIMProjection
    ) async throws(SCIMError) -> Result {
        var canonical = try SCIMResourceNormalizer(kind: .user, mode: settings.mode).normalize(body)
        let fields = try SCIMUserFields.extract(from: &canonical)
        let passwordHash = try hashPassword(fields.password)
        let storedBody = canonical
        let key = Self.idKey(id)
        let now = now()
        let record = try await write { tx in
            guard let existing = try tx.scimUser(id: key, source: client.source, loadGroups: false, loadEmails: true) else {
                throw SCIMError.notFound("no User with id \(id)")
            }
            try Self.checkPrecondition(ifMatch, version: existing.account.version)
            var updated = existing.account
            fields.apply(to: &updated)
            // Okta's full-replace PUT may omit `active`: the current value stays (and is still reported).
            var body = storedBody
            if let active = fields.active { updated.active = active } else { body["active"] = .bool(existing.account.active) }
            if let passwordHash {
                updated.passwordHash = passwordHash
                updated.authMethod = .password
            }
            return try self.saveUser(updated, body: body, replacing: existing, client: client, now: now, tx)
        }
        return result(record, projection)
    }

    public func patchUser(
        id: String, _ body: JSONValue, ifMatch: String?, client: SCIMClient, projection: SCIMProjection
    ) async throws(SCIMError) -> Result {
        let operations = try SCIMPatchOperation.parseRequest(body, mode: settings.mode)
        let key = Self.idKey(id)
        let now = now()
        let engine = SCIMPatchEngine(kind: .user, mode: settings.mode)
        // Passwords are hashed outside the transaction; a PATCH that sets one is rare, so it is read first.
        let passwordHash = try hashPassword(Self.patchedPassword(operations))
        let record = try await write { tx in
            guard let existing = try tx.scimUser(id: key, source: client.source, loadGroups: false, loadEmails: true) else {
                throw SCIMError.notFound("no User with id \(id)")
            }
            try Self.checkPrecondition(ifMatch, version: existing.account.version)
            var current = existing.body ?? SCIMRenderer.derivedBody(existing.account)
            current["userName"] = .string(existing.account.userName)
            if current["active"] != nil || existing.body == nil { current["active"] = .bool(existing.account.active) }
            if let externalId = existing.account.externalId { current["externalId"] = .string(externalId) }
            var patched = try engine.apply(operations, to: current).body
            // `remove active` unassigns the attribute but never changes the account's state: a value-less
            // operation must not reactivate anyone (nor deactivate). The body keeps a `null` marker so that the
            // resource no longer reports `active` until the client sets it again.
            if current["active"] != nil, patched["active"] == nil { patched["active"] = .null }
            let fields = try SCIMUserFields.extract(from: &patched)
            var updated = existing.account
            fields.apply(to: &updated)
            if let active = fields.active { updated.active = active }
            if let passwordHash {
                updated.passwordHash = passwordHash
                updated.authMethod = .password
            }
            return try self.saveUser(updated, body: patched, replacing: existing, client: client, now: now, tx)
        }
        return result(record, projection)
    }

    /// DELETE: the source's policy decides (deactivate and hide, or delete with everything that hangs off it).
    public func deleteUser(id: String, ifMatch: String?, client: SCIMClient) async throws(SCIMError) {
        let key = Self.idKey(id)
        let now = now()
        let policy = settings.deprovision
        try await write { tx in
            guard let existing = try tx.scimUser(id: key, source: client.source, loadGroups: true, loadEmails: true) else {
                throw SCIMError.notFound("no User with id \(id)")
            }
            try Self.checkPrecondition(ifMatch, version: existing.account.version)
            let account = existing.account
            let writes = self.writes(tx, client: client, now: now)
            // Membership in the client's groups ends either way.
            for group in existing.groups ?? [] {
                try tx.removeMemberIDs(GroupMemberIDs(accounts: [key]), fromGroup: group.id)
            }
            switch policy {
            case .delete:
                do {
                    try writes.delete(account)
                } catch let error as RosterError where error.code == .ownsResources {
                    throw SCIMError.conflict("the account owns resources; transfer them first (roster users transfer)")
                }
            case .deactivate:
                var updated = account
                updated.active = false
                try tx.setSCIMDeleted(accountID: key, at: now)
                try writes.save(account, as: updated, action: .accountDeactivated,
                                extra: ["scimDeleted": .bool(true)])
            }
        }
    }

    // MARK: transaction bodies

    /// Creates the account, revives one this client deleted, or takes over a local account under
    /// ``AdoptionPolicy`` (an unverified self signup squatting the userName or an address is replaced).
    func insertUser(
        _ fields: SCIMUserFields, body: [String: JSONValue], passwordHash: String?, client: SCIMClient, newID: UUID,
        now: Date, _ tx: any SCIMTransaction
    ) throws -> SCIMUserRecord {
        let source = client.source
        let writes = writes(tx, client: client, now: now)
        let resolver = settings.resolver(for: client)
        var holders: [UUID: Account] = [:]
        if let holder = try tx.account(userNameKey: UserNamePolicy.key(for: fields.userName)) { holders[holder.id] = holder }
        for email in fields.emails {
            if let holder = try tx.account(emailKey: EmailPolicy.key(for: email.value)) { holders[holder.id] = holder }
        }
        let authMethod = passwordHash == nil ? settings.authMethod : .password
        if let (_, holder) = holders.first {
            guard holders.count == 1 else {
                throw SCIMError.uniqueness("the userName and emails belong to different existing accounts")
            }
            if holder.source == source {
                // The client's own account, deleted under the deactivate policy: the same person comes back.
                guard try tx.isSCIMDeleted(accountID: holder.id.lowercasedText) else {
                    throw SCIMError.uniqueness("a User with this userName or email already exists")
                }
                var updated = holder
                fields.apply(to: &updated)
                updated.active = fields.active ?? true
                if let passwordHash {
                    updated.passwordHash = passwordHash
                    updated.authMethod = .password
                }
                try tx.setSCIMDeleted(accountID: holder.id.lowercasedText, at: nil)
                return try saveUser(updated, body: body, replacing: SCIMUserRecord(account: holder, body: nil),
                                    client: client, now: now, tx, action: .accountReactivated)
            }
            switch AdoptionPolicy.decide(holder, by: source, assertedEmails: fields.emails.map(\.value),
                                         adoptAccounts: settings.adoptAccounts) {
            case .refuse(let reason):
                throw SCIMError.uniqueness(reason)
            case .replaceUnverifiedSignup:
                try writes.replaceUnverifiedSignup(holder, for: source)
            case .adopt:
                let memberships = try tx.roleMemberships(accountID: holder.id.lowercasedText, source: source)
                let assignment = resolver.resolve(memberships: memberships, user: fields.userName)
                let adopted = try writes.adopt(
                    holder, into: source, assertedEmails: fields.emails.map(\.value), adoptAccounts: settings.adoptAccounts,
                    authMethod: authMethod, passwordHash: passwordHash
                ) { account in
                    fields.apply(to: &account)
                    account.active = fields.active ?? true
                    account.sourceAnchor = nil
                    account.role = assignment.role
                }
                try tx.setSCIMBody(accountID: adopted.id.lowercasedText, body: body)
                try tx.setRoleExplanation(accountID: adopted.id, source: source, explanation: Self.encode(assignment))
                return SCIMUserRecord(account: adopted, body: body, groups: [])
            }
        }
        let active = fields.active ?? true
        let assignment = resolver.resolve(memberships: [], user: fields.userName)
        let account = try writes.create(Account(
            id: newID, userName: fields.userName, displayName: fields.displayName, givenName: fields.givenName,
            familyName: fields.familyName, emails: fields.emails, active: active, role: assignment.role,
            authMethod: authMethod, source: source, externalId: fields.externalId,
            passwordHash: passwordHash, createdAt: now, updatedAt: now
        ))
        try tx.setSCIMBody(accountID: account.id.lowercasedText, body: body)
        try tx.setRoleExplanation(accountID: account.id, source: source, explanation: Self.encode(assignment))
        return SCIMUserRecord(account: account, body: body, groups: [])
    }

    /// Stores a changed user through the write path (``AccountWrites``: version, deactivation revoking sessions
    /// and tokens, the last superuser, the client's highest role), with the role recomputed from the client's
    /// groups and one audit entry with what changed (SCIM-only attributes by name).
    func saveUser(
        _ changed: Account, body: [String: JSONValue], replacing existing: SCIMUserRecord, client: SCIMClient, now: Date,
        _ tx: any SCIMTransaction, action explicitAction: AuditAction? = nil
    ) throws -> SCIMUserRecord {
        let original = existing.account
        var updated = changed
        let key = updated.id.lowercasedText
        let memberships = try tx.roleMemberships(accountID: key, source: client.source)
        let assignment = settings.resolver(for: client).resolve(memberships: memberships, user: updated.userName)
        updated.role = assignment.role
        let oldBody = existing.body ?? SCIMRenderer.derivedBody(original)
        let changedAttributes = Self.changedAttributeNames(oldBody, body)
        let extra: AuditSnapshot = changedAttributes.isEmpty ? [:] : ["scimAttributes": .list(changedAttributes)]
        let saved = try writes(tx, client: client, now: now).save(original, as: updated, action: explicitAction, extra: extra)
        guard saved != original else {
            return SCIMUserRecord(account: original, body: existing.body ?? oldBody, groups: existing.groups)
        }
        try tx.setSCIMBody(accountID: key, body: body)
        try tx.setRoleExplanation(accountID: updated.id, source: client.source, explanation: Self.encode(assignment))
        return SCIMUserRecord(account: saved, body: body, groups: existing.groups)
    }

    // MARK: helpers

    func result(_ record: SCIMUserRecord, _ projection: SCIMProjection) -> Result {
        let resource = renderer.user(record)
        return Result(resource: projection.apply(resource), version: record.account.version, id: record.account.id.lowercasedText)
    }

    func hashPassword(_ password: String?) throws(SCIMError) -> String? {
        guard let password else { return nil }
        do {
            try settings.passwordPolicy.validate(password)
        } catch {
            throw .invalidValue("'password': \(error.message)")
        }
        do {
            return try hasher.hash(password)
        } catch {
            throw .internalError("cannot hash the password")
        }
    }

    /// The password a PATCH sets, if any (path `password`, or a path-less value with `password`).
    static func patchedPassword(_ operations: [SCIMPatchOperation]) -> String? {
        for operation in operations.reversed() where operation.op != .remove {
            if operation.path?.lowercased() == "password", let text = operation.value?.stringValue { return text }
            if operation.path == nil, let text = operation.value?[key: "password"]?.stringValue { return text }
        }
        return nil
    }

    /// Top-level attribute names whose values differ (names only: the audit log holds no SCIM attribute values
    /// beyond the account snapshot).
    static func changedAttributeNames(_ old: [String: JSONValue], _ new: [String: JSONValue]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }

    static func encode(_ assignment: RoleAssignment) -> String? {
        guard let data = try? JSONEncoder().encode(assignment) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
