import Foundation

extension AccountService {
    /// Changes profile fields: userName, primary email, names. External sources manage these for their accounts.
    public func edit(_ reference: String, _ changes: AccountChanges, by context: ActingContext) throws -> Account {
        guard !changes.isEmpty else {
            throw RosterError(.invalidArgument, "nothing to change: give at least one field")
        }
        return try store.write { tx in
            let original = try resolve(reference, in: tx)
            let writes = try writes(tx, context)
            try AccountPolicy.authorize(.editAccount, by: writes.actor, on: original)
            try AccountPolicy.checkLocallyManaged(original, attribute: "the profile")
            // An address an administrator enters is vouched for; one a person enters for themselves is not verified
            // (it never counts for adoption by a source, see AdoptionPolicy).
            let vouched = writes.actor.account?.id != original.id
            var account = original
            if let userName = changes.userName, userName != account.userName {
                try UserNamePolicy.validate(userName, for: original.source)
                let key = UserNamePolicy.key(for: userName)
                if key != UserNamePolicy.key(for: account.userName), try tx.userNameKeyExists(key) {
                    throw RosterError(.userNameTaken, "the userName '\(userName)' is taken")
                }
                account.userName = userName
            }
            if let email = changes.email {
                try EmailPolicy.validate(email)
                if let holder = try tx.account(emailKey: EmailPolicy.key(for: email)), holder.id != account.id {
                    throw RosterError(.emailTaken, "another account already has this email address")
                }
                let key = EmailPolicy.key(for: email)
                let wasVerified = account.emails.contains { EmailPolicy.key(for: $0.value) == key && $0.verified }
                var emails = account.emails.filter { EmailPolicy.key(for: $0.value) != key }
                    .map { AccountEmail(value: $0.value, type: $0.type, primary: false, verified: $0.verified) }
                emails.insert(AccountEmail(value: EmailPolicy.normalized(email), type: "work", primary: true,
                                           verified: wasVerified || vouched), at: 0)
                account.emails = emails
            }
            if let name = changes.displayName { account.displayName = name.isEmpty ? nil : name }
            if let name = changes.givenName { account.givenName = name.isEmpty ? nil : name }
            if let name = changes.familyName { account.familyName = name.isEmpty ? nil : name }
            return try writes.save(original, as: account)
        }
    }

    /// Sets an account's role. Only a superuser grants superuser; the last active superuser keeps it.
    public func setRole(_ reference: String, to role: Role, by context: ActingContext) throws -> Account {
        try store.write { tx in
            let original = try resolve(reference, in: tx)
            let writes = try writes(tx, context)
            try AccountPolicy.authorize(.setRole(to: role), by: writes.actor, on: original)
            try AccountPolicy.checkLocallyManaged(original, attribute: "the role")
            return try writes.changeRole(original, to: role)
        }
    }
}
