import Foundation
import RosterCore
import RosterSCIM
import RosterStore

/// `RosterBench scim-read STORE ID [N]`: the time of the read and render of `GET /Users/{id}` without HTTP, split
/// into the store read and the rendering (a profiling aid for the SCIM benchmark).
enum SCIMReadBenchmark {
    static func run(storePath: String, id: String, count: Int) throws {
        let store = try SQLiteAccountStore(path: storePath)
        let source = AccountSource.scim("bench")
        let renderer = SCIMRenderer(baseURL: "http://127.0.0.1/scim/v2")
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var lines: [String] = []
        Task {
            var readTime = Duration.zero
            var renderTime = Duration.zero
            var bytes = 0
            let clock = ContinuousClock()
            for _ in 0..<count {
                let start = clock.now
                let record = try? await store.scimRead { try $0.scimUser(id: id, source: source, loadGroups: true, loadEmails: false) }
                let read = clock.now
                if let record { bytes += JSONValue.object(renderer.user(record)).jsonBytes().count }
                renderTime += clock.now - read
                readTime += read - start
            }
            let emptyStart = clock.now
            for _ in 0..<count { _ = try? store.scimClient(tokenHash: Data([1, 2, 3])) }
            lines.append("one indexed lookup through the pool (no row): \((clock.now - emptyStart) / count)")
            lines.append("store read: \(readTime / count) per GET; render + JSON: \(renderTime / count); \(bytes / count) bytes")
            semaphore.signal()
        }
        semaphore.wait()
        lines.forEach { print($0) }
    }
}
