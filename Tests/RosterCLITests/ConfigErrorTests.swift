import Foundation
import Testing

/// A bad config of each kind: exit 2, a message naming the file and the key, and no store written.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ConfigErrorTests {
    static let cases: [(name: String, body: String, expected: [String])] = [
        ("malformed", "<key>storePath</key><string>./store/roster.sqlite</string>\n<key>logging</key><dict>", ["roster.plist"]),
        ("unknown key", "<key>storePath</key><string>./store/roster.sqlite</string>\n<key>passwordPolicy</key><dict><key>minimumLenght</key><integer>9</integer></dict>",
         ["passwordPolicy.minimumLenght", "minimumLength"]),
        ("wrong type", "<key>storePath</key><string>./store/roster.sqlite</string>\n<key>passwordPolicy</key><dict><key>minimumLength</key><string>eight</string></dict>",
         ["passwordPolicy.minimumLength"]),
        ("missing required value", "<key>storePath</key><string>./store/roster.sqlite</string>\n<key>ldap</key><array><dict><key>name</key><string>corp</string><key>userBaseDN</key><string>ou=people,dc=example,dc=com</string></dict></array>",
         ["ldap[0].url"]),
        ("bad value", "<key>storePath</key><string>./store/roster.sqlite</string>\n<key>users</key><dict><key>defaultRole</key><string>emperor</string></dict>",
         ["users.defaultRole"]),
    ]

    @Test(arguments: 0..<cases.count)
    func aBadConfigExitsTwoAndNamesTheKey(_ index: Int) throws {
        let env = try CLIEnvironment()
        let testCase = Self.cases[index]
        try CLIEnvironment.plist(testCase.body).write(toFile: env.configPath, atomically: true, encoding: .utf8)
        for arguments in [["config", "check"], ["users", "list"]] {
            let result = try env.runner.run(arguments)
            #expect(result.status == 2, "\(testCase.name) \(arguments): \(result.stdout) \(result.stderr)")
            let output = result.stdout + result.stderr
            for text in testCase.expected {
                #expect(output.contains(text), "\(testCase.name): expected '\(text)' in \(output)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: env.directory.file("store/roster.sqlite")), "\(testCase.name)")
    }

    @Test func severalProblemsAreReportedAtOnceWithLines() throws {
        let env = try CLIEnvironment()
        try CLIEnvironment.plist("""
            <key>storePath</key><string>./store/roster.sqlite</string>
            <key>passwordPolicy</key>
            <dict>
                <key>minimumLength</key><string>eight</string>
            </dict>
            <key>colour</key><string>blue</string>
            """).write(toFile: env.configPath, atomically: true, encoding: .utf8)
        let result = try env.run("config", "check")
        #expect(result.status == 2)
        #expect(result.stdout.contains("passwordPolicy.minimumLength"))
        #expect(result.stdout.contains("colour"))
        #expect(result.stdout.contains("roster.plist:7:") || result.stdout.contains("roster.plist:8:"), "\(result.stdout)")
    }

    @Test func theShippedSampleConfigChecksClean() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let env = try CLIEnvironment()
        let result = try env.runner.run(
            ["config", "check", "--config", repository.appendingPathComponent("Config/roster.plist").path],
            environment: ["ROSTER_DEMO_BIND_PASSWORD": "roster-demo"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aMissingConfigFileIsAUsageError() throws {
        let env = try CLIEnvironment()
        let result = try env.run("--config", env.directory.file("nope.plist"), "users", "list")
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope.plist"))
    }
}
