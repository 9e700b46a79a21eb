import ArgumentParser

/// `roster users …`: manage accounts.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Create, list, change, deactivate and delete accounts.",
        subcommands: [
            UsersList.self, UsersShow.self, UsersCreate.self, UsersEdit.self, UsersSetRole.self,
            UsersResetPassword.self, UsersDeactivate.self, UsersReactivate.self, UsersDelete.self, UsersTransfer.self,
        ]
    )
}
