import ArgumentParser

/// `roster sync …`: import accounts from the configured LDAP sources.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync accounts from the configured LDAP directories (plan, then apply).",
        discussion: """
            Exit codes: 0 done; 1 failed (nothing applied); 2 usage or config error; 3 held by a threshold or an \
            incomplete read (the rest applied); 4 another run holds the lock.
            """,
        subcommands: [SyncRun.self, SyncHistory.self],
        defaultSubcommand: SyncRun.self
    )
}
