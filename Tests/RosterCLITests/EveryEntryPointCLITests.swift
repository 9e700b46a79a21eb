import Foundation
import Testing

/// Issue 9's every-entry-point suite, the CLI's half (the `roster` executable as a process; the other entry points
/// are `RosterServerTests/EveryEntryPointTests`): removing the last superuser, granting superuser without being one
/// and taking over another account are each refused, and the store is unchanged.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct EveryEntryPointCLITests {
    let env: CLIEnvironment

    init() throws {
        env = try CLIEnvironment()
        for (email, role) in [("root@example.com", "superuser"), ("boss@example.com", "admin"), ("mia@example.com", "member")] {
            let result = try env.run("users", "create", "--email", email, "--role", role, "--auth-method", "saml")
            precondition(result.status == 0, result.stderr)
        }
    }

    func expectRefused(_ arguments: [String], status: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try env.storeState()
        let result = try env.runner.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(try env.storeState() == before, "\(arguments) changed the store", sourceLocation: sourceLocation)
    }

    @Test func theLastSuperuser() throws {
        for arguments in [["users", "set-role", "root", "admin"], ["users", "deactivate", "root"], ["users", "delete", "root"],
                          ["--as", "root", "users", "set-role", "root", "member"], ["--as", "boss", "users", "deactivate", "root"]] {
            try expectRefused(arguments, status: 5)
        }
    }

    @Test func superuserWithoutBeingOne() throws {
        for arguments in [["--as", "boss", "users", "set-role", "mia", "superuser"],
                          ["--as", "boss", "users", "set-role", "boss", "superuser"],
                          ["--as", "boss", "users", "create", "--email", "new@example.com", "--role", "superuser"],
                          ["--as", "mia", "users", "set-role", "mia", "admin"]] {
            try expectRefused(arguments, status: 5)
        }
    }

    @Test func takingOverAnotherAccount() throws {
        for arguments in [["users", "create", "--email", "root@example.com"],
                          ["users", "create", "--email", "other@example.com", "--username", "root"],
                          ["--as", "mia", "users", "edit", "mia", "--email", "root@example.com"],
                          ["--as", "boss", "users", "edit", "mia", "--username", "root"]] {
            try expectRefused(arguments, status: 2)
        }
    }
}
