import Foundation
import Logging
import RosterConfig
import RosterCore
import RosterRuntime

/// What a command needs: the loaded configuration, the wired services and who is acting.
struct CLIContext {
    let roster: Roster
    let acting: ActingContext
    let configuration: RosterConfiguration?
    let configurationPath: String
    let environment: [String: String]

    /// Loads the configuration (exit 2 on any error, warnings to stderr), opens the store, resolves `--as`.
    static func load(_ options: GlobalOptions) throws -> CLIContext {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigurationLoader.resolveConfigurationPath(
            explicit: options.config, environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let loaded = try ConfigurationLoader.load(path: path, environment: environment)
        for warning in loaded.warnings { StandardError.write(warning.description) }
        let settings = RuntimeSettings(
            configuration: loaded.configuration, workingDirectory: FileManager.default.currentDirectoryPath)
        let logger = LoggingSetup.logger(for: loaded.configuration)
        let roster = try Roster.build(settings: settings, logger: logger)
        for file in roster.store.tightenedFiles {
            StandardError.write("roster: warning: \(file) was readable by other users; restricted to owner-only (0600)")
        }
        var acting = ActingContext.cliOperator
        if let reference = options.actingAs {
            let account = try roster.store.read { try roster.accounts.resolve(reference, in: $0) }
            acting = ActingContext(actor: .account(account.id), via: "cli")
        }
        return CLIContext(roster: roster, acting: acting, configuration: loaded.configuration, configurationPath: path,
                          environment: environment)
    }

    /// The LDAP source of a config entry: its mapping and role rules loaded, its bind password resolved.
    func directorySource(
        _ settings: LDAPSourceSettings, progress: @escaping @Sendable (String, Int) -> Void
    ) throws -> LDAPDirectorySource {
        let files = MappingFiles(configurationPath: configurationPath, environment: environment,
                                 workingDirectory: FileManager.default.currentDirectoryPath)
        let password: String?
        do {
            password = try settings.bindPassword?.resolve(environment: environment)
        } catch {
            let index = configuration?.ldap.firstIndex { $0.name == settings.name } ?? 0
            throw ConfigurationError(issues: error.issues.map {
                ConfigurationIssue(.error, $0.code, file: configurationPath, line: nil,
                                   keyPath: "ldap[\(index)].bindPassword", message: $0.message)
            })
        }
        return LDAPDirectorySource(
            settings: settings, mapping: try files.mapping(named: settings.mapping),
            rules: try files.roleRules(named: settings.roles), password: password, logger: roster.logger,
            progress: progress)
    }
}
