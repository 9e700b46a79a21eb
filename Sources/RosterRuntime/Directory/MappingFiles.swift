import Foundation
import RosterConfig
import RosterCore
import RosterLDAP

/// Finds and loads `Mappings/` files: attribute mappings (or presets) and role rules.
///
/// A relative name is looked up in `$ROSTER_MAPPINGS`, then in `Mappings/` next to the config file's folder
/// (`Config/../Mappings`), then in `./Mappings`. An absolute path is used as it is.
public struct MappingFiles: Sendable {
    public var searchDirectories: [String]

    public init(configurationPath: String?, environment: [String: String], workingDirectory: String) {
        var directories: [String] = []
        if let explicit = environment["ROSTER_MAPPINGS"], !explicit.isEmpty { directories.append(explicit) }
        if let configurationPath {
            let configDirectory = URL(fileURLWithPath: configurationPath).deletingLastPathComponent()
            directories.append(configDirectory.deletingLastPathComponent().appendingPathComponent("Mappings").path)
            directories.append(configDirectory.appendingPathComponent("Mappings").path)
        }
        directories.append(URL(fileURLWithPath: workingDirectory).appendingPathComponent("Mappings").path)
        searchDirectories = directories
    }

    /// The path a name refers to (the first existing candidate, else the first candidate).
    public func path(for name: String) -> String {
        if name.hasPrefix("/") { return name }
        let candidates = searchDirectories.map { URL(fileURLWithPath: $0).appendingPathComponent(name).path }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates.first ?? name
    }

    /// A preset by name, else the plist file.
    public func mapping(named name: String) throws -> DirectoryMapping {
        if let preset = DirectoryMapping.presets[name] { return preset }
        let document = try PropertyListDocument.load(path: path(for: name))
        guard let root = document.root as? [String: Any] else {
            throw RosterError(.invalidArgument, "\(document.file): the top level must be a dictionary")
        }
        return try DirectoryMapping.fromPropertyList(root, source: document.file)
    }

    /// Role rules from a plist file; group DNs are compared by their RFC 4514 key.
    public func roleRules(named name: String) throws -> RoleRules {
        let document = try PropertyListDocument.load(path: path(for: name))
        guard let root = document.root as? [String: Any] else {
            throw RosterError(.invalidArgument, "\(document.file): the top level must be a dictionary")
        }
        return try RoleRules.fromPropertyList(root, file: document.file, dnKey: DistinguishedName.key)
    }
}
