import Foundation
import GRDB
import RosterCore
import RosterSCIM

extension GRDBAccountTransaction: SCIMTransaction {
    // MARK: users

    func scimUser(id: String, source: AccountSource, loadGroups: Bool, loadEmails: Bool) throws -> SCIMUserRecord? {
        try scimUser(id: id, source: source, loadGroups: loadGroups, loadEmails: loadEmails, parse: true)
    }

    func scimUserText(id: String, source: AccountSource, loadGroups: Bool) throws -> SCIMUserRecord? {
        try scimUser(id: id, source: source, loadGroups: loadGroups, loadEmails: false, parse: false)
    }

    private func scimUser(id: String, source: AccountSource, loadGroups: Bool, loadEmails: Bool, parse: Bool) throws -> SCIMUserRecord? {
        // A GET is the hottest SCIM route: its two queries are read straight off SQLite's columns.
        var statement = try BoundStatement(db, sql: """
            SELECT \(Self.accountColumns), scim_json FROM account a
            WHERE id = ? AND source = ? AND scim_deleted_at IS NULL
            """)
        statement.bind(id)
        statement.bind(source.rawValue)
        guard try statement.nextRow() else { return nil }
        let bodyText = statement.text(18)
        let decoded = Result { try Columns.account(columns: statement, emails: []) }
        statement.finish()  // the id is unique
        var account = try decoded.get()
        if loadEmails || bodyText == nil { account.emails = try emails(ofAccountID: id) }
        let body = parse ? try Self.decodeBody(bodyText) : nil
        var groups: [SCIMReference]?
        if loadGroups {
            var list: [SCIMReference] = []
            var rows = try BoundStatement(db, sql: """
                SELECT g.id, g.display_name FROM group_member_account m
                JOIN account_group g ON g.id = m.group_id WHERE m.account_id = ?
                """)
            rows.bind(id)
            while try rows.nextRow() {
                list.append(SCIMReference(id: rows.text(0) ?? "", type: .group, display: rows.text(1)))
            }
            // Ordered as the list queries order them (display name, then id, by bytes), without SQLite's sorter:
            // a user has a few groups.
            if list.count > 1 {
                list.sort { a, b in
                    let (left, right) = (a.display ?? "", b.display ?? "")
                    return left != right ? left.utf8.lexicographicallyPrecedes(right.utf8) : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
                }
            }
            groups = list
        }
        return SCIMUserRecord(account: account, body: body, groups: groups, bodyText: parse ? nil : bodyText)
    }

    func scimUsers(_ query: SCIMStoreQuery, source: AccountSource) throws -> SCIMPage<SCIMUserRecord> {
        try scimUsers(query, source: source, parse: true)
    }

    func scimUsersText(_ query: SCIMStoreQuery, source: AccountSource) throws -> SCIMPage<SCIMUserRecord> {
        try scimUsers(query, source: source, parse: false)
    }

    private func scimUsers(_ query: SCIMStoreQuery, source: AccountSource, parse: Bool) throws -> SCIMPage<SCIMUserRecord> {
        var filter = SCIMSQLFilter(kind: .user, unknownAttributesMatchNothing: query.unknownAttributesMatchNothing)
        // The LIKE term lets `externalId eq` use the SCIM-only partial index on (source, external_id).
        var condition = "a.source = ? AND a.source LIKE 'scim:%' AND a.scim_deleted_at IS NULL"
        if let scimFilter = query.filter { condition += " AND " + (try filter.condition(scimFilter)) }
        let arguments = StatementArguments([source.rawValue] + filter.arguments)
        let total = try Int.fetchOne(dynamicStatement("SELECT count(*) FROM account a WHERE \(condition)"), arguments: arguments) ?? 0
        guard query.limit > 0, query.offset < total else { return SCIMPage(total: total, items: []) }
        let order = try Self.userOrder(query)
        let rows = try Row.fetchAll(dynamicStatement("""
            SELECT \(Self.prefixed("a", Self.accountColumns)), a.scim_json FROM account a WHERE \(condition)
            ORDER BY \(order) LIMIT ? OFFSET ?
            """), arguments: arguments + [query.limit, query.offset])
        return SCIMPage(total: total, items: try userRecords(rows, loadGroups: true, loadEmails: false, parse: parse))
    }

