import Foundation
import RosterConfig
import RosterCore
import Testing

/// Plain-text transports are refused unless they stay on this machine or the operator opts in.
struct TransportConfigTests {
    static func issues(_ body: String) throws -> [ConfigurationIssue] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roster-transport-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("roster.plist").path
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <plist version="1.0">
            <dict>
            \(body)
            </dict>
            </plist>
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return ConfigurationLoader.check(path: path, environment: [:])
    }

    static func ldap(_ url: String, _ extra: String = "") -> String {
        "<key>ldap</key><array><dict><key>name</key><string>corp</string><key>url</key><string>\(url)</string>"
            + "<key>userBaseDN</key><string>dc=x</string>\(extra)</dict></array>"
    }

    @Test(arguments: ["ldap://ldap.corp.example", "LDAP://ldap.corp.example:389", "ldap://10.0.0.5",
                      "ldap://localhost.evil.example", "ldap://127.0.0.1.evil.example"])
    func plainLDAPToAnotherHostIsAnErrorNamingTheKey(url: String) throws {
        let issues = try Self.issues(Self.ldap(url))
        let error = try #require(issues.first { $0.severity == .error })
        #expect(error.keyPath == "ldap[0].url")
        #expect(error.message.contains("startTLS"))
    }

    @Test(arguments: ["ldap://127.0.0.1:389", "ldap://localhost", "ldap://[::1]:389", "ldap://127.8.9.10"])
    func plainLDAPOnLoopbackIsAllowed(url: String) throws {
        #expect(try Self.issues(Self.ldap(url)).filter { $0.severity == .error }.isEmpty)
    }

    @Test func startTLSOrLDAPSOrAnExplicitOptInAreAccepted() throws {
        #expect(try Self.issues(Self.ldap("ldap://ldap.corp.example", "<key>startTLS</key><true/>")).isEmpty)
        #expect(try Self.issues(Self.ldap("ldaps://ldap.corp.example")).isEmpty)
        let optedIn = try Self.issues(Self.ldap("ldap://ldap.corp.example", "<key>allowInsecure</key><true/>"))
        #expect(optedIn.allSatisfy { $0.severity == .warning })
        #expect(optedIn.map(\.keyPath) == ["ldap[0].allowInsecure"])
    }
}
