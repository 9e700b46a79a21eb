import Foundation
import Testing

/// Every refusal exits 5 with a one-line reason on stderr and leaves the store unchanged.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct RefusalTests {
    let env: CLIEnvironment

    init() throws {
        env = try CLIEnvironment()
        for (email, role) in [("root@example.com", "superuser"), ("boss@example.com", "admin"),
                              ("mia@example.com", "member"), ("gus@example.com", "guest")] {
            let result = try env.run("users", "create", "--email", email, "--role", role, "--auth-method", "saml")
            precondition(result.status == 0, result.stderr)
        }
    }

    func expectRefused(_ arguments: [String], mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try env.storeState()
        let result = try env.runner.run(arguments)
        #expect(result.status == 5, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try env.storeState() == before, "store changed", sourceLocation: sourceLocation)
    }

    @Test func anAdminCannotGrantSuperuser() throws {
        try expectRefused(["--as", "boss", "users", "set-role", "mia", "superuser"], mentioning: "only a superuser")
        // The option may also follow the subcommand.
        try expectRefused(["users", "set-role", "mia", "superuser", "--as", "boss"], mentioning: "only a superuser")
    }

    @Test func aMemberCannotAdminister() throws {
        try expectRefused(["--as", "mia", "users", "set-role", "gus", "admin"], mentioning: "does not allow")
        try expectRefused(["--as", "mia", "users", "create", "--email", "new@example.com"], mentioning: "does not allow")
        try expectRefused(["--as", "gus", "users", "list"], mentioning: "does not allow")
    }

    @Test func anAdminCannotTouchASuperuser() throws {
        try expectRefused(["--as", "boss", "users", "deactivate", "root"], mentioning: "only a superuser")
    }

    @Test func nobodyDeletesThemselves() throws {
        try expectRefused(["--as", "boss", "users", "delete", "boss"], mentioning: "cannot delete itself")
        try expectRefused(["--as", "root", "users", "deactivate", "root"], mentioning: "cannot deactivate itself")
    }

    @Test func theLastSuperuserStays() throws {
        try expectRefused(["users", "set-role", "root", "admin"], mentioning: "last active superuser")
        try expectRefused(["users", "delete", "root"], mentioning: "last active superuser")
    }

    @Test func deleteWhileOwningIsRefusedAndListsTheResourcesThenTransferLetsItThrough() throws {
        #expect(try env.run("ownership", "add", "mia", "project:42").status == 0)
        #expect(try env.run("ownership", "add", "mia", "dashboard:sales").status == 0)
        let before = try env.storeState()
        let refused = try env.run("users", "delete", "mia")
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("project:42"))
        #expect(refused.stderr.contains("dashboard:sales"))
        #expect(try env.storeState() == before)

        let transfer = try env.run("users", "transfer", "mia", "boss")
        #expect(transfer.status == 0, "\(transfer.stderr)")
        #expect(try env.run("ownership", "list", "boss").stdout.contains("project:42"))
        let deleted = try env.run("users", "delete", "mia")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try env.run("users", "show", "mia").status == 2)
    }

    @Test func theAuditLogRecordsTheActor() throws {
        #expect(try env.run("--as", "boss", "users", "set-role", "gus", "member").status == 0)
        let audit = try #require(try env.json(env.run("audit", "--user", "gus", "--json").stdout) as? [[String: Any]])
        let entry = try #require(audit.first)
        #expect(entry["action"] as? String == "account.roleChanged")
        #expect(entry["actorName"] as? String == "boss")
        #expect((entry["actor"] as? String)?.hasPrefix("account:") == true)
        #expect(entry["via"] as? String == "cli")
        #expect((entry["before"] as? [String: Any])?["role"] as? String == "guest")
        #expect((entry["after"] as? [String: Any])?["role"] as? String == "member")
    }
}
