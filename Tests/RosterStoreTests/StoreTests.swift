import Foundation
import GRDB
import RosterCore
import RosterStore
import RosterTesting
import Testing

/// The SQLite file itself: WAL, foreign keys, migrations, concurrent writers.
@Suite(.timeLimit(.minutes(3)))
struct StoreTests {
    @Test func opensInWALModeWithForeignKeysAndMigrations() throws {
        let test = try TestRoster()
        let store = test.roster.store
        let (journal, foreignKeys) = try store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(try store.appliedMigrations() == ["v1-foundation", "v2-sync", "v3-scim", "v4-access", "v5-directory-marker", "v6-lean-accounts", "v7-verified-emails", "v8-content-sync"])
    }

    @Test func reopeningKeepsDataAndDoesNotRemigrate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        do {
            let store = try SQLiteAccountStore(path: path)
            try store.write { tx in try tx.insert(Group(id: UUID(), source: .local, displayName: "g",
                                                        createdAt: Date(), updatedAt: Date())) }
        }
        let reopened = try SQLiteAccountStore(path: path)
        #expect(try reopened.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM account_group") } == 1)
    }

    @Test func aFailedTransactionLeavesNothingBehind() throws {
        let test = try TestRoster()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try test.roster.store.write { tx in
                _ = try test.accounts.insertAccount(NewAccount(email: "x@example.com"), authMethod: .saml, passwordHash: nil,
                                                    mustChange: false, tx, TestRoster.operatorContext)
                throw Boom()
            }
        }
        #expect(try test.accounts.list(includeInactive: true, by: TestRoster.operatorContext).isEmpty)
        #expect(try test.accounts.auditLog(about: nil, by: TestRoster.operatorContext).isEmpty)
    }

    @Test func concurrentWritersFromTwoStoreHandlesAllSucceed() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.sqlite")
        let first = try SQLiteAccountStore(path: path)
        let second = try SQLiteAccountStore(path: path)
        let hasher = TestHasher()
        let services = [first, second].map {
            AccountService(store: $0, hasher: hasher, secrets: TestSecrets(), settings: AccountSettings(defaultAuthMethod: .saml))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, service) in services.enumerated() {
                group.addTask {
                    for n in 0..<100 {
                        _ = try service.create(NewAccount(email: "w\(index)-\(n)@example.com"), by: .cliOperator)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try services[0].list(includeInactive: true, by: .cliOperator).count == 200)
    }
}

/// A hasher without cost, for tests that are not about hashing.
struct TestHasher: PasswordHasher {
    func hash(_ password: String) throws -> String { "plain:" + String(password.reversed()) }
    func verify(_ password: String, against hash: String) -> Bool { hash == "plain:" + String(password.reversed()) }
}

struct TestSecrets: SecretGenerator {
    func temporaryPassword(length: Int) -> String { String(repeating: "t", count: length) }
    func token() -> String { UUID().uuidString }
    func tokenHash(_ token: String) -> [UInt8] { Array(token.utf8) }
}
