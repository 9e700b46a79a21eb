import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private slapd started by `scripts/slapd-harness.sh` in a temp folder on free loopback ports; stopped when the
/// value is released (also when a test fails).
public final class SlapdHarness: Sendable {
    public let directory: TemporaryDirectory
    public let port: Int
    public var url: String { "ldap://127.0.0.1:\(port)" }
    public var ldapsURL: String { "ldaps://127.0.0.1:\(port + 1)" }
    /// The generated CA that signed the server certificate.
    public var caFile: String { directory.file("slapd/tls/ca.pem") }
    public static let adminDN = "cn=admin,dc=example,dc=com"
    public static let adminPassword = "secret"
    public static let readerDN = "cn=roster,dc=example,dc=com"
    public static let readerPassword = "roster-demo"

    /// Whether slapd is installed here.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/slapd") }
    /// LDAP tests run where slapd is installed, and always in CI (`CI=true`), where a missing slapd fails them.
    public static var shouldRun: Bool { isInstalled || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The repository root, found from this file's path.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fixture under `Tests/Fixtures/ldap/`.
    public static func fixture(_ name: String) -> String {
        repository.appendingPathComponent("Tests/Fixtures/ldap/\(name)").path
    }

    /// Starts slapd with `base.ldif` and the given LDIF files (paths).
    public init(ldif: [String]) throws {
        directory = try TemporaryDirectory(prefix: "roster-slapd")
        port = try Self.freePortPair()
        let result = try Self.harness(["start", directory.file("slapd"), String(port)] + ldif)
        guard result.status == 0 else {
            throw CLIRunnerError(message: "slapd did not start: \(result.output)")
        }
    }

    deinit {
        _ = try? Self.harness(["stop", directory.file("slapd")])
    }

    /// Stops slapd now (to test an unreachable directory).
    public func stop() throws {
        _ = try Self.harness(["stop", directory.file("slapd")])
    }

    /// Applies an LDIF change (`changetype: …` records) as the directory manager.
    public func modify(_ ldif: String) throws {
        let file = directory.file("change-\(UUID().uuidString.prefix(6)).ldif")
        try ldif.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Self.run("/usr/bin/ldapmodify", ["-x", "-H", url, "-D", Self.adminDN, "-w", Self.adminPassword, "-f", file])
        guard result.status == 0 else { throw CLIRunnerError(message: "ldapmodify failed: \(result.output)") }
    }

    static func harness(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run("/bin/bash", [repository.appendingPathComponent("scripts/slapd-harness.sh").path] + arguments)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = try TemporaryDirectory(prefix: "roster-slapd-out")
        let log = output.file("log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// A free loopback port whose successor is free too (ldap and ldaps).
    static func freePortPair() throws -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20000...45000)
            if isFree(port), isFree(port + 1) { return port }
        }
        throw CLIRunnerError(message: "no free loopback port pair found")
    }

    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
