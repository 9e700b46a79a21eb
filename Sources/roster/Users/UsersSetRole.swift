import ArgumentParser
import RosterCore
import RosterRuntime

/// `roster users set-role USER ROLE`.
struct UsersSetRole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-role",
        abstract: "Set an account's role. Only a superuser grants superuser; the last active superuser keeps it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Argument(help: "guest, member, admin or superuser.") var role: String
    @Flag(help: "Print the account as JSON.") var json = false

    func validate() throws {
        guard Role(parsing: role) != nil else { throw ValidationError("ROLE must be guest, member, admin or superuser") }
    }

    func run() throws {
        let context = try CLIContext.load(global)
        guard let newRole = Role(parsing: role) else { return }
        let account = try context.roster.accounts.setRole(user, to: newRole, by: context.acting)
        if json { try Output.json(AccountDocument(account)) } else { print("'\(account.userName)' is now \(account.role).") }
    }
}
