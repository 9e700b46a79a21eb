import ArgumentParser
import RosterRuntime

/// `roster users show USER`.
struct UsersShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one account, named by id, userName or email.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Flag(help: "Print the account as a JSON object.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let listing = try context.roster.accounts.show(user, by: context.acting)
        if json {
            try Output.json(AccountDocument(listing))
        } else {
            Output.describe(listing.account, sessions: listing.sessionCount, tokens: listing.apiTokenCount)
        }
    }
}
