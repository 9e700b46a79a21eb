import Foundation
import GRDB
import RosterCore
import RosterSCIM
import RosterStore

/// `RosterBench scim-read STORE ID [N]`: the parts of `GET /Users/{id}` without HTTP, each timed over N runs
/// (a profiling aid for the SCIM benchmark; the figures that count come from `scripts/bench-scim.sh`).
enum SCIMReadBenchmark {
    static func run(storePath: String, id: String, count: Int) throws {
        let store = try SQLiteAccountStore(path: storePath)
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var report: [String] = []
        Task {
            report = await measure(store, id: id, count: count)
            semaphore.signal()
        }
        semaphore.wait()
        report.forEach { print($0) }
    }

    private static func measure(_ store: SQLiteAccountStore, id: String, count: Int) async -> [String] {
        let source = AccountSource.scim("bench")
        let renderer = SCIMRenderer(baseURL: "http://127.0.0.1/scim/v2")
        let clock = ContinuousClock()
        var lines: [String] = []
        func time(_ label: String, _ body: () async throws -> Void) async {
            let start = clock.now
            for _ in 0..<count { try? await body() }
            lines.append("\(label): \((clock.now - start) / count) per run")
        }
        await time("GET path: unparsed read + direct JSON") {
            if let record = try await store.scimRead({ try $0.scimUserText(id: id, source: source, loadGroups: true) }) {
                _ = renderer.userJSON(record)
            }
        }
        await time("parsed read + dictionary render + JSON") {
            if let record = try await store.scimRead({ try $0.scimUser(id: id, source: source, loadGroups: true, loadEmails: false) }) {
                _ = JSONValue.object(renderer.user(record)).jsonBytes()
            }
        }
        await time("an empty read through GRDB's reader pool") { try store.pool.unsafeRead { _ in } }
        await time("an indexed lookup (no row) on the thread's reader") { _ = try store.scimClient(tokenHash: Data([1, 2, 3])) }
        return lines
    }
}
