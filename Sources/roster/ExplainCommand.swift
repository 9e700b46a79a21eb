import ArgumentParser
import Foundation
import RosterCore
import RosterRuntime

/// `roster explain USER`: the role and why.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an account's role: the rule, and the group path that reached it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: an id, a userName or an email.") var user: String
    @Flag(help: "Print {userName, id, source, role, explanation, text} as JSON.") var json = false

    struct Result: Encodable {
        var userName: String
        var id: String
        var source: String
        var role: String
        var explanation: RoleAssignment?
        var text: String
    }

    func run() throws {
        let context = try CLIContext.load(global)
        let listing = try context.roster.accounts.show(user, by: context.acting)
        let account = listing.account
        let explanation = try RoleExplanation.of(account, in: context.roster.store)
        let assignment = explanation.assignment
        let text = explanation.text
        if json {
            try Output.json(Result(userName: account.userName, id: account.id.lowercasedText,
                                   source: account.source.rawValue, role: account.role.rawValue, explanation: assignment,
                                   text: text))
        } else {
            print(text)
        }
    }
}
