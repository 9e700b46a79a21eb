import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a URL's host is this machine: exactly `localhost`, an address in 127.0.0.0/8, or `::1` (also as the
/// IPv4-mapped `::ffff:127.x.y.z`). Names that merely start or end like one (`localhost.example`,
/// `127.0.0.1.example`) are other machines. Used for every "plain text only towards this machine" rule (LDAP
/// without StartTLS, SMTP without STARTTLS).
public enum LoopbackHost {
    public static func contains(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }

    /// The host of a URL, or nil.
    public static func host(ofURL url: String) -> String? {
        URLComponents(string: url)?.host
    }
}
