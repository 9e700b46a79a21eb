import Foundation
import Logging
import RosterCore
import RosterRuntime
import RosterTesting
import Testing

/// Whole runs through the runtime's SyncRunner with a fake directory.
struct SyncRunnerTests {
    let test: TestRoster
    let runner: SyncRunner
    let directory = FakeDirectorySource()

    init() throws {
        test = try TestRoster()
        runner = SyncRunner(store: test.roster.store, accounts: test.accounts,
                            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    static func entries(_ count: Int) -> [DesiredAccount] {
        (1...count).map { DesiredAccount(anchor: "u\($0)", userName: "user\($0)", emails: ["user\($0)@example.com"], role: .member) }
    }

    func state() throws -> String {
        try test.accounts.list(includeInactive: true, by: .cliOperator).map { "\($0.account)" }.joined()
    }

    @Test func anUnreachableDirectoryChangesNothingAndTheRunIsRecordedFailed() async throws {
        directory.serve(DirectorySnapshot(accounts: Self.entries(5)))
        _ = try await runner.run(directory, options: .init())
        let before = try state()
        directory.failReads()
        await #expect(throws: RosterError.self) { _ = try await runner.run(directory, options: .init()) }
        #expect(try state() == before)
        let runs = try test.roster.store.syncRead { try $0.syncRuns(source: nil, limit: 10) }
        #expect(runs.map(\.status) == [.failed, .applied])
        #expect(runs.first?.reportJSON?.contains("Can't contact") == true)
    }

    @Test func aDryRunPlansAndWritesNoAccount() async throws {
        directory.serve(DirectorySnapshot(accounts: Self.entries(5)))
        let report = try await runner.run(directory, options: .init(dryRun: true))
        #expect(report.status == .planned)
        #expect(report.counts["created"] == 5)
        #expect(report.changes.count == 5)
        #expect(try state().isEmpty)
        #expect(try test.accounts.auditLog(about: nil, by: .cliOperator).isEmpty)
    }

    @Test func anEmptyResultIsHeldAndRecordedSo() async throws {
        directory.serve(DirectorySnapshot(accounts: Self.entries(10)))
        _ = try await runner.run(directory, options: .init())
        directory.serve(DirectorySnapshot(accounts: []))
        let report = try await runner.run(directory, options: .init())
        #expect(report.status == .held)
        #expect(report.counts["heldDeactivations"] == 10)
        #expect(try test.accounts.list(includeInactive: false, by: .cliOperator).count == 10)
        let allowed = try await runner.run(directory, options: .init(policy: SyncPolicy(allowDeprovision: true)))
        #expect(allowed.status == .applied)
        #expect(allowed.counts["deactivated"] == 10)
    }

    @Test func theWatermarkIsKeptOnlyAfterACompleteRun() async throws {
        directory.serve(DirectorySnapshot(accounts: Self.entries(2), watermark: "20261122000000Z"))
        _ = try await runner.run(directory, options: .init())
        directory.serve(DirectorySnapshot(accounts: Self.entries(2), incompleteReasons: ["time limit"],
                                          watermark: "20261123000000Z"))
        _ = try await runner.run(directory, options: .init())
        let state = try test.roster.store.syncRead { try $0.syncState(source: .ldap("corp")) }
        #expect(state?.watermark == "20261122000000Z")
    }
}