    func setSCIMBody(accountID: String, body: [String: JSONValue]?) throws {
        let text = body.map { JSONValue.object($0).jsonText }
        try db.cachedStatement(sql: "UPDATE account SET scim_json = ? WHERE id = ?").execute(arguments: [text, accountID])
    }

    func setSCIMDeleted(accountID: String, at: Date?) throws {
        try db.cachedStatement(sql: "UPDATE account SET scim_deleted_at = ? WHERE id = ?")
            .execute(arguments: [at.map(Columns.time), accountID])
    }

    func isSCIMDeleted(accountID: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT scim_deleted_at IS NOT NULL FROM account WHERE id = ?"),
                          arguments: [accountID]) ?? false
    }

    /// Decodes account rows (account columns, then scim_json) with, when asked, their groups. Emails are loaded
    /// when `loadEmails` (writes compare accounts) or when there is no SCIM body to render from; a read of a SCIM
    /// user renders its emails from the body and skips that query.
    private func userRecords(_ rows: [Row], loadGroups: Bool, loadEmails: Bool, parse: Bool) throws -> [SCIMUserRecord] {
        guard !rows.isEmpty else { return [] }
        let ids: [String] = rows.map { $0[0] }
        let placeholders = databaseQuestionMarks(count: ids.count)
        var emails: [String: [AccountEmail]] = [:]
        let emailIDs: [String] = loadEmails ? ids : rows.filter { ($0[18] as String?) == nil }.map { $0[0] }
        if !emailIDs.isEmpty {
            for row in try Row.fetchAll(dynamicStatement("""
                SELECT account_id, value, type, is_primary, verified FROM account_email
                WHERE account_id IN (\(databaseQuestionMarks(count: emailIDs.count))) ORDER BY account_id, position
                """), arguments: StatementArguments(emailIDs)) {
                emails[row[0], default: []].append(AccountEmail(value: row[1], type: row[2], primary: row[3], verified: row[4]))
            }
        }
        var groups: [String: [SCIMReference]] = [:]
        if loadGroups {
            for row in try Row.fetchAll(dynamicStatement("""
                SELECT m.account_id, g.id, g.display_name FROM group_member_account m JOIN account_group g ON g.id = m.group_id
                WHERE m.account_id IN (\(placeholders)) ORDER BY g.display_name, g.id
                """), arguments: StatementArguments(ids)) {
                groups[row[0], default: []].append(SCIMReference(id: row[1], type: .group, display: row[2]))
            }
        }
        return try rows.map { row in
            let id: String = row[0]
            let account = try Columns.account(row, emails: emails[id] ?? [])
            let text: String? = row[18]
            return SCIMUserRecord(account: account, body: parse ? try Self.decodeBody(text) : nil,
                                  groups: loadGroups ? (groups[id] ?? []) : nil, bodyText: parse ? nil : text)
        }
    }

    static func decodeBody(_ text: String?) throws -> [String: JSONValue]? {
        guard let text else { return nil }
        guard case .object(let members) = try JSONValue.parse(Array(text.utf8)) else {
            throw RosterError(.storeFailure, "the store holds a malformed SCIM body")
        }
        return members
    }

    private static func userOrder(_ query: SCIMStoreQuery) throws -> String {
        let direction = query.descending ? "DESC" : "ASC"
        guard let sortBy = query.sortBy else { return "a.created_at \(direction), a.id \(direction)" }
        let name = sortBy.attribute.lowercased()
        let sub = sortBy.subAttribute?.lowercased()
        let expression: String
        switch (name, sub) {
        case ("id", nil): expression = "a.id"
        case ("username", nil): expression = "a.user_name_key"
        case ("externalid", nil): expression = "a.external_id"
        case ("displayname", nil): expression = "lower(a.display_name)"
        case ("active", nil): expression = "a.active"
        case ("name", "givenname"?): expression = "lower(a.given_name)"
        case ("name", "familyname"?): expression = "lower(a.family_name)"
        case ("meta", "created"?): expression = "a.created_at"
        case ("meta", "lastmodified"?): expression = "a.updated_at"
        case ("emails", _):
            expression = "(SELECT e.value_key FROM account_email e WHERE e.account_id = a.id ORDER BY e.is_primary DESC, e.position LIMIT 1)"
        default:
            // Any other singular attribute of the schema, read from the body (names come from the schema).
            let schema = sortBy.schemaURN.flatMap { SCIMResourceKind.user.schema($0) } ?? SCIMSchemaCatalog.user
            guard let attribute = schema.attribute(named: sortBy.attribute), !attribute.multiValued else {
                throw SCIMError.invalidValue("cannot sort by '\(sortBy)'")
            }
            var keys = schema.id == SCIMSchemaCatalog.userSchemaID ? [attribute.name] : [schema.id, attribute.name]
            if let subName = sortBy.subAttribute {
                guard let found = attribute.subAttribute(named: subName) else { throw SCIMError.invalidValue("cannot sort by '\(sortBy)'") }
                keys.append(found.name)
            }
            expression = "json_extract(a.scim_json, '\(SCIMSQLFilter.jsonPath(keys))')"
        }
        // SCIM sorts missing values last in ascending order (RFC 7644 §3.4.2.3).
        return "(\(expression) IS NULL) \(query.descending ? "DESC" : "ASC"), \(expression) \(direction), a.created_at, a.id"
    }

    static func prefixed(_ alias: String, _ columns: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }.joined(separator: ", ")
    }

    // MARK: groups

    func scimGroup(id: String, source: AccountSource, loadMembers: Bool) throws -> SCIMGroupRecord? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, source, source_anchor, external_id, display_name, created_at, updated_at, version
            FROM account_group g WHERE id = ? AND source = ?
            """), arguments: [id, source.rawValue]) else { return nil }
        let group = try Self.group(row)
        return SCIMGroupRecord(group: group, members: loadMembers ? try members(ofGroup: id) : nil)
    }

    func scimGroups(_ query: SCIMStoreQuery, source: AccountSource, loadMembers: Bool) throws -> SCIMPage<SCIMGroupRecord> {
        var filter = SCIMSQLFilter(kind: .group, unknownAttributesMatchNothing: query.unknownAttributesMatchNothing)
        var condition = "g.source = ?"
        if let scimFilter = query.filter { condition += " AND " + (try filter.condition(scimFilter)) }
        let arguments = StatementArguments([source.rawValue] + filter.arguments)
        let total = try Int.fetchOne(dynamicStatement("SELECT count(*) FROM account_group g WHERE \(condition)"), arguments: arguments) ?? 0
        guard query.limit > 0, query.offset < total else { return SCIMPage(total: total, items: []) }
        let direction = query.descending ? "DESC" : "ASC"
        let order: String
        switch (query.sortBy?.attribute.lowercased(), query.sortBy?.subAttribute?.lowercased()) {
        case (nil, _): order = "g.created_at \(direction), g.id \(direction)"
        case ("displayname"?, nil): order = "lower(g.display_name) \(direction), g.id"
        case ("externalid"?, nil): order = "(g.external_id IS NULL) \(direction), g.external_id \(direction), g.id"
        case ("id"?, nil): order = "g.id \(direction)"
        case ("meta"?, "created"?): order = "g.created_at \(direction), g.id"
        case ("meta"?, "lastmodified"?): order = "g.updated_at \(direction), g.id"
        default: throw SCIMError.invalidValue("cannot sort groups by '\(query.sortBy?.description ?? "")'")
        }
        let rows = try Row.fetchAll(dynamicStatement("""
            SELECT id, source, source_anchor, external_id, display_name, created_at, updated_at, version
            FROM account_group g WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?
            """), arguments: arguments + [query.limit, query.offset])
        return SCIMPage(total: total, items: try rows.map { row in
            let group = try Self.group(row)
            return SCIMGroupRecord(group: group, members: loadMembers ? try members(ofGroup: group.id.lowercasedText) : nil)
        })
    }

    private func members(ofGroup id: String) throws -> [SCIMReference] {
        var result: [SCIMReference] = []
        let accounts = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT a.id, coalesce(a.display_name, a.user_name) FROM group_member_account m JOIN account a ON a.id = m.account_id
            WHERE m.group_id = ? ORDER BY a.id
            """), arguments: [id])
        while let row = try accounts.next() { result.append(SCIMReference(id: row[0], type: .user, display: row[1])) }
        let groups = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT g.id, g.display_name FROM group_member_group m JOIN account_group g ON g.id = m.member_group_id
            WHERE m.group_id = ? ORDER BY g.id
            """), arguments: [id])
        while let row = try groups.next() { result.append(SCIMReference(id: row[0], type: .group, display: row[1])) }
        return result
    }

    private static func group(_ row: Row) throws -> Group {
        guard let source = AccountSource(rawValue: row["source"]) else {
            throw RosterError(.storeFailure, "the store holds a group with an unknown source")
        }
        return Group(
            id: try Columns.uuid(row, "id"), source: source, sourceAnchor: row["source_anchor"],
            externalId: row["external_id"], displayName: row["display_name"], createdAt: Columns.date(row["created_at"]),
            updatedAt: Columns.date(row["updated_at"]), version: row["version"]
        )
    }

    func memberKinds(ids: [String], source: AccountSource) throws -> [String: SCIMResourceKind] {
        var result: [String: SCIMResourceKind] = [:]
        let account = try db.cachedStatement(sql: "SELECT 1 FROM account WHERE id = ? AND source = ? AND scim_deleted_at IS NULL")
        let group = try db.cachedStatement(sql: "SELECT 1 FROM account_group WHERE id = ? AND source = ?")
        for id in ids {
            if try Bool.fetchOne(account, arguments: [id, source.rawValue]) != nil {
                result[id] = .user
            } else if try Bool.fetchOne(group, arguments: [id, source.rawValue]) != nil {
                result[id] = .group
            }
        }
        return result
    }

    func removeAllMembers(groupID: String) throws -> [String] {
        let accounts = try String.fetchAll(db.cachedStatement(sql: "SELECT account_id FROM group_member_account WHERE group_id = ?"),
                                           arguments: [groupID])
        try db.cachedStatement(sql: "DELETE FROM group_member_account WHERE group_id = ?").execute(arguments: [groupID])
        let nested = try String.fetchAll(db.cachedStatement(sql: "SELECT member_group_id FROM group_member_group WHERE group_id = ?"),
                                         arguments: [groupID])
        var reached = accounts
        for group in nested { reached += try accountIDs(reachedBy: group) }
        try db.cachedStatement(sql: "DELETE FROM group_member_group WHERE group_id = ?").execute(arguments: [groupID])
        return reached
    }

    // MARK: roles

    func roleMemberships(accountID: String, source: AccountSource) throws -> [GroupMembership] {
        // Breadth first upwards from the account's direct groups, so each group is reached by its shortest path.
        let direct = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT g.id, g.display_name, g.external_id FROM group_member_account m JOIN account_group g ON g.id = m.group_id
            WHERE m.account_id = ? AND g.source = ?
            """), arguments: [accountID, source.rawValue])
        var result: [GroupMembership] = []
        var seen: Set<String> = []
        var frontier: [(id: String, path: [String])] = []
        for row in direct {
            let id: String = row[0]
            guard seen.insert(id).inserted else { continue }
            let identity = Self.identity(name: row[1], externalId: row[2])
            result.append(GroupMembership(group: identity, path: [identity.displayName]))
            frontier.append((id, [identity.displayName]))
        }
        let parents = try db.cachedStatement(sql: """
            SELECT g.id, g.display_name, g.external_id FROM group_member_group m JOIN account_group g ON g.id = m.group_id
            WHERE m.member_group_id = ? AND g.source = ?
            """)
        while !frontier.isEmpty {
            var next: [(id: String, path: [String])] = []
            for (id, path) in frontier {
                for row in try Row.fetchAll(parents, arguments: [id, source.rawValue]) {
                    let parentID: String = row[0]
                    guard seen.insert(parentID).inserted else { continue }  // cycles end here
                    let identity = Self.identity(name: row[1], externalId: row[2])
                    let parentPath = path + [identity.displayName]
                    result.append(GroupMembership(group: identity, path: parentPath))
                    next.append((parentID, parentPath))
                }
            }
            frontier = next
        }
        return result
    }

    private static func identity(name: String, externalId: String?) -> GroupIdentity {
        GroupIdentity(dnKey: nil, names: externalId.map { [name, $0] } ?? [name])
    }

    func accountIDs(reachedBy groupID: String) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            WITH RECURSIVE down(id) AS (
                SELECT ? UNION SELECT m.member_group_id FROM group_member_group m JOIN down ON m.group_id = down.id
            )
            SELECT DISTINCT account_id FROM group_member_account WHERE group_id IN (SELECT id FROM down)
            """), arguments: [groupID])
    }

    // MARK: clients

    func scimClient(tokenHash: Data) throws -> SCIMClient? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, name, created_at, revoked_at FROM scim_client WHERE token_hash = ? AND revoked_at IS NULL
            """), arguments: [tokenHash]) else { return nil }
        return try Self.client(row)
    }

    func scimClients() throws -> [SCIMClient] {
        try Row.fetchAll(db, sql: "SELECT id, name, created_at, revoked_at FROM scim_client ORDER BY name, created_at").map(Self.client)
    }

    func insertSCIMClient(_ client: SCIMClient, tokenHash: Data) throws {
        do {
            try db.execute(sql: "INSERT INTO scim_client (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [client.id.lowercasedText, client.name, tokenHash, Columns.time(client.createdAt)])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw RosterError(.resourceAlreadyOwned, "a SCIM client named '\(client.name)' already exists")
        }
    }

    func revokeSCIMClient(name: String, at: Date) throws -> Bool {
        try db.execute(sql: "UPDATE scim_client SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                       arguments: [Columns.time(at), name])
        return db.changesCount > 0
    }

    private static func client(_ row: Row) throws -> SCIMClient {
        let revoked: Int64? = row["revoked_at"]
        return SCIMClient(id: try Columns.uuid(row, "id"), name: row["name"], createdAt: Columns.date(row["created_at"]),
                          revokedAt: revoked.map(Columns.date))
    }

    func storeFigures() throws -> SCIMStoreFigures {
        let accounts = try Int.fetchOne(db, sql: "SELECT count(*) FROM account") ?? 0
        let active = try Int.fetchOne(db, sql: "SELECT count(*) FROM account WHERE active = 1") ?? 0
        let groups = try Int.fetchOne(db, sql: "SELECT count(*) FROM account_group") ?? 0
        let runs = try Row.fetchAll(db, sql: """
            SELECT source, status, finished_at FROM sync_run WHERE id IN (SELECT max(id) FROM sync_run GROUP BY source)
            """).map { row -> SCIMStoreFigures.SyncFigure in
            let finished: Int64? = row[2]
            return SCIMStoreFigures.SyncFigure(source: row[0], status: row[1], finishedAt: finished.map(Columns.date))
        }
        return SCIMStoreFigures(accounts: accounts, activeAccounts: active, groups: groups, lastSyncRuns: runs)
    }
}
