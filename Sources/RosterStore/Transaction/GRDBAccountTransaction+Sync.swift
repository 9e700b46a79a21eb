import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction: SyncTransaction, SyncReader {
    func existingAccounts(for source: AccountSource) throws -> ExistingAccounts {
        var owned: [String: Account] = [:]
        var userNames: [String: ExistingAccounts.Holder] = [:]
        var emailHolders: [String: ExistingAccounts.Holder] = [:]
        var sources: [String: ExistingAccounts.Holder] = [:]
        var adoptable: [UUID: Account] = [:]
        let emails = try Row.fetchCursor(db.cachedStatement(
            sql: "SELECT account_id, value, type, is_primary, value_key, verified FROM account_email ORDER BY account_id, position"))
        var emailsByAccount: [String: [AccountEmail]] = [:]
        var emailKeys: [(String, String)] = []
        while let row = try emails.next() {
            let id: String = row["account_id"]
            emailsByAccount[id, default: []].append(AccountEmail(
                value: row["value"], type: row["type"], primary: row["is_primary"], verified: row["verified"]))
            emailKeys.append((row["value_key"], id))
        }
        let rows = try Row.fetchCursor(db.cachedStatement(
            sql: "SELECT \(Self.accountColumns), user_name_key FROM account"))
        while let row = try rows.next() {
            let rawSource: String = row["source"]
            let idText: String = row["id"]
            guard let accountSource = AccountSource(rawValue: rawSource), let id = UUID(uuidString: idText) else {
                throw RosterError(.storeFailure, "the store holds an account with a malformed id or source")
            }
            let holder = ExistingAccounts.Holder(id: id, source: accountSource)
            userNames[row["user_name_key"]] = holder
            sources[idText] = holder
            if accountSource == source, let anchor: String = row["source_anchor"] {
                owned[anchor] = try Columns.account(row, emails: emailsByAccount[idText] ?? [])
            } else if !accountSource.isExternal {
                adoptable[id] = try Columns.account(row, emails: emailsByAccount[idText] ?? [])
            }
        }
        for (key, id) in emailKeys {
            if let holder = sources[id] { emailHolders[key] = holder }
        }
        var explanations: [UUID: String] = [:]
        let explanationRows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT a.id, r.json FROM account a JOIN role_reason r ON r.id = a.role_reason_id WHERE a.source = ?
            """), arguments: [source.rawValue])
        while let row = try explanationRows.next() {
            if let id = UUID(uuidString: row[0]), let json: String = row[1] { explanations[id] = json }
        }
        var existing = ExistingAccounts(ownedByAnchor: owned, userNameHolders: userNames, emailHolders: emailHolders,
                                        roleExplanations: explanations)
        existing.adoptable = adoptable
        return existing
    }

    func existingAccounts(for source: AccountSource, entries: [DesiredAccount]) throws -> ExistingAccounts {
        var owned: [String: Account] = [:]
        var userNames: [String: ExistingAccounts.Holder] = [:]
        var emails: [String: ExistingAccounts.Holder] = [:]
        var explanations: [UUID: String] = [:]
        var adoptable: [UUID: Account] = [:]
        func hold(_ account: Account) {
            if !account.source.isExternal { adoptable[account.id] = account }
            userNames[UserNamePolicy.key(for: account.userName)] = .init(id: account.id, source: account.source)
            for email in account.emails {
                emails[EmailPolicy.key(for: email.value)] = .init(id: account.id, source: account.source)
            }
        }
        let stored = try ownedAccounts(of: source, anchors: entries.map(\.anchor))
        for entry in entries {
            var ownKeys: Set<String> = []
            if let (account, explanation) = stored[entry.anchor] {
                owned[entry.anchor] = account
                hold(account)
                if let explanation { explanations[account.id] = explanation }
                // Keys the entry's own account holds need no lookup: they are unique, so it is their holder.
                ownKeys.insert("u:" + UserNamePolicy.key(for: account.userName))
                for email in account.emails { ownKeys.insert("e:" + EmailPolicy.key(for: email.value)) }
            }
            let userKey = UserNamePolicy.key(for: entry.userName)
            if !ownKeys.contains("u:" + userKey), let holder = try account(userNameKey: userKey) { hold(holder) }
            for email in entry.emails {
                let key = EmailPolicy.key(for: email)
                if !ownKeys.contains("e:" + key), let holder = try account(emailKey: key) { hold(holder) }
            }
        }
        var existing = ExistingAccounts(ownedByAnchor: owned, userNameHolders: userNames, emailHolders: emails,
                                        roleExplanations: explanations)
        existing.adoptable = adoptable
        existing.ownedCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM account WHERE source = ?"),
                                               arguments: [source.rawValue])
        return existing
    }

    /// The source's accounts with these anchors, whole, with their stored role explanations: three statements
    /// for any number of anchors (bound as one JSON array), not three per anchor.
    private func ownedAccounts(
        of source: AccountSource, anchors: [String]
    ) throws -> [String: (account: Account, explanation: String?)] {
        guard !anchors.isEmpty else { return [:] }
        let anchorList = String(decoding: try JSONEncoder().encode(anchors), as: UTF8.self)
        let owned = "a.source = ? AND a.source_anchor IN (SELECT value FROM json_each(?))"
        var emails = try BoundStatement(db, sql: """
            SELECT e.account_id, e.value, e.type, e.is_primary, e.verified FROM account a
            JOIN account_email e ON e.account_id = a.id WHERE \(owned) ORDER BY e.account_id, e.position
            """)
        emails.bind(source.rawValue)
        emails.bind(anchorList)
        var emailsByAccount: [String: [AccountEmail]] = [:]
        while try emails.nextRow() {
            guard let id = emails.text(0), let value = emails.text(1) else { continue }
            emailsByAccount[id, default: []].append(AccountEmail(
                value: value, type: emails.text(2), primary: emails.int64(3) == 1, verified: emails.int64(4) == 1))
        }
        let columns = Self.accountColumnNames.map { "a." + $0 }.joined(separator: ", ")
        var accounts = try BoundStatement(db, sql: """
            SELECT \(columns), r.json FROM account a LEFT JOIN role_reason r ON r.id = a.role_reason_id WHERE \(owned)
            """)
        accounts.bind(source.rawValue)
        accounts.bind(anchorList)
        var result: [String: (account: Account, explanation: String?)] = [:]
        while try accounts.nextRow() {
            let account = try Columns.account(columns: accounts, emails: accounts.text(0).flatMap { emailsByAccount[$0] } ?? [])
            if let anchor = account.sourceAnchor { result[anchor] = (account, accounts.text(18)) }
        }
        return result
    }

    func knownEntries(of source: AccountSource) throws -> [String: KnownEntry] {
        var result: [String: KnownEntry] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(
            sql: "SELECT source_anchor, external_id, user_name FROM account WHERE source = ? AND source_anchor IS NOT NULL"),
            arguments: [source.rawValue])
        while let row = try rows.next() {
            result[row[0]] = KnownEntry(externalId: row[1], userName: row[2])
        }
        return result
    }

    func knownEntries(of source: AccountSource, anchors: [String]) throws -> [String: KnownEntry] {
        var result: [String: KnownEntry] = [:]
        let statement = try db.cachedStatement(
            sql: "SELECT external_id, user_name FROM account WHERE source = ? AND source_anchor = ?")
        for anchor in anchors {
            if let row = try Row.fetchOne(statement, arguments: [source.rawValue, anchor]) {
                result[anchor] = KnownEntry(externalId: row[0], userName: row[1])
            }
        }
        return result
    }

    func insertPlanned(_ account: Account, roleExplanation: String?) throws {
        try insert(account, roleReasonID: roleExplanation.map(roleReasonID))
    }

    /// The id of an explanation text in `role_reason`, added when new (remembered for the transaction).
    func roleReasonID(_ explanation: String) throws -> Int64 {
        if let known = reasonIDs.ids[explanation] { return known }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO role_reason (json) VALUES (?)").execute(arguments: [explanation])
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM role_reason WHERE json = ?"),
                                          arguments: [explanation]) else {
            throw RosterError(.storeFailure, "a role explanation could not be stored")
        }
        reasonIDs.ids[explanation] = id
        return id
    }

    /// Stores the explanation once per distinct text (`role_reason`) and points the account at it.
    func setRoleExplanation(accountID: UUID, source: AccountSource, explanation: String?) throws {
        let reasonID = try explanation.map(roleReasonID)
        var statement = try BoundStatement(db, sql: "UPDATE account SET role_reason_id = ? WHERE id = ?")
        statement.bind(reasonID)
        statement.bind(Columns.id(accountID))
        try statement.step()
    }

    func roleExplanation(accountID: UUID) throws -> (source: String, explanation: String?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT a.source, r.json FROM account a JOIN role_reason r ON r.id = a.role_reason_id WHERE a.id = ?
            """), arguments: [Columns.id(accountID)]) else { return nil }
        return (row[0], row[1])
    }

    func syncState(source: AccountSource) throws -> SyncState? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT source, watermark, last_full_run_at, last_run_at, scope_accounts, scope_groups, rules_digest,
                directory_marker, content_sync_cookies
            FROM sync_state WHERE source = ?
            """), arguments: [source.rawValue]).map { row in
            let full: Int64? = row["last_full_run_at"]
            let last: Int64? = row["last_run_at"]
            return SyncState(source: row["source"], watermark: row["watermark"], lastFullRunAt: full.map(Columns.date),
                             lastRunAt: last.map(Columns.date), scopeAccounts: row["scope_accounts"],
                             scopeGroups: row["scope_groups"], rulesDigest: row["rules_digest"],
                             directoryMarker: row["directory_marker"],
                             contentSyncCookies: Self.cookies(row["content_sync_cookies"]))
        }
    }

    func saveSyncState(_ state: SyncState) throws {
        try db.cachedStatement(sql: """
            INSERT INTO sync_state (source, watermark, last_full_run_at, last_run_at, scope_accounts, scope_groups,
                rules_digest, directory_marker, content_sync_cookies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark,
                last_full_run_at = excluded.last_full_run_at, last_run_at = excluded.last_run_at,
                scope_accounts = excluded.scope_accounts, scope_groups = excluded.scope_groups,
                rules_digest = excluded.rules_digest, directory_marker = excluded.directory_marker,
                content_sync_cookies = excluded.content_sync_cookies
            """).execute(arguments: [state.source, state.watermark, state.lastFullRunAt.map(Columns.time),
                                     state.lastRunAt.map(Columns.time), state.scopeAccounts, state.scopeGroups,
                                     state.rulesDigest, state.directoryMarker, Self.cookiesText(state.contentSyncCookies)])
    }

    /// Content-sync cookies as stored: a JSON object of base64 strings (nil when none).
    static func cookiesText(_ cookies: [String: String]?) -> String? {
        guard let cookies, !cookies.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: cookies, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func cookies(_ text: String?) -> [String: String]? {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else {
            return nil
        }
        return object
    }
}
