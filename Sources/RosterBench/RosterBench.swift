import Foundation
import GRDB
import Logging
import RosterCore
import RosterRuntime
import RosterStore

/// `RosterBench store-create [N]`: creates N accounts through the domain API and prints a table with, for reference,
/// raw SQL inserts of the same rows measured in the same run (ratios, since machines are shared and noisy).
@main
enum RosterBench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "scim-seed":
            guard arguments.count >= 3, let count = Int(arguments[2]) else {
                print("usage: RosterBench scim-seed STORE USERS [EXTRA]")
                exit(2)
            }
            try SCIMSeed(storePath: arguments[1], users: count, extra: arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200).run()
            return
        case "scim-read":
            try SCIMReadBenchmark.run(storePath: arguments[1], id: arguments[2], count: arguments.count > 3 ? Int(arguments[3]) ?? 20000 : 20000)
            return
        case "hash":
            try HashBenchmark.run(count: arguments.count > 1 ? Int(arguments[1]) ?? 9 : 9)
            return
        case "trivial-server":
            try TrivialServer.run(port: arguments.count > 1 ? Int(arguments[1]) ?? 0 : 0)
            return
        case "store-create":
            break
        default:
            print("usage: RosterBench store-create [COUNT] | scim-seed STORE USERS [EXTRA] | trivial-server PORT | hash [N]")
            exit(2)
        }
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
        try StoreCreateBenchmark(count: count).run()
    }
}

/// Measures account creation against a fresh SQLite file per variant.
struct StoreCreateBenchmark {
    let count: Int

    func run() throws {
        let rawPerRow = try measure { path in try rawInserts(path: path, transactionPerRow: true) }
        let rawBatch = try measure { path in try rawInserts(path: path, transactionPerRow: false) }
        let domain = try measure { path in
            let service = try makeService(path: path)
            for n in 0..<count {
                _ = try service.create(NewAccount(email: "user\(n)@example.com", authMethod: .saml), by: .cliOperator)
            }
        }
        let domainBatch = try measure { path in
            let service = try makeService(path: path)
            try service.store.write { tx in
                for n in 0..<count {
                    _ = try service.insertAccount(NewAccount(email: "user\(n)@example.com"), authMethod: .saml,
                                                  passwordHash: nil, mustChange: false, tx, .cliOperator)
                }
            }
        }
        print("| \(count) accounts | seconds | accounts/s | × raw SQL (same transactions) |")
        print("|---|---|---|---|")
        row("raw SQL, one transaction per row (reference)", rawPerRow, rawPerRow)
        row("domain API `create`, one transaction each", domain, rawPerRow)
        row("raw SQL, one transaction (reference)", rawBatch, rawBatch)
        row("domain API `insertAccount`, one transaction", domainBatch, rawBatch)
    }

    func row(_ label: String, _ seconds: Double, _ reference: Double) {
        print(String(format: "| %@ | %.3f | %.0f | %.2f |", label, seconds, Double(count) / seconds, seconds / reference))
    }

    func makeService(path: String) throws -> AccountService {
        let roster = try Roster.build(
            settings: RuntimeSettings(storePath: path, accounts: AccountSettings(defaultAuthMethod: .saml)),
            logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return roster.accounts
    }

    /// The same rows the domain writes (account, email, audit entry), as bare SQL.
    func rawInserts(path: String, transactionPerRow: Bool) throws {
        let store = try SQLiteAccountStore(path: path)
        func insert(_ db: Database, _ n: Int) throws {
            let id = UUID().lowercasedText
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try db.cachedStatement(sql: """
                INSERT INTO account (id, user_name, user_name_key, active, role, auth_method, source, created_at, updated_at)
                VALUES (?, ?, ?, 1, 'guest', 'saml', 'local', ?, ?)
                """).execute(arguments: [id, "user\(n)", "user\(n)", now, now])
            try db.cachedStatement(sql: """
                INSERT INTO account_email (account_id, position, value, value_key, type, is_primary) VALUES (?, 0, ?, ?, 'work', 1)
                """).execute(arguments: [id, "user\(n)@example.com", "user\(n)@example.com"])
            try db.cachedStatement(sql: """
                INSERT INTO audit_event (at, actor, via, action, target_type, target_id, after_json)
                VALUES (?, 'system', 'cli', 'account.created', 'account', ?, '{}')
                """).execute(arguments: [now, id])
        }
        if transactionPerRow {
            for n in 0..<count { try store.pool.write { try insert($0, n) } }
        } else {
            try store.pool.write { db in for n in 0..<count { try insert(db, n) } }
        }
    }

    func measure(_ body: (String) throws -> Void) throws -> Double {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roster-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = ContinuousClock.now
        try body(directory.appendingPathComponent("bench.sqlite").path)
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
