import ArgumentParser

/// `roster`: the root command.
struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Roster: an LDAP/SCIM provisioning gateway with a SQLite user store.",
        discussion: """
            Imports accounts from LDAP directories, accepts SCIM pushes, maps groups to roles, and keeps one local \
            user store. Without --as, commands act as the local operator (allowed everything).
            Exit codes: 0 ok, 1 runtime failure, 2 usage or config error, 3 sync held, 4 sync locked, 5 refused by a rule.
            """,
        subcommands: [
            UsersCommand.self, SyncCommand.self, ExplainCommand.self, OwnershipCommand.self, AuditCommand.self,
            ConfigCommand.self, ServeCommand.self, SCIMClientsCommand.self,
            DomainsCommand.self, InvitationsCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}
