import Foundation

/// A loaded configuration and the warnings found while loading it.
public struct LoadedConfiguration: Sendable {
    public var configuration: RosterConfiguration
    public var warnings: [ConfigurationIssue]
}

/// Finds, loads and checks Roster's configuration file.
public enum ConfigurationLoader {
    /// `--config PATH`, else `$ROSTER_CONFIG`, else `./Config/roster.plist` (relative paths from `currentDirectory`).
    public static func resolveConfigurationPath(
        explicit: String?, environment: [String: String], currentDirectory: String
    ) -> String {
        let chosen = explicit ?? environment["ROSTER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "./Config/roster.plist"
        if chosen.hasPrefix("/") { return chosen }
        return URL(fileURLWithPath: currentDirectory).appendingPathComponent(chosen).standardizedFileURL.path
    }

    /// Loads the configuration, throwing every error at once. Secrets are not resolved here (they are resolved when
    /// used), so a missing variable for an unused source does not stop other commands.
    public static func load(path: String, environment: [String: String]) throws(ConfigurationError) -> LoadedConfiguration {
        let document = try PropertyListDocument.load(path: path)
        var reader = PropertyListReader(document)
        let configuration = RosterConfiguration.read(&reader)
        permissionWarnings(configuration, &reader)
        let errors = reader.issues.filter { $0.severity == .error }
        guard errors.isEmpty else { throw ConfigurationError(issues: errors) }
        return LoadedConfiguration(configuration: configuration, warnings: reader.issues.filter { $0.severity == .warning })
    }

    /// Every problem and warning, including secrets that cannot be resolved. Writes nothing.
    public static func check(path: String, environment: [String: String]) -> [ConfigurationIssue] {
        let document: PropertyListDocument
        do {
            document = try PropertyListDocument.load(path: path)
        } catch {
            return error.issues
        }
        var reader = PropertyListReader(document)
        let configuration = RosterConfiguration.read(&reader)
        permissionWarnings(configuration, &reader)
        for (keyPath, secret) in secrets(of: configuration) {
            do {
                _ = try secret.resolve(environment: environment)
            } catch {
                reader.error(.unresolvableSecret, keyPath, error.issues.first?.message ?? "cannot be resolved")
            }
        }
        return reader.issues
    }

    /// Every secret of a configuration with its key path.
    static func secrets(of configuration: RosterConfiguration) -> [(String, Secret)] {
        var result: [(String, Secret)] = []
        for (index, source) in configuration.ldap.enumerated() {
            if let secret = source.bindPassword { result.append(("ldap[\(index)].bindPassword", secret)) }
        }
        if let secret = configuration.smtp?.password { result.append(("smtp.password", secret)) }
        return result
    }

    /// Warns when the config file holds an inline secret and others may read it, or a `file:` secret is readable by others.
    static func permissionWarnings(_ configuration: RosterConfiguration, _ reader: inout PropertyListReader) {
        for (keyPath, secret) in secrets(of: configuration) {
            switch secret.reference {
            case .inline:
                if isReadableByOthers(reader.document.file) {
                    reader.warning(.looseFilePermissions, keyPath,
                                   "an inline secret in a file other users can read; use env: or file:, or chmod o-r")
                }
            case .file(let path):
                if isReadableByOthers(path) {
                    reader.warning(.looseFilePermissions, keyPath, "the secret file \(path) is readable by other users")
                }
            case .environment:
                break
            }
        }
    }

    static func isReadableByOthers(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? NSNumber else { return false }
        return permissions.intValue & 0o004 != 0
    }
}
