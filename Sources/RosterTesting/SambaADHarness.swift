import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private Samba Active Directory domain controller started by `scripts/samba-ad-harness.sh` in a temp folder,
/// seeded by `Tests/Fixtures/ad/seed.py`; stopped when the value is released (also when a test fails).
///
/// Samba's LDAP ports cannot be moved (389, 636, 3268, 3269 on loopback), so one DC runs per machine at a time: the
/// script refuses to start (exit 3) while any of them is bound, and this type reports that as an error. Provisioning
/// is cached by the script (a copy of the template starts in about 1.5 s).
public final class SambaADHarness: Sendable {
    public let directory: TemporaryDirectory
    /// LDAPS on 127.0.0.1:636: a stock DC refuses simple binds without TLS.
    public let url: String
    /// The generated CA that signed the DC's certificate (for 127.0.0.1 and localhost).
    public var caFile: String { directory.file("ad/tls/ca.pem") }

    public static let baseDN = "DC=roster,DC=test"
    public static let peopleDN = "OU=People,OU=Roster,DC=roster,DC=test"
    public static let groupsDN = "OU=Groups,OU=Roster,DC=roster,DC=test"
    public static let adminDN = "CN=Administrator,CN=Users,DC=roster,DC=test"
    public static let adminPassword = "Roster-Admin-1"
    public static let bindDN = "CN=roster-sync,CN=Users,DC=roster,DC=test"
    public static let bindPassword = "Roster-Sync-1"
    /// The password of the seeded named users (ada, alan, …).
    public static let userPassword = "Roster-User-1"
    /// Members of the large group `staff` besides grace and ada (u0001 … u1600).
    public static let bulkMembers = 1600

    /// Whether a Samba AD DC can be provisioned here.
    public static var isInstalled: Bool {
        let files = FileManager.default
        return files.isExecutableFile(atPath: "/usr/sbin/samba") && files.isExecutableFile(atPath: "/usr/bin/samba-tool")
            && files.fileExists(atPath: "/usr/share/samba/setup/ad-schema") && files.isExecutableFile(atPath: "/usr/bin/ldapmodify")
    }

    /// Whether the Samba AD suites run: where samba is installed, and always under `CI=true` (where a missing
    /// package is then a failure, not a skip).
    public static var shouldRun: Bool {
        isInstalled || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static let repository = SlapdHarness.repository

    /// The machine-wide lock held while this DC runs (an open descriptor of `lockPath` with `flock`).
    private let lock: Int32
    /// One DC at a time on this machine, whichever suite or process starts it: a second harness waits in `flock`
    /// until the first is released (its ports are free then), instead of failing on port 389.
    public static let lockPath = FileManager.default.temporaryDirectory.appendingPathComponent("roster-samba-ad.lock").path

    public init() throws {
        let lock = open(Self.lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw CLIRunnerError(message: "cannot open \(Self.lockPath)") }
        guard flock(lock, LOCK_EX) == 0 else {
            close(lock)
            throw CLIRunnerError(message: "cannot lock \(Self.lockPath)")
        }
        self.lock = lock
        do {
            directory = try TemporaryDirectory(prefix: "roster-samba-ad")
        } catch {
            close(lock)
            throw error
        }
        let result = try SlapdHarness.run("/bin/bash", [Self.repository.appendingPathComponent("scripts/samba-ad-harness.sh").path,
                                                "start", directory.file("ad")])
        guard result.status == 0, let first = result.output.split(separator: "\n").first(where: { $0.hasPrefix("ldap") }) else {
            _ = try? SlapdHarness.run("/bin/bash", [Self.repository.appendingPathComponent("scripts/samba-ad-harness.sh").path,
                                            "stop", directory.file("ad")])
            close(lock)
            throw CLIRunnerError(message: "samba did not start (exit \(result.status)): \(result.output)")
        }
        url = String(first)
    }

    deinit {
        _ = try? SlapdHarness.run("/bin/bash", [Self.repository.appendingPathComponent("scripts/samba-ad-harness.sh").path,
                                        "stop", directory.file("ad")])
        close(lock)
    }

    /// Applies an LDIF change (`changetype: …` records) as the domain administrator, over LDAPS.
    public func modify(_ ldif: String) throws {
        let file = directory.file("change-\(UUID().uuidString.prefix(6)).ldif")
        try ldif.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try SlapdHarness.run("/usr/bin/ldapmodify", ["-x", "-H", url, "-D", Self.adminDN, "-w", Self.adminPassword, "-f", file],
                                  environment: ["LDAPTLS_CACERT": caFile])
        guard result.status == 0 else { throw CLIRunnerError(message: "ldapmodify failed: \(result.output)") }
    }

    /// Binds as `dn` with a wrong password `times` times (each bind must be refused with invalidCredentials, 49), the way
    /// a user locks an account out; the seeded domain locks after three.
    public func failBinds(dn: String, times: Int) throws {
        for _ in 0..<times {
            let result = try SlapdHarness.run("/usr/bin/ldapwhoami", ["-x", "-H", url, "-D", dn, "-w", "not-the-password"],
                                              environment: ["LDAPTLS_CACERT": caFile])
            guard result.status == 49 else { throw CLIRunnerError(message: "a wrong password was not refused with 49: \(result.output)") }
        }
    }

    /// Runs `ldapsearch` as the domain administrator and returns its LDIF output.
    public func search(base: String, scope: String = "sub", filter: String, attributes: [String]) throws -> String {
        let result = try SlapdHarness.run("/usr/bin/ldapsearch", ["-LLL", "-o", "ldif-wrap=no", "-x", "-H", url, "-D", Self.adminDN,
                                                          "-w", Self.adminPassword, "-b", base, "-s", scope, filter] + attributes,
                                  environment: ["LDAPTLS_CACERT": caFile])
        guard result.status == 0 else { throw CLIRunnerError(message: "ldapsearch failed: \(result.output)") }
        return result.output
    }
}
