import ArgumentParser
import Foundation
import RosterCore

/// `roster domains …`: the self-signup allowlist (the config's `signup.domains` are the base list).
struct DomainsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains", abstract: "Add, list and remove allowlisted self-signup domains.",
        subcommands: [DomainsAdd.self, DomainsList.self, DomainsRemove.self])
}

struct DomainsAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Allow self signup for a domain.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The domain (IDN accepted; stored in punycode).") var domain: String
    @Option(help: "password, pam or saml.") var authMethod = "password"
    @Option(help: "member or guest.") var role = "guest"
    @Flag(help: "Subdomains count too.") var includeSubdomains = false

    func run() throws {
        let context = try CLIContext.load(global)
        guard let method = AuthMethod(rawValue: authMethod) else { throw ValidationError("--auth-method is password, pam or saml") }
        guard let role = Role(rawValue: role) else { throw ValidationError("--role is member or guest") }
        let entry = try context.roster.access.addSignupDomain(domain, authMethod: method, role: role,
                                                               includeSubdomains: includeSubdomains, by: context.acting)
        print("Allowlisted \(entry.domain): \(entry.authMethod), \(entry.role)\(entry.includeSubdomains ? ", subdomains too" : "").")
    }
}

struct DomainsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The allowlist (config and store).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CLIContext.load(global)
        let domains = try context.roster.access.signupDomains()
        if json {
            try Output.json(domains)
            return
        }
        if !context.roster.access.settings.signupEnabled { print("(self signup is disabled: signup.enabled is false)") }
        Output.table(["DOMAIN", "AUTH", "ROLE", "SUBDOMAINS", "FROM"], domains.map {
            [$0.domain, $0.authMethod.rawValue, $0.role.rawValue, $0.includeSubdomains ? "yes" : "no", $0.origin.rawValue]
        })
    }
}

struct DomainsRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a domain added with 'domains add'.")
    @OptionGroup var global: GlobalOptions
    @Argument var domain: String

    func run() throws {
        let context = try CLIContext.load(global)
        try context.roster.access.removeSignupDomain(domain, by: context.acting)
        print("Removed \(domain) from the allowlist.")
    }
}
