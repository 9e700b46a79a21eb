import ArgumentParser
import RosterRuntime

/// `roster users delete USER`.
struct UsersDelete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an account with its sessions, API tokens and group memberships.",
        discussion: "Refused (exit 5) while the account owns registered resources: they are listed; use 'users transfer'."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Flag(help: "Print what was deleted as JSON.") var json = false

    struct Result: Encodable {
        var account: AccountDocument
        var deletedSessions: Int
        var deletedAPITokens: Int
        var removedGroupMemberships: Int
    }

    func run() throws {
        let context = try CLIContext.load(global)
        let deleted = try context.roster.accounts.delete(user, by: context.acting)
        if json {
            try Output.json(Result(account: AccountDocument(deleted.account), deletedSessions: deleted.sessions,
                                   deletedAPITokens: deleted.apiTokens, removedGroupMemberships: deleted.groupMemberships))
            return
        }
        print("Deleted '\(deleted.account.userName)' with \(deleted.sessions) session(s), \(deleted.apiTokens) API token(s) "
            + "and \(deleted.groupMemberships) group membership(s).")
    }
}
