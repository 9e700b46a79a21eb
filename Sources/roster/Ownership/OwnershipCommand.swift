import ArgumentParser
import Foundation
import RosterCore

/// `roster ownership …`: the registry of resources accounts own.
struct OwnershipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ownership",
        abstract: "Register which account owns which resource (a delete is refused while an account owns any).",
        subcommands: [OwnershipAdd.self, OwnershipList.self, OwnershipRemove.self]
    )
}

/// `roster ownership add USER TYPE:ID`.
struct OwnershipAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a resource as owned by USER.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The owner: an id, a userName or an email.") var user: String
    @Argument(help: "The resource, TYPE:ID (e.g. project:42).") var resource: String

    func run() throws {
        let context = try CLIContext.load(global)
        let ownership = try context.roster.accounts.addOwnership(
            try ResourceRef(parsing: resource), owner: user, by: context.acting)
        print("\(ownership.resource) is owned by '\(ownership.ownerUserName)'.")
    }
}

/// `roster ownership list [USER]`.
struct OwnershipList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered resources and owners.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this owner's resources.") var user: String?
    @Flag(help: "Print a JSON array of {resource, ownerId, ownerUserName, createdAt}.") var json = false

    struct Entry: Encodable {
        var resource: String
        var ownerId: String
        var ownerUserName: String
        var createdAt: Date
    }

    func run() throws {
        let context = try CLIContext.load(global)
        let entries = try context.roster.accounts.ownerships(of: user, by: context.acting)
        if json {
            try Output.json(entries.map {
                Entry(resource: $0.resource.description, ownerId: $0.ownerID.lowercasedText,
                      ownerUserName: $0.ownerUserName, createdAt: $0.createdAt)
            })
            return
        }
        Output.table(["RESOURCE", "OWNER", "SINCE"], entries.map {
            [$0.resource.description, $0.ownerUserName, Output.date($0.createdAt)]
        })
    }
}

/// `roster ownership remove TYPE:ID`.
struct OwnershipRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a resource from the registry.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The resource, TYPE:ID.") var resource: String

    func run() throws {
        let context = try CLIContext.load(global)
        let removed = try context.roster.accounts.removeOwnership(try ResourceRef(parsing: resource), by: context.acting)
        print("Removed \(removed.resource) (was owned by '\(removed.ownerUserName)').")
    }
}
