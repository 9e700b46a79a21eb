import Foundation

extension AccountService {
    /// Changes profile fields: userName, primary email, names. External sources manage these for their accounts.
    public func edit(_ reference: String, _ changes: AccountChanges, by context: ActingContext) throws -> Account {
        guard !changes.isEmpty else {
            throw RosterError(.invalidArgument, "nothing to change: give at least one field")
        }
        return try store.write { tx in
            let original = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.editAccount, by: actor, on: original)
            try AccountPolicy.checkLocallyManaged(original, attribute: "the profile")
            var account = original
            if let userName = changes.userName, userName != account.userName {
                try UserNamePolicy.validate(userName)
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
                var emails = account.emails.filter { EmailPolicy.key(for: $0.value) != EmailPolicy.key(for: email) }
                    .map { AccountEmail(value: $0.value, type: $0.type, primary: false) }
                emails.insert(AccountEmail(value: EmailPolicy.normalized(email), type: "work", primary: true), at: 0)
                account.emails = emails
            }
            if let name = changes.displayName { account.displayName = name.isEmpty ? nil : name }
            if let name = changes.givenName { account.givenName = name.isEmpty ? nil : name }
            if let name = changes.familyName { account.familyName = name.isEmpty ? nil : name }
            guard account != original else { return original }
            return try save(account, replacing: original, .accountUpdated, tx, context, actor, at: now())
        }
    }

    /// Sets an account's role. Only a superuser grants superuser; the last active superuser keeps it.
    public func setRole(_ reference: String, to role: Role, by context: ActingContext) throws -> Account {
        try store.write { tx in
            let original = try resolve(reference, in: tx)
            let actor = try actorState(context, in: tx)
            try AccountPolicy.authorize(.setRole(to: role), by: actor, on: original)
            try AccountPolicy.checkLocallyManaged(original, attribute: "the role")
            guard original.role != role else { return original }
            try AccountPolicy.checkLastSuperuser(
                original, remainsActiveSuperuser: role == .superuser, activeSuperuserCount: tx.activeSuperuserCount()
            )
            var account = original
            account.role = role
            return try save(account, replacing: original, .roleChanged, tx, context, actor, at: now())
        }
    }
}
