import Foundation
import Testing

/// The `roster` executable run as a process, end to end.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct UsersCommandTests {
    @Test func createPrintsATemporaryPasswordOnceAndListShowsTheAccount() throws {
        let env = try CLIEnvironment()
        let created = try env.run("users", "create", "--email", "ada@example.com")
        #expect(created.status == 0, "\(created.stderr)")
        let password = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        #expect(password.count == 16)
        #expect(!created.stderr.contains(password))

        let list = try env.run("users", "list", "--json")
        #expect(list.status == 0)
        let accounts = try #require(try env.json(list.stdout) as? [[String: Any]])
        #expect(accounts.count == 1)
        let ada = try #require(accounts.first)
        #expect(ada["userName"] as? String == "ada")
        #expect(ada["role"] as? String == "guest")
        #expect(ada["active"] as? Bool == true)
        #expect(ada["authMethod"] as? String == "password")
        #expect(ada["source"] as? String == "local")
        #expect(ada["sessionCount"] as? Int == 0)
        #expect(ada["apiTokenCount"] as? Int == 0)
        #expect(ada["mustChangePassword"] as? Bool == true)
        let emails = try #require(ada["emails"] as? [[String: Any]])
        #expect(emails.first?["value"] as? String == "ada@example.com")
        #expect(emails.first?["primary"] as? Bool == true)
        for key in ["id", "displayName", "createdAt"] { #expect(ada.keys.contains(key) || key == "displayName") }
        #expect(!list.stdout.contains(password))
        #expect(!list.stdout.contains("argon2"))
    }

    @Test func createWithJSONHoldsTheAccountAndThePassword() throws {
        let env = try CLIEnvironment()
        let created = try env.run("users", "create", "--email", "grace@example.com", "--role", "member",
                                  "--display-name", "Grace Hopper", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        let object = try #require(try env.json(created.stdout) as? [String: Any])
        let account = try #require(object["account"] as? [String: Any])
        #expect(account["role"] as? String == "member")
        #expect(account["displayName"] as? String == "Grace Hopper")
        #expect((object["temporaryPassword"] as? String)?.count == 16)
    }

    @Test func theConfigDefaultRoleApplies() throws {
        let env = try CLIEnvironment(extraKeys: """
            <key>users</key><dict><key>defaultRole</key><string>member</string></dict>
            """)
        let created = try env.run("users", "create", "--email", "ada@example.com", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("\"role\" : \"member\""))
    }

    @Test func showEditResetDeactivateReactivate() throws {
        let env = try CLIEnvironment()
        _ = try env.run("users", "create", "--email", "ada@example.com")
        #expect(try env.run("users", "show", "ADA@example.com").stdout.contains("ada@example.com (primary)"))
        let edited = try env.run("users", "edit", "ada", "--username", "lovelace", "--display-name", "Ada L.")
        #expect(edited.status == 0, "\(edited.stderr)")
        let reset = try env.run("users", "reset-password", "lovelace", "--json")
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout.contains("temporaryPassword"))
        #expect(try env.run("users", "deactivate", "lovelace").status == 0)
        #expect(try env.run("users", "list", "--json").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]"
            || (try env.json(env.run("users", "list", "--json").stdout) as? [Any])?.isEmpty == true)
        #expect(try env.run("users", "reactivate", "lovelace").status == 0)
        let shown = try env.json(env.run("users", "show", "lovelace", "--json").stdout) as? [String: Any]
        #expect(shown?["active"] as? Bool == true)
        #expect(shown?["displayName"] as? String == "Ada L.")
    }

    @Test func helpDescribesEveryCommand() throws {
        let env = try CLIEnvironment()
        let root = try env.run("--help")
        #expect(root.status == 0)
        for name in ["users", "ownership", "audit", "config"] { #expect(root.stdout.contains(name)) }
        let commands: [[String]] = [
            ["users"], ["users", "list"], ["users", "show"], ["users", "create"], ["users", "edit"], ["users", "set-role"],
            ["users", "reset-password"], ["users", "deactivate"], ["users", "reactivate"], ["users", "delete"],
            ["users", "transfer"], ["ownership", "add"], ["ownership", "list"], ["ownership", "remove"], ["audit"],
            ["config", "check"],
        ]
        for command in commands {
            let help = try env.runner.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("OVERVIEW:") || help.stdout.contains("USAGE:"), "\(command)")
        }
    }

    @Test func usageErrorsExitTwo() throws {
        let env = try CLIEnvironment()
        #expect(try env.run("users", "show", "nobody").status == 2)
        #expect(try env.run("users", "create", "--email", "x@example.com", "--role", "emperor").status == 2)
        #expect(try env.run("users", "create").status == 2)
        #expect(try env.run("users", "frobnicate").status == 2)
        #expect(try env.run("users", "create", "--email", "not-an-email").status == 2)
        #expect(try env.run("ownership", "add", "x", "no-colon").status == 2)
    }
}
