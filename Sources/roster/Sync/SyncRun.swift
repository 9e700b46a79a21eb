import ArgumentParser
import Foundation
import Logging
import RosterConfig
import RosterCore
import RosterRuntime

/// `roster sync [run]`: one run over one or every source.
struct SyncRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a sync (the default subcommand of 'roster sync').")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this source (its name in the config's ldap array).") var source: String?
    @Flag(help: "Print the plan and write nothing (the run is still recorded in the history).") var dryRun = false
    @Flag(help: "Read everything (a full reconcile) instead of only what changed since the last run.") var full = false
    @Flag(help: "Print a JSON array of run reports.") var json = false
    @Flag(help: "Let deprovisioning past the thresholds through (after reviewing a held run).") var allowDeprovision = false

    func run() async throws {
        let context = try CLIContext.load(global)
        guard let configuration = context.configuration else { return }
        // Mapping files, role rules and bind secrets are checked before anything runs: a problem there is exit 2.
        let sources = try selectedSources(configuration).map { settings in
            let state = try context.roster.store.syncRead { try $0.syncState(source: .ldap(settings.name)) }
            let display = SyncProgressDisplay(source: settings.name, expectedUsers: state?.scopeAccounts,
                                              expectedGroups: state?.scopeGroups)
            return (settings, display, try context.directorySource(settings, progress: display.update))
        }
        let lock: SyncLock
        do {
            lock = try SyncLock(storePath: context.roster.settings.storePath)
        } catch let error as SyncLockError {
            throw CommandFailure(status: error.held ? ExitStatus.locked : ExitStatus.failure, message: error.reason)
        }
        let runner = SyncRunner(store: context.roster.store, accounts: context.roster.accounts, logger: context.roster.logger)
        var reports: [SyncReport] = []
        var status = ExitStatus.ok
        for (settings, display, directory) in sources {
            do {
                let policy = SyncPolicy(
                    deprovision: settings.deprovision == .delete ? .delete : .deactivate,
                    maxDeprovisionCount: settings.maxDeprovisionCount, maxDeprovisionPercent: settings.maxDeprovisionPercent,
                    adoptAccounts: settings.adoptAccounts, allowDeprovision: allowDeprovision,
                    maxRole: settings.allowSuperuser ? .superuser : .admin)
                let report = try await runner.run(directory, options: .init(dryRun: dryRun, full: full, policy: policy))
                display.finish()
                reports.append(report)
                if report.status == .held, status == ExitStatus.ok { status = ExitStatus.held }
                if !json { SyncOutput.print(report) }
            } catch {
                display.finish()
                status = ExitStatus.failure
                StandardError.write("roster: sync of ldap:\(settings.name) failed, nothing was changed: "
                    + ((error as? RosterError)?.message ?? "\(error)"))
            }
        }
        withExtendedLifetime(lock) {}
        if json { Swift.print("[" + reports.map { $0.compactJSON() }.joined(separator: ",\n") + "]") }
        if status != ExitStatus.ok { throw CommandFailure(status: status, message: "") }
    }

    func selectedSources(_ configuration: RosterConfiguration) throws -> [LDAPSourceSettings] {
        if let source {
            guard let settings = configuration.ldapSource(named: source) else {
                throw CommandFailure(status: ExitStatus.usage,
                                     message: "no ldap source is named '\(source)' (configured: \(configuration.ldap.map(\.name).joined(separator: ", ")))")
            }
            return [settings]
        }
        guard !configuration.ldap.isEmpty else {
            throw CommandFailure(status: ExitStatus.usage, message: "the configuration has no ldap sources")
        }
        return configuration.ldap
    }
}
