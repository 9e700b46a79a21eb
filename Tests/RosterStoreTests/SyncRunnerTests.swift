import Foundation
import Logging
import RosterCore
import RosterRuntime
import RosterTesting
import Testing

/// Whole runs through the runtime's SyncRunner with a fake directory.
@Suite(.timeLimit(.minutes(3)))
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
        // The report names whom the hold keeps back (the console's run page and `sync history --json` list them).
        let held = report.changes.filter { $0.action == "heldDeactivate" }
        #expect(held.count == 10)
        #expect(Set(held.map(\.userName)) == Set(Self.entries(10).map(\.userName)))
        #expect(held.allSatisfy { $0.reason == "missing" && $0.id != nil })
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

struct SyncReportJSONTests {
    @Test func theCompactReportDecodesBackToTheSameReport() throws {
        var plan = SyncPlan()
        plan.creates = [DesiredAccount(anchor: "a\"1", userName: "zoë\n", emails: ["z@example.com"], role: .admin)]
        plan.conflicts = [.init(anchor: "x", userName: "y", reason: "the email belongs to an account of local",
                                existingAccountID: UUID(), existingSource: "local")]
        let report = SyncReport(
            source: "ldap:corp", mode: "full", dryRun: false, status: .held,
            startedAt: Date(timeIntervalSince1970: 1_800_000_000), finishedAt: Date(timeIntervalSince1970: 1_800_000_002),
            durationSeconds: 2.5, counts: ["created": 1, "heldDeactivations": 3], holds: ["held \\ because"],
            incompleteReasons: [], changes: SyncReport.changes(plan), conflicts: plan.conflicts, refusals: ["r"],
            warnings: ["w\t1"], error: nil)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(SyncReport.self, from: Data(report.compactJSON().utf8))
        #expect(decoded.counts == report.counts)
        #expect(decoded.changes.first?.userName == "zoë\n")
        #expect(decoded.changes.first?.anchor == "a\"1")
        #expect(decoded.conflicts == report.conflicts)
        #expect(decoded.holds == report.holds && decoded.warnings == report.warnings)
        #expect(decoded.startedAt == report.startedAt && decoded.status == .held)
    }
}
