import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private slapd started by `scripts/slapd-harness.sh` in a temp folder on two loopback ports; stopped when the
/// value is released (also when a test fails).
///
/// slapd cannot report a port the kernel chose, and a port found free by binding and releasing it can be taken before
/// slapd binds it. So the harness picks a port pair at random and lets slapd bind it: when slapd cannot (the script
/// exits 3, slapd refused to start), it tries another pair. Nothing is pre-checked, nothing is released.
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

    /// Starts slapd with `base.ldif` and the given LDIF files (paths). `trying` names ports to try first (a test of
    /// the retry gives one it holds), before random ones.
    /// `syncprov: false` leaves the syncprov overlay out (no contextCSN, no RFC 4533 content sync); `sizeLimit`
    /// replaces the 500 entries at which unpaged searches (content-sync refreshes among them) stop.
    public init(ldif: [String], trying firstPorts: [Int] = [], syncprov: Bool = true, sizeLimit: Int? = nil) throws {
        directory = try TemporaryDirectory(prefix: "roster-slapd")
        let options = (syncprov ? [] : ["--no-syncprov"]) + (sizeLimit.map { ["--size-limit", String($0)] } ?? [])
        port = try Self.start(in: directory.file("slapd"), ldif: options + ldif, firstPorts: firstPorts)
    }

    /// Starts slapd in `folder` on a random port pair, trying other pairs while slapd cannot bind one; returns the port.
    static func start(in folder: String, ldif: [String], firstPorts: [Int]) throws -> Int {
        var attempts: [String] = []
        for attempt in 0..<(firstPorts.count + startAttempts) {
            // Below Linux's ephemeral range (32768–60999), so outgoing connections rarely hold these ports.
            let candidate = attempt < firstPorts.count
                ? firstPorts[attempt]
                : Int.random(in: 20000...32000)  // hygiene-allow: slapd binds it itself; refused, another is tried
            let result = try harness(["start", folder, String(candidate)] + ldif)
            if result.status == 0 { return candidate }
            attempts.append("port \(candidate): \(result.output)")
            guard result.status == portRefused else { break }
        }
        _ = try? harness(["stop", folder])  // in case slapd started but never answered
        throw CLIRunnerError(message: "slapd did not start: \(attempts.joined(separator: "\n"))")
    }

    /// How many port pairs are tried before giving up.
    static let startAttempts = 8
    /// `slapd-harness.sh start`'s exit status when slapd itself refused to start (a port of the pair in use).
    static let portRefused: Int32 = 3

    deinit {
        _ = try? Self.harness(["stop", directory.file("slapd")])
    }

    /// Stops slapd now (to test an unreachable directory).
    public func stop() throws {
        _ = try Self.harness(["stop", directory.file("slapd")])
    }

    /// Stops slapd and starts it again on the same port with the same database (syncprov's in-memory session log
    /// starts empty).
    public func restart() throws {
        try stop()
        let result = try Self.harness(["restart", directory.file("slapd"), String(port)])
        guard result.status == 0 else { throw CLIRunnerError(message: "slapd did not restart: \(result.output)") }
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

    /// Runs a helper program (a harness script, ldapmodify…) to its end; its stdout and stderr together, and its
    /// status. `environment` is added to this process's. Shared by the slapd, Samba AD and 389-DS harnesses.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> (status: Int32, output: String) {
        let output = try TemporaryDirectory(prefix: "roster-harness-out")
        let log = output.file("log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}
