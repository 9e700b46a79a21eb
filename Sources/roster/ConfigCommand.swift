import ArgumentParser
import Foundation
import RosterConfig

/// `roster config …`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the configuration file.", subcommands: [ConfigCheck.self])
}

/// `roster config check`: validates everything, reports every problem at once, writes nothing.
struct ConfigCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration: every problem at once with file, line and key path. Writes nothing.",
        discussion: "Exits 2 when there is any error; warnings (e.g. a world-readable file holding a secret) do not fail."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigurationLoader.resolveConfigurationPath(
            explicit: global.config, environment: environment, currentDirectory: FileManager.default.currentDirectoryPath)
        let issues = ConfigurationLoader.check(path: path, environment: environment)
        for issue in issues { print(issue.description) }
        let errors = issues.filter { $0.severity == .error }.count
        let warnings = issues.count - errors
        guard errors == 0 else {
            throw CommandFailure(status: ExitStatus.usage, message: "\(path): \(errors) error(s), \(warnings) warning(s)")
        }
        print("\(path): OK (\(warnings) warning(s))")
    }
}
