import ArgumentParser
import RosterRuntime

/// `roster users deactivate USER`.
struct UsersDeactivate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deactivate", abstract: "Deactivate an account: data kept, sessions and API tokens revoked.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Flag(help: "Print the account as JSON.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let account = try context.roster.accounts.deactivate(user, by: context.acting)
        if json { try Output.json(AccountDocument(account)) } else { print("Deactivated '\(account.userName)'.") }
    }
}

/// `roster users reactivate USER`.
struct UsersReactivate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reactivate", abstract: "Reactivate an account (revoked sessions and tokens stay revoked).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Flag(help: "Print the account as JSON.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let account = try context.roster.accounts.reactivate(user, by: context.acting)
        if json { try Output.json(AccountDocument(account)) } else { print("Reactivated '\(account.userName)'.") }
    }
}
