import Foundation
import RosterConfig
import RosterCore
import Testing

struct ConfigurationLoaderTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "plist", subdirectory: "Fixtures")).path
    }

    /// Writes an XML plist whose root dict holds `body`, returns its path.
    static func xml(_ body: String, in directory: URL, mode: Int = 0o600) throws -> String {
        let path = directory.appendingPathComponent("roster-\(UUID().uuidString.prefix(6)).plist").path
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <plist version="1.0">
            <dict>
            \(body)
            </dict>
            </plist>
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theShippedSampleLoads() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/roster.plist").path
        let loaded = try ConfigurationLoader.load(path: sample, environment: [:])
        #expect(loaded.configuration.storePath == "./roster.sqlite")
        #expect(loaded.configuration.ldap.map(\.name) == ["demo"])
        #expect(loaded.configuration.ldap.first?.bindPassword?.description == "<secret env:ROSTER_DEMO_BIND_PASSWORD>")
        #expect(ConfigurationLoader.check(path: sample, environment: ["ROSTER_DEMO_BIND_PASSWORD": "x"]).isEmpty)
        let missing = ConfigurationLoader.check(path: sample, environment: [:])
        #expect(missing.map(\.code) == [.unresolvableSecret])
        #expect(missing.first?.keyPath == "ldap[0].bindPassword")
    }

    @Test func anOpenStepConfigLoadsWithStringScalars() throws {
        let config = try ConfigurationLoader.load(path: Self.fixture("openstep"), environment: [:]).configuration
        #expect(config.logging.level == .debug && config.logging.format == .json)
        #expect(config.passwordPolicy.minimumLength == 12)
        #expect(config.users.defaultRole == .member && config.users.defaultAuthMethod == .saml)
        let source = try #require(config.ldap.first)
        #expect(source.pageSize == 1000)
        #expect(source.allowSuperuser)
        #expect(source.maxDeprovisionPercent == 12.5)
    }

    @Test func aMalformedOpenStepFileNamesTheLine() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(path: Self.fixture("broken-openstep"), environment: [:])
        }
        let issues = (try? Self.fixture("broken-openstep")).map { ConfigurationLoader.check(path: $0, environment: [:]) } ?? []
        #expect(issues.first?.code == .malformed)
        #expect(issues.first?.line == 5 || issues.first?.line == 6, "\(issues)")
    }

    @Test func aMalformedXMLFileNamesTheLine() throws {
        let directory = try Self.temporaryDirectory()
        let path = try Self.xml("<key>storePath</key>\n<string>x</strin>", in: directory)
        let issues = ConfigurationLoader.check(path: path, environment: [:])
        #expect(issues.map(\.code) == [.malformed])
        #expect(issues.first?.line == 5, "\(issues)")
    }

    @Test func everyProblemIsReportedAtOnceWithKeyPathAndLine() throws {
        let directory = try Self.temporaryDirectory()
        let path = try Self.xml("""
            <key>storPath</key><string>x</string>
            <key>passwordPolicy</key>
            <dict>
                <key>minimumLength</key><integer>2</integer>
            </dict>
            <key>ldap</key>
            <array>
                <dict><key>name</key><string>corp</string><key>url</key><string>http://x</string>
                      <key>userBaseDN</key><string>dc=x</string><key>pageSize</key><string>many</string></dict>
                <dict><key>name</key><string>corp</string><key>userBaseDN</key><string>dc=x</string></dict>
            </array>
            <key>users</key><dict><key>defaultRole</key><string>superuser</string></dict>
            """, in: directory)
        let issues = ConfigurationLoader.check(path: path, environment: [:])
        let byPath = Dictionary(issues.map { ($0.keyPath, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byPath["storPath"]?.code == .unknownKey)
        #expect(byPath["storPath"]?.message.contains("storePath") == true)
        #expect(byPath["passwordPolicy.minimumLength"]?.code == .invalidValue)
        #expect(byPath["passwordPolicy.minimumLength"]?.line == 7)
        #expect(byPath["ldap[0].url"]?.code == .invalidValue)
        #expect(byPath["ldap[0].pageSize"]?.code == .wrongType)
        #expect(byPath["ldap[1].url"]?.code == .missingValue)
        #expect(byPath["ldap[1].name"]?.code == .duplicateValue)
        #expect(byPath["users.defaultRole"]?.code == .invalidValue)
        #expect(issues.allSatisfy { $0.severity == .error })
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path, environment: [:]) }
    }

    @Test func secretsResolveInlineFromTheEnvironmentAndFromFiles() throws {
        let directory = try Self.temporaryDirectory()
        try "from-file\n".write(to: directory.appendingPathComponent("bind.secret"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600],
                                              ofItemAtPath: directory.appendingPathComponent("bind.secret").path)
        func source(_ name: String, _ secret: String) -> String {
            "<dict><key>name</key><string>\(name)</string><key>url</key><string>ldaps://h</string>"
                + "<key>userBaseDN</key><string>dc=x</string><key>bindDN</key><string>cn=r</string>"
                + "<key>bindPassword</key><string>\(secret)</string></dict>"
        }
        let path = try Self.xml("<key>ldap</key><array>\(source("a", "inline-pw"))\(source("b", "env:BIND"))"
                                + "\(source("c", "file:bind.secret"))</array>", in: directory)
        let config = try ConfigurationLoader.load(path: path, environment: [:]).configuration
        let values = try config.ldap.map { try #require($0.bindPassword).resolve(environment: ["BIND": "from-env"]) }
        #expect(values == ["inline-pw", "from-env", "from-file"])
        #expect(ConfigurationLoader.check(path: path, environment: ["BIND": "x"]).isEmpty)
        let missing = ConfigurationLoader.check(path: path, environment: [:])
        #expect(missing.map(\.keyPath) == ["ldap[1].bindPassword"])
    }

    @Test func anInlineSecretInAWorldReadableFileIsAWarningAndNeverPrinted() throws {
        let directory = try Self.temporaryDirectory()
        let path = try Self.xml("""
            <key>ldap</key><array><dict><key>name</key><string>a</string><key>url</key><string>ldaps://h</string>
            <key>userBaseDN</key><string>dc=x</string><key>bindDN</key><string>cn=r</string>
            <key>bindPassword</key><string>hunter2-secret</string></dict></array>
            """, in: directory, mode: 0o644)
        let loaded = try ConfigurationLoader.load(path: path, environment: [:])
        #expect(loaded.warnings.map(\.code) == [.looseFilePermissions])
        #expect(!loaded.warnings.description.contains("hunter2"))
        #expect(!"\(loaded.configuration.ldap)".contains("hunter2"))
    }

    @Test func theConfigPathComesFromTheFlagThenTheEnvironmentThenTheDefault() {
        #expect(ConfigurationLoader.resolveConfigurationPath(explicit: "/a.plist", environment: ["ROSTER_CONFIG": "/b.plist"],
                                                             currentDirectory: "/w") == "/a.plist")
        #expect(ConfigurationLoader.resolveConfigurationPath(explicit: nil, environment: ["ROSTER_CONFIG": "b.plist"],
                                                             currentDirectory: "/w") == "/w/b.plist")
        #expect(ConfigurationLoader.resolveConfigurationPath(explicit: nil, environment: [:], currentDirectory: "/w")
            == "/w/Config/roster.plist")
    }

    @Test func aMissingFileIsReported() {
        let issues = ConfigurationLoader.check(path: "/nonexistent/roster.plist", environment: [:])
        #expect(issues.map(\.code) == [.fileNotFound])
        #expect(issues.first?.description.contains("/nonexistent/roster.plist") == true)
    }
}
