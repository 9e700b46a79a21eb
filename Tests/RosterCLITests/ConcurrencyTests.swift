import Foundation
import Testing

/// Two `roster` processes writing one store at once.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct ConcurrencyTests {
    @Test func twoProcessesCreatingFiftyAccountsEachBothSucceed() async throws {
        let env = try CLIEnvironment()
        // Create the store first so both writers open an existing file.
        #expect(try env.run("users", "list").status == 0)
        let statuses = try await withThrowingTaskGroup(of: [Int32].self) { group in
            for writer in 0..<2 {
                group.addTask {
                    try (0..<50).map { n in
                        try env.runner.run(["users", "create", "--email", "w\(writer)-\(n)@example.com"]).status
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses.count == 100)
        #expect(statuses.allSatisfy { $0 == 0 })
        let list = try #require(try env.json(env.run("users", "list", "--json").stdout) as? [[String: Any]])
        #expect(list.count == 100)
    }
}
