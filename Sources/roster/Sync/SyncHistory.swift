import ArgumentParser
import Foundation
import RosterCore
import RosterRuntime

/// `roster sync history`: past runs from the sync-runs table.
struct SyncHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show past sync runs, newest first, with their counts.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only runs of this source (its name).") var source: String?
    @Option(help: "At most this many runs.") var limit = 20
    @Flag(help: "Print the stored run reports as a JSON array.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let runs = try context.roster.store.syncRead { try $0.syncRuns(source: source.map { "ldap:\($0)" }, limit: limit) }
        if json {
            let reports = runs.compactMap { $0.reportJSON }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
            let data = try JSONSerialization.data(withJSONObject: reports, options: [.prettyPrinted, .sortedKeys])
            Swift.print(String(decoding: data, as: UTF8.self))  // JSON: exact
            return
        }
        Output.table(["#", "SOURCE", "STARTED", "MODE", "STATUS", "COUNTS"], runs.map { run in
            [String(run.id), run.source, Output.date(run.startedAt), run.mode + (run.dryRun ? " (dry run)" : ""),
             run.status.rawValue, run.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")]
        })
    }
}
