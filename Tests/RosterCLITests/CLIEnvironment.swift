import Foundation
import RosterTesting

/// A temp folder with a config file and a `roster` runner whose working directory is that folder.
struct CLIEnvironment {
    let directory: TemporaryDirectory
    let runner: CLIRunner
    let configPath: String

    /// Writes a minimal XML config (store in the temp folder) plus `extraKeys` (raw plist XML inside the root dict).
    init(extraKeys: String = "", environment: [String: String] = [:]) throws {
        directory = try TemporaryDirectory(prefix: "roster-cli-test")
        configPath = directory.file("roster.plist")
        try Self.plist("""
            <key>storePath</key><string>./store/roster.sqlite</string>
            \(extraKeys)
            """).write(toFile: configPath, atomically: true, encoding: .utf8)
        runner = try CLIRunner(workingDirectory: directory.url,
                               environment: environment.merging(["ROSTER_CONFIG": configPath]) { $1 })
    }

    static func plist(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
        \(body)
        </dict>
        </plist>
        """
    }

    /// Runs `roster ARGS…`.
    func run(_ arguments: String...) throws -> CLIRunner.Result {
        try runner.run(arguments)
    }

    /// The decoded `users list --json --include-inactive` and the audit entry count: what "unchanged" compares.
    func storeState() throws -> String {
        let users = try runner.run(["users", "list", "--json", "--include-inactive"])
        let audit = try runner.run(["audit", "--json", "--limit", "100000"])
        return users.stdout + audit.stdout
    }

    /// Parses a JSON document printed on stdout.
    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
