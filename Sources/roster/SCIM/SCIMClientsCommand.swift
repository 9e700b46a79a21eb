import ArgumentParser
import Foundation
import RosterRuntime

/// `roster scim-clients …`: the clients allowed to push over SCIM.
struct SCIMClientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scim-clients", abstract: "Add, list and revoke SCIM clients (bearer tokens).",
        subcommands: [SCIMClientsAdd.self, SCIMClientsList.self, SCIMClientsRevoke.self])
}

struct SCIMClientsAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a client (source scim:NAME); its token is printed once, alone on the last line.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client name: letters, digits, '.', '_' or '-'.") var name: String

    func run() async throws {
        let context = try CLIContext.load(global)
        let (client, token) = try await SCIMClientRegistry(store: context.roster.store).add(name: name)
        print("Created SCIM client '\(client.name)' (source \(client.source)). Its bearer token is shown only now:")
        print(token)
    }
}

struct SCIMClientsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List SCIM clients.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    struct Document: Encodable {
        var name: String
        var source: String
        var createdAt: Date
        var revokedAt: Date?
    }

    func run() async throws {
        let context = try CLIContext.load(global)
        let clients = try await SCIMClientRegistry(store: context.roster.store).list()
        if json {
            try Output.json(clients.map { Document(name: $0.name, source: $0.source.rawValue, createdAt: $0.createdAt, revokedAt: $0.revokedAt) })
            return
        }
        Output.table(["NAME", "SOURCE", "CREATED", "STATUS"], clients.map {
            [$0.name, $0.source.rawValue, Output.date($0.createdAt), $0.revokedAt.map { "revoked \(Output.date($0))" } ?? "active"]
        })
    }
}

struct SCIMClientsRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a client's token (what it created stays).")
    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run() async throws {
        let context = try CLIContext.load(global)
        try await SCIMClientRegistry(store: context.roster.store).revoke(name: name)
        print("Revoked SCIM client '\(name)'.")
    }
}
