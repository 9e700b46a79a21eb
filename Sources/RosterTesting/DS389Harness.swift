import Foundation

/// A private 389 Directory Server started by `scripts/389ds-harness.sh` in a temp folder on a loopback port; stopped
/// and removed when the value is released (also when a test fails).
///
/// Like ``SlapdHarness``, it picks a port at random and lets ns-slapd bind it: when it cannot (the script exits 3),
/// another port is tried. Nothing is pre-checked, nothing is released.
public final class DS389Harness: Sendable {
    public let directory: TemporaryDirectory
    public let port: Int
    public var url: String { "ldap://127.0.0.1:\(port)" }
    public static let managerDN = "cn=Directory Manager"
    public static let managerPassword = "secret-389ds"
    public static let readerDN = "cn=roster,dc=example,dc=com"
    public static let readerPassword = "roster-demo"

    /// Whether 389-ds-base is installed here (`dscreate` on PATH, `ns-slapd`).
    public static var isInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let dirs = (path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"])
        return dirs.contains { FileManager.default.isExecutableFile(atPath: "\($0)/dscreate") }
            && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ns-slapd")
    }

    /// Whether the 389-DS suites run: where 389-ds-base is installed, and always under `CI=true` (where a missing
    /// package is then a failure, not a skip).
    public static var shouldRun: Bool {
        isInstalled || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// A fixture under `Tests/Fixtures/389ds/`.
    public static func fixture(_ name: String) -> String {
        SlapdHarness.repository.appendingPathComponent("Tests/Fixtures/389ds/\(name)").path
    }

    /// The standard seed: base (OUs, Roster's bind account and its ACI), people, groups.
    public static var standardLDIF: [String] { ["base.ldif", "people.ldif", "groups.ldif"].map(fixture) }

    /// Starts a server seeded with `ldif` (paths, applied in order), with the USN and memberOf plug-ins as asked.
    public init(ldif: [String] = DS389Harness.standardLDIF, usn: Bool = false, memberOf: Bool = false) throws {
        directory = try TemporaryDirectory(prefix: "roster-389ds")
        let options = (usn ? ["--usn"] : []) + (memberOf ? ["--memberof"] : [])
        port = try Self.start(in: directory.file("ds"), options: options, ldif: ldif)
    }

    static func start(in folder: String, options: [String], ldif: [String]) throws -> Int {
        var attempts: [String] = []
        for _ in 0..<startAttempts {
            // Below Linux's ephemeral range (32768–60999), so outgoing connections rarely hold these ports.
            let candidate = Int.random(in: 20000...32000)  // hygiene-allow: ns-slapd binds it itself; refused, another is tried
            let result = try harness(["start", folder, String(candidate)] + options + ldif)
            if result.status == 0 { return candidate }
            attempts.append("port \(candidate): \(result.output)")
            guard result.status == portRefused else { break }
        }
        _ = try? harness(["remove", folder])
        throw CLIRunnerError(message: "389-DS did not start: \(attempts.joined(separator: "\n"))")
    }

    static let startAttempts = 8
    /// `389ds-harness.sh start`'s exit status when ns-slapd could not bind the port.
    static let portRefused: Int32 = 3

    deinit {
        _ = try? Self.harness(["remove", directory.file("ds")])
    }

    /// Applies an LDIF change (`changetype: …` records) as the directory manager.
    public func modify(_ ldif: String) throws {
        let file = directory.file("change-\(UUID().uuidString.prefix(6)).ldif")
        try ldif.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try SlapdHarness.run("/usr/bin/ldapmodify",
                                          ["-x", "-H", url, "-D", Self.managerDN, "-w", Self.managerPassword, "-f", file])
        guard result.status == 0 else { throw CLIRunnerError(message: "ldapmodify failed: \(result.output)") }
    }

    /// `ldapsearch -LLL` as the directory manager: the LDIF it prints.
    public func search(base: String, filter: String = "(objectClass=*)", scope: String = "sub",
                       attributes: [String] = []) throws -> String {
        let result = try SlapdHarness.run("/usr/bin/ldapsearch", [
            "-LLL", "-o", "ldif-wrap=no", "-x", "-H", url, "-D", Self.managerDN, "-w", Self.managerPassword,
            "-b", base, "-s", scope, filter] + attributes)
        guard result.status == 0 else { throw CLIRunnerError(message: "ldapsearch failed: \(result.output)") }
        return result.output
    }

    /// The first value of `attribute` of the entry at `dn`.
    public func value(_ attribute: String, of dn: String) throws -> String? {
        let text = try search(base: dn, scope: "base", attributes: [attribute])
        let prefix = attribute.lowercased() + ":"
        return text.split(separator: "\n").first { $0.lowercased().hasPrefix(prefix) }
            .map { $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
    }

    /// An LDIF file in the harness's folder with `count` more people (`bulk0001`…) and a group `everyone` holding
    /// them all (a group larger than AD's 1,500-value range: 389-DS returns all values at once).
    public func largeGroupLDIF(count: Int) throws -> String {
        var lines: [String] = []
        var members: [String] = []
        for index in 1...count {
            let uid = String(format: "bulk%04d", index)
            let dn = "uid=\(uid),ou=people,dc=example,dc=com"
            members.append("member: \(dn)")
            lines += ["dn: \(dn)", "objectClass: inetOrgPerson", "uid: \(uid)", "cn: Bulk \(index)", "sn: Bulk",
                      "mail: \(uid)@example.com", ""]
        }
        lines += ["dn: cn=everyone,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: everyone"] + members + [""]
        let file = directory.file("large-group.ldif")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Applies an LDIF file of adds as the directory manager.
    public func add(file: String) throws {
        let result = try SlapdHarness.run("/usr/bin/ldapmodify",
                                          ["-a", "-x", "-H", url, "-D", Self.managerDN, "-w", Self.managerPassword, "-f", file])
        guard result.status == 0 else { throw CLIRunnerError(message: "ldapadd failed: \(result.output)") }
    }

    static func harness(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try SlapdHarness.run("/bin/bash", [SlapdHarness.repository.appendingPathComponent("scripts/389ds-harness.sh").path]
            + arguments)
    }
}
