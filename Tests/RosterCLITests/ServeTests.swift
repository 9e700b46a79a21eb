import Foundation
import RosterTesting
import Testing

/// `roster serve` as a process: TLS from the config, health and metrics, graceful stop.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ServeTests {
    private func shell(_ command: String, in directory: String) throws -> (status: Int32, output: String) {
        try TLSServerFixture.shell(command, in: directory)
    }

    @Test func servesHTTPSWithTheConfiguredCertificate() throws {
        let directory = try TemporaryDirectory(prefix: "roster-tls")
        let (env, server) = try TLSServerFixture.server(in: directory)
        defer { withExtendedLifetime(env) {} }  // its temp folder holds the store
        #expect(server.baseURL.hasPrefix("https://"))
        let verified = try shell("curl -sS --cacert ca.pem \(server.baseURL)/healthz", in: directory.url.path)
        #expect(verified.output == "ok\n")
        let unverified = try shell("curl -sS \(server.baseURL)/healthz", in: directory.url.path)
        #expect(unverified.status != 0)  // the test CA is not trusted by default
        let metrics = try shell("curl -sS --cacert ca.pem \(server.baseURL)/metrics", in: directory.url.path)
        #expect(metrics.output.contains("roster_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"))
        #expect(metrics.output.contains("roster_accounts 0"))
        #expect(try server.stop().status == 0)
    }

    @Test func scimClientTokensArePrintedOnceOnTheLastLine() throws {
        let env = try CLIEnvironment()
        let added = try env.run("scim-clients", "add", "okta")
        #expect(added.status == 0)
        let token = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        #expect(token.count == 43)
        #expect(try env.run("scim-clients", "add", "okta").status == 2)  // names are unique
        #expect(try env.run("scim-clients", "add", "bad name").status == 2)
        let list = try env.run("scim-clients", "list")
        #expect(list.stdout.contains("scim:okta"))
        #expect(!list.stdout.contains(token))
        #expect(try env.run("scim-clients", "revoke", "okta").status == 0)
        #expect(try env.run("scim-clients", "list").stdout.contains("revoked"))
        #expect(try env.run("scim-clients", "revoke", "okta").status == 2)
    }
}
