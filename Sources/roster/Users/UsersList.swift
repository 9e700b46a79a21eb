import ArgumentParser
import RosterRuntime

/// `roster users list`: accounts newest first with session and API-token counts.
struct UsersList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List accounts, newest first, with their session and API-token counts.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array of account objects (see README).") var json = false
    @Flag(help: "Include inactive (deactivated) accounts.") var includeInactive = false

    func run() throws {
        let context = try CLIContext.load(global)
        let listings = try context.roster.accounts.list(includeInactive: includeInactive, by: context.acting)
        if json {
            try Output.json(listings.map(AccountDocument.init))
            return
        }
        Output.table(
            ["USERNAME", "ROLE", "ACTIVE", "SOURCE", "SESSIONS", "TOKENS", "CREATED", "EMAIL"],
            listings.map { listing in
                let account = listing.account
                return [
                    account.userName, account.role.rawValue, account.active ? "yes" : "no", account.source.rawValue,
                    String(listing.sessionCount), String(listing.apiTokenCount), Output.date(account.createdAt),
                    account.primaryEmail ?? "-",
                ]
            }
        )
    }
}
