import Foundation
import GRDB
import RosterCore
import RosterStore
import RosterTesting
import Testing

/// How the one write path stores a changed account: only what changed (SQLite rewrites the index entries of every
/// column an `UPDATE` names, so naming all of them made a sync of 1% of a large directory dirty nearly every index
/// page), and never over a row changed since it was read.
@Suite(.timeLimit(.minutes(2)))
struct AccountUpdateTests {
    static let source = AccountSource.ldap("corp")
    let test: TestRoster

    init() throws {
        test = try TestRoster()
    }

    func entry(_ n: Int, displayName: String? = nil) -> DesiredAccount {
        DesiredAccount(anchor: "uuid-\(n)", externalId: "uid=user\(n),ou=people,dc=example,dc=com", userName: "user\(n)",
                       displayName: displayName ?? "User \(n)", emails: ["user\(n)@example.com"], role: .member,
                       roleExplanation: "{\"rule\":1}")
    }

    func sync(_ desired: [DesiredAccount]) throws -> SyncOutcome {
        try test.roster.store.syncWrite { tx in
            let existing = try tx.existingAccounts(for: Self.source)
            let plan = SyncPlanner(source: Self.source, policy: SyncPolicy()).plan(desired: desired, incompleteReasons: [], existing: existing)
            return try SyncApplier(service: test.accounts, source: Self.source, authMethod: .ldap)
                .apply(plan, groups: nil, groupsComplete: true, existing: existing, in: tx)
        }
    }

    /// Records, on the store's writer connection, every `UPDATE` that names an indexed account column or touches
    /// the stored emails.
    func watchIndexedWrites() throws {
        let indexed = ["user_name_key", "role", "active", "source", "source_anchor", "external_id", "created_at"]
        try test.roster.store.pool.write { db in
            try db.execute(sql: "CREATE TEMP TABLE touched (what TEXT NOT NULL)")
            for column in indexed {
                try db.execute(sql: """
                    CREATE TEMP TRIGGER touched_\(column) AFTER UPDATE OF \(column) ON main.account
                    BEGIN INSERT INTO touched VALUES ('\(column)'); END
                    """)
            }
            try db.execute(sql: """
                CREATE TEMP TRIGGER touched_emails AFTER DELETE ON main.account_email
                BEGIN INSERT INTO touched VALUES ('emails'); END
                """)
        }
    }

    func touched() throws -> [String] {
        try test.roster.store.pool.write { try String.fetchAll($0, sql: "SELECT what FROM touched") }
    }

    @Test func aChangedDisplayNameRewritesNoIndexedColumnAndNoEmail() throws {
        _ = try sync((1...3).map { entry($0) })
        try watchIndexedWrites()
        let outcome = try sync([entry(1), entry(2, displayName: "Renamed Two"), entry(3)])
        #expect(outcome.counts["updated"] == 1)
        #expect(try touched() == [])
        let account = try #require(try test.accounts.list(includeInactive: true, by: .cliOperator)
            .map(\.account).first { $0.userName == "user2" })
        #expect(account.displayName == "Renamed Two")
        #expect(account.version == 2)
        #expect(account.emails.map(\.value) == ["user2@example.com"])
    }

    @Test func aChangedAddressAndRoleWriteExactlyThose() throws {
        _ = try sync([entry(1)])
        try watchIndexedWrites()
        var changed = entry(1)
        changed.emails = ["first.last@example.com"]
        changed.role = .admin
        _ = try sync([changed])
        #expect(Set(try touched()) == ["role", "emails"])
        let account = try #require(try test.accounts.list(includeInactive: true, by: .cliOperator).first?.account)
        #expect(account.role == .admin)
        #expect(account.emails.map(\.value) == ["first.last@example.com"])
    }

    @Test func aRenameRewritesTheUserNameKey() throws {
        _ = try sync([entry(1)])
        try watchIndexedWrites()
        var renamed = entry(1)
        renamed.userName = "User1-Renamed"
        _ = try sync([renamed])
        #expect(try touched().contains("user_name_key"))
        let names = try test.accounts.list(includeInactive: true, by: .cliOperator).map(\.account.userName)
        #expect(names == ["User1-Renamed"])
    }

    @Test func aWriteFromAStaleReadIsRefusedAndChangesNothing() throws {
        _ = try sync([entry(1)])
        let stale = try #require(try test.accounts.list(includeInactive: true, by: .cliOperator).first?.account)
        // Another writer changes the account after `stale` was read.
        _ = try sync([entry(1, displayName: "Newer")])
        var overwrite = stale
        overwrite.displayName = "Older"
        overwrite.version = stale.version + 1
        do {
            try test.roster.store.write { tx in try tx.update(overwrite, from: stale) }
            Issue.record("a write from a stale read succeeded")
        } catch let error as RosterError {
            #expect(error.code == .versionMismatch)
        }
        let stored = try #require(try test.accounts.list(includeInactive: true, by: .cliOperator).first?.account)
        #expect(stored.displayName == "Newer")
        #expect(stored.version == stale.version + 1)
    }

    @Test func aWriteToADeletedAccountSaysSo() throws {
        _ = try sync([entry(1)])
        let account = try #require(try test.accounts.list(includeInactive: true, by: .cliOperator).first?.account)
        try test.roster.store.write { tx in try tx.deleteAccount(id: account.id) }
        var changed = account
        changed.displayName = "Gone"
        do {
            try test.roster.store.write { tx in try tx.update(changed, from: account) }
            Issue.record("an update of a deleted account succeeded")
        } catch let error as RosterError {
            #expect(error.code == .accountNotFound)
        }
    }
}
