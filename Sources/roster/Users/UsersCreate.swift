import ArgumentParser
import RosterCore
import RosterRuntime

/// `roster users create`: basic onboarding with a temporary password shown once.
struct UsersCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an account. With the password method, prints a temporary password once.",
        discussion: """
            The userName is inferred from the email when not given (ada@example.com -> ada, then ada2 …). The \
            account must change the temporary password at first login. The temporary password is the last line of \
            standard output.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Primary email address.") var email: String
    @Option(help: "Login name, 3-50 characters (default: from the email).") var username: String?
    @Option(help: "Display name.") var displayName: String?
    @Option(help: "guest, member, admin or superuser (default: config users.defaultRole).") var role: String?
    @Option(help: "password, pam, saml or ldap (default: config users.defaultAuthMethod).") var authMethod: String?
    @Flag(help: "Print {\"account\": …, \"temporaryPassword\": …} as JSON.") var json = false

    func validate() throws {
        if let role, Role(parsing: role) == nil {
            throw ValidationError("--role must be guest, member, admin or superuser")
        }
        if let authMethod, AuthMethod(parsing: authMethod) == nil {
            throw ValidationError("--auth-method must be password, pam, saml or ldap")
        }
    }

    struct Result: Encodable {
        var account: AccountDocument
        var temporaryPassword: String?
    }

    func run() throws {
        let context = try CLIContext.load(global)
        let request = NewAccount(
            email: email, userName: username, displayName: displayName, role: role.flatMap(Role.init(parsing:)),
            authMethod: authMethod.flatMap(AuthMethod.init(parsing:))
        )
        let created = try context.roster.accounts.create(request, by: context.acting)
        if json {
            try Output.json(Result(account: AccountDocument(created.account, sessionCount: 0, apiTokenCount: 0),
                                   temporaryPassword: created.temporaryPassword))
            return
        }
        let account = created.account
        print("Created account '\(account.userName)' (id \(account.id.lowercasedText), role \(account.role)).")
        if let password = created.temporaryPassword {
            print("Temporary password, shown once; it must be changed at first login:")
            print(password)
        }
    }
}
