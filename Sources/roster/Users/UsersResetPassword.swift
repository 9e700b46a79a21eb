import ArgumentParser
import RosterRuntime

/// `roster users reset-password USER`.
struct UsersResetPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Issue a temporary password (printed once) and revoke the account's sessions.",
        discussion: "The account must change the temporary password at next login. The password is the last line of output."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Flag(help: "Keep the account's sessions (they are revoked by default).") var keepSessions = false
    @Flag(help: "Print {\"account\": …, \"temporaryPassword\": …, \"revokedSessions\": N} as JSON.") var json = false

    struct Result: Encodable {
        var account: AccountDocument
        var temporaryPassword: String
        var revokedSessions: Int
    }

    func run() throws {
        let context = try CLIContext.load(global)
        let reset = try context.roster.accounts.resetPassword(user, keepSessions: keepSessions, by: context.acting)
        if json {
            try Output.json(Result(account: AccountDocument(reset.account), temporaryPassword: reset.temporaryPassword,
                                   revokedSessions: reset.revokedSessions))
            return
        }
        print("Reset the password of '\(reset.account.userName)'; revoked \(reset.revokedSessions) session(s).")
        print("Temporary password, shown once; it must be changed at next login:")
        print(reset.temporaryPassword)
    }
}
