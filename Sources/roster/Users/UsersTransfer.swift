import ArgumentParser

/// `roster users transfer FROM TO`.
struct UsersTransfer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Move every registered resource FROM owns to TO.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The current owner: an id, a userName or an email.") var from: String
    @Argument(help: "The new owner: an id, a userName or an email.") var to: String
    @Flag(help: "Print the moved resources as a JSON array of TYPE:ID strings.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let moved = try context.roster.accounts.transfer(from: from, to: to, by: context.acting)
        if json {
            try Output.json(moved.map(\.description))
            return
        }
        print("Transferred \(moved.count) resource(s).")
        for resource in moved { print("  \(resource)") }
    }
}
