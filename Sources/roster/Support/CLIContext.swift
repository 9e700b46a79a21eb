import Foundation
import Logging
import RosterConfig
import RosterCore
import RosterRuntime

/// What a command needs: the loaded configuration, the wired services and who is acting.
struct CLIContext {
    let roster: Roster
    let acting: ActingContext

    /// Loads the configuration (exit 2 on any error, warnings to stderr), opens the store, resolves `--as`.
    static func load(_ options: GlobalOptions) throws -> CLIContext {
        let environment = ProcessInfo.processInfo.environment
        let loaded = try ConfigurationLoader.load(
            path: ConfigurationLoader.resolveConfigurationPath(
                explicit: options.config, environment: environment,
                currentDirectory: FileManager.default.currentDirectoryPath),
            environment: environment)
        for warning in loaded.warnings { StandardError.write(warning.description) }
        let settings = RuntimeSettings(
            configuration: loaded.configuration, workingDirectory: FileManager.default.currentDirectoryPath)
        let logger = LoggingSetup.logger(for: loaded.configuration)
        let roster = try Roster.build(settings: settings, logger: logger)
        var acting = ActingContext.cliOperator
        if let reference = options.actingAs {
            let account = try roster.store.read { try roster.accounts.resolve(reference, in: $0) }
            acting = ActingContext(actor: .account(account.id), via: "cli")
        }
        return CLIContext(roster: roster, acting: acting)
    }
}
