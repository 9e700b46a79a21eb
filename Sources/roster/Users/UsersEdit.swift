import ArgumentParser
import RosterCore
import RosterRuntime

/// `roster users edit USER`.
struct UsersEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change an account's userName, primary email or display name.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Option(help: "New primary email (the login address).") var email: String?
    @Option(help: "New userName, 3-50 characters.") var username: String?
    @Option(help: "New display name (empty to clear).") var displayName: String?
    @Flag(help: "Print the account as JSON.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let account = try context.roster.accounts.edit(
            user, AccountChanges(userName: username, email: email, displayName: displayName), by: context.acting)
        if json { try Output.json(AccountDocument(account)) } else { print("Updated account '\(account.userName)'.") }
    }
}
