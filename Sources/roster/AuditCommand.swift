import ArgumentParser
import RosterRuntime

/// `roster audit`: the append-only audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit log, newest first: who changed what, before and after.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only entries about (or by) this account: an id, a userName or an email.") var user: String?
    @Option(help: "At most this many entries.") var limit = 200
    @Flag(help: "Print a JSON array of audit entries.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let events = try context.roster.accounts.auditLog(about: user, limit: limit, by: context.acting)
        if json {
            try Output.json(events.map(AuditDocument.init))
            return
        }
        Output.table(["#", "TIME", "ACTOR", "VIA", "ACTION", "TARGET", "CHANGE"], events.map { event in
            let before = (event.before ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let after = (event.after ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let change = event.action == .accountCreated ? "" : before.joined(separator: " ") + " -> " + after.joined(separator: " ")
            return [String(event.id), Output.date(event.at), event.actorName ?? event.actor, event.via,
                    event.action.rawValue, event.targetName ?? event.targetID ?? "-", change]
        })
    }
}
