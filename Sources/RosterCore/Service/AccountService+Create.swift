import Foundation

extension AccountService {
    /// Creates an account. With the password method and no chosen password, a temporary password is generated,
    /// returned once, and the account must change it at first login.
    public func create(_ request: NewAccount, by context: ActingContext) throws -> CreatedAccount {
        let authMethod = request.authMethod ?? settings.defaultAuthMethod
        var temporaryPassword: String?
        var passwordHash: String?
        if authMethod == .password {
            if let chosen = request.password {
                try settings.passwordPolicy.validate(chosen)
                passwordHash = try hasher.hash(chosen)
            } else {
                let generated = secrets.temporaryPassword(length: settings.temporaryPasswordLength)
                temporaryPassword = generated
                passwordHash = try hasher.hash(generated)
            }
        }
        let account = try store.write { tx in
            try insertAccount(request, authMethod: authMethod, passwordHash: passwordHash,
                              mustChange: temporaryPassword != nil, tx, context)
        }
        return CreatedAccount(account: account, temporaryPassword: temporaryPassword)
    }

    /// The body of ``create(_:by:)`` inside an open transaction (also used by bulk imports).
    public func insertAccount(
        _ request: NewAccount, authMethod: AuthMethod, passwordHash: String?, mustChange: Bool,
        _ tx: any AccountTransaction, _ context: ActingContext
    ) throws -> Account {
        let role = request.role ?? settings.defaultRole
        let writes = try writes(tx, context)
        try AccountPolicy.authorize(.createAccount(role: role), by: writes.actor, on: nil)

        var emails: [AccountEmail] = []
        if let email = request.email {
            try EmailPolicy.validate(email)
            if try tx.account(emailKey: EmailPolicy.key(for: email)) != nil {
                throw RosterError(.emailTaken, "another account already has this email address")
            }
            // Verified unless the person typed it for themselves at signup (verified by the mailed link).
            emails = [AccountEmail(value: EmailPolicy.normalized(email), type: "work", primary: true,
                                   verified: request.source != .signup)]
        }
        let userName: String
        if let given = request.userName {
            try UserNamePolicy.validate(given, for: request.source)
            guard try !tx.userNameKeyExists(UserNamePolicy.key(for: given)) else {
                throw RosterError(.userNameTaken, "the userName '\(given)' is taken")
            }
            userName = given
        } else if let email = request.email {
            let base = UserNamePolicy.base(fromEmail: email)
            userName = try UserNamePolicy.firstFree(base: base) { try tx.userNameKeyExists($0) }
        } else {
            throw RosterError(.invalidArgument, "an account needs a userName or an email")
        }
        if let anchor = request.sourceAnchor, try tx.account(source: request.source, anchor: anchor) != nil {
            throw RosterError(.anchorTaken, "\(request.source) already has an account with this anchor")
        }
        let now = writes.now
        let account = Account(
            id: ids.next(), userName: userName, displayName: request.displayName, givenName: request.givenName,
            familyName: request.familyName, emails: emails, active: request.active, role: role,
            authMethod: authMethod, source: request.source, sourceAnchor: request.sourceAnchor,
            externalId: request.externalId, passwordHash: passwordHash, mustChangePassword: mustChange,
            createdAt: now, updatedAt: now, deactivatedAt: request.active ? nil : now,
            deactivatedBy: request.active ? nil : request.source.rawValue
        )
        return try writes.create(account)
    }
}
