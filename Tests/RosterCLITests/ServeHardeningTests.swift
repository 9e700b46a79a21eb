import Foundation
import RosterTesting
import Testing

/// `roster serve` over the network: TLS 1.2 at least, and idle connections closed.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ServeHardeningTests {
    private func shell(_ command: String, in directory: String) throws -> (status: Int32, output: String) {
        try TLSServerFixture.shell(command, in: directory)
    }

    private func tlsServer(_ directory: TemporaryDirectory, extraSCIMKeys: String = "") throws -> (CLIEnvironment, ServerProcess) {
        try TLSServerFixture.server(in: directory, extraSCIMKeys: extraSCIMKeys)
    }

    @Test func tls10And11HandshakesAreRefusedAnd12Works() throws {
        let directory = try TemporaryDirectory(prefix: "roster-tls-min")
        let (_, server) = try tlsServer(directory)
        let port = try #require(server.baseURL.split(separator: ":").last)
        // SECLEVEL=0 lets OpenSSL 3's client offer the old versions at all; the server must still refuse them.
        for version in ["-tls1", "-tls1_1"] {
            let old = try shell("openssl s_client -connect 127.0.0.1:\(port) \(version) -cipher 'DEFAULT@SECLEVEL=0' "
                                + "-CAfile ca.pem < /dev/null", in: directory.path)
            #expect(old.status != 0, "\(version) was accepted: \(old.output)")
        }
        let current = try shell("openssl s_client -connect 127.0.0.1:\(port) -tls1_2 -CAfile ca.pem < /dev/null",
                                in: directory.path)
        #expect(current.status == 0, "\(current.output)")
        #expect(current.output.contains("Verify return code: 0"))
        #expect(try server.stop().status == 0)
    }

    @Test func anIdleConnectionIsClosed() throws {
        let env = try CLIEnvironment(extraKeys: """
            <key>scim</key><dict><key>idleTimeoutSeconds</key><integer>1</integer></dict>
            """, environment: ["ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
        let server = try ServerProcess(runner: env.runner)
        let port = try #require(Int(server.baseURL.split(separator: ":").last ?? ""))
        // A client that connects and says nothing: the server hangs up within the idle timeout (the read gives up
        // after 20 s, so a server that never closes fails the test instead of hanging it).
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        var byte: UInt8 = 0
        let read = recv(fd, &byte, 1, 0)
        #expect(read == 0, "the server did not close the idle connection (recv returned \(read))")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(try server.stop().status == 0)
    }

    @Test func theHostHeaderIsNeverReflected() throws {
        let env = try CLIEnvironment(environment: ["ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
        let added = try env.run("scim-clients", "add", "idp")
        let token = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        let server = try ServerProcess(runner: env.runner)
        let body = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"host.test"}"#
        let common = "-H 'Host: evil.example' -H 'Authorization: Bearer \(token)' -H 'Content-Type: application/scim+json'"
        let created = try shell("curl -sS -i \(common) -d '\(body)' \(server.baseURL)/scim/v2/Users", in: env.directory.path)
        #expect(created.output.contains("201"), "\(created.output)")
        #expect(created.output.lowercased().contains("location: \(server.baseURL)/scim/v2/users/"), "\(created.output)")
        for path in ["Users", "ServiceProviderConfig", "ResourceTypes", "Schemas", "Groups"] {
            let reply = try shell("curl -sS -i \(common) \(server.baseURL)/scim/v2/\(path)", in: env.directory.path)
            #expect(reply.output.contains("200"), "\(path): \(reply.output)")
            #expect(!reply.output.contains("evil.example"), "\(path): \(reply.output)")
        }
        #expect(!created.output.contains("evil.example"), "\(created.output)")
        #expect(try server.stop().status == 0)
    }
}
