import Foundation

extension AccessService {
    /// The allowlist: the config's domains, then the store's (a store entry for a config domain overrides it).
    public func signupDomains() throws -> [SignupDomain] {
        let stored = try store.accessRead { try $0.signupDomains() }
        let storedNames = Set(stored.map(\.domain))
        return settings.configDomains.filter { !storedNames.contains($0.domain) } + stored
    }

    /// `roster domains add` / `POST /api/admin/domains` (admins).
    public func addSignupDomain(_ domain: String, authMethod: AuthMethod, role: Role, includeSubdomains: Bool,
                                by context: ActingContext) throws -> SignupDomain {
        guard let normalized = DomainPolicy.normalize(domain) else {
            throw RosterError(.invalidArgument, "'\(domain)' is not a domain name")
        }
        guard role == .member || role == .guest else {
            throw RosterError(.invalidArgument, "self signup grants member or guest only")
        }
        guard authMethod != .ldap else {
            throw RosterError(.invalidArgument, "self signup uses password, pam or saml")
        }
        let entry = SignupDomain(domain: normalized, authMethod: authMethod, role: role, includeSubdomains: includeSubdomains)
        return try store.accessWrite { tx in
            try requireAdmin(context, tx)
            _ = try tx.deleteSignupDomain(normalized)
            let now = now()
            try tx.insert(entry, at: now)
            try audit(tx, context, .domainAdded, targetType: "signupDomain", targetID: normalized, targetName: normalized,
                      after: ["authMethod": .string(authMethod.rawValue), "role": .string(role.rawValue),
                              "includeSubdomains": .bool(includeSubdomains)], at: now)
            return entry
        }
    }

    /// Removes a store entry (config entries are removed by editing the config).
    public func removeSignupDomain(_ domain: String, by context: ActingContext) throws {
        let normalized = DomainPolicy.normalize(domain) ?? domain.lowercased()
        try store.accessWrite { tx in
            try requireAdmin(context, tx)
            guard try tx.deleteSignupDomain(normalized) else {
                if settings.configDomains.contains(where: { $0.domain == normalized }) {
                    throw RosterError(.invalidArgument, "'\(normalized)' comes from the configuration file; remove it there")
                }
                throw RosterError(.resourceNotFound, "'\(normalized)' is not on the allowlist")
            }
            try audit(tx, context, .domainRemoved, targetType: "signupDomain", targetID: normalized, targetName: normalized, at: now())
        }
    }

    func requireAdmin(_ context: ActingContext, _ tx: any AccessTransaction) throws {
        guard case .account(let id) = context.actor else { return }
        guard let account = try tx.account(id: id), account.active else {
            throw RosterError(.inactiveActor, "the acting account is inactive")
        }
        guard account.role >= .admin else { throw RosterError(.insufficientRole, "this needs an admin") }
    }

    /// What a signup request leads to. Both outcomes answer the same over HTTP (202): nobody learns whether an
    /// address already has an account or was deprovisioned, nor whether a userName is taken (the account then gets
    /// the userName inferred from the address, named in the verification mail).
    public enum SignupOutcome: Sendable, Hashable {
        case verificationSent(Delivery)
        /// An account exists for the address, or a directory/SCIM source deprovisioned it: nothing is created.
        case ignored
    }

    /// `POST /signup`: a domain on the allowlist gets an inactive account and a verification mail.
    public func signup(email: String, password: String?, userName: String?) async throws -> SignupOutcome {
        guard settings.signupEnabled else { throw RosterError(.signupNotAllowed, "self signup is not enabled") }
        guard mailer != nil else { throw RosterError(.signupNotAllowed, "self signup needs mail (an smtp section) to verify addresses") }
        guard let normalized = DomainPolicy.normalizeEmail(email) else {
            throw RosterError(.invalidEmail, "an email address is written local@domain")
        }
        try EmailPolicy.validate(normalized)
        let domain = String(normalized[normalized.index(after: normalized.lastIndex(of: "@")!)...])
        guard let entry = DomainPolicy.match(domain, in: try signupDomains()) else {
            throw RosterError(.signupNotAllowed, "addresses of this domain cannot sign up by themselves")
        }
        var passwordHash: String?
        if entry.authMethod == .password {
            guard let password else { throw RosterError(.invalidPassword, "a password is required") }
            try accounts.settings.passwordPolicy.validate(password)
            passwordHash = try await hashing.run { [hasher] in try hasher.hash(password) }
        }
        if let userName { try UserNamePolicy.validate(userName, for: .signup) }
        let token = secrets.token()
        let tokenHash = secrets.tokenHash(token)
        let hash = passwordHash
        let created: Account? = try await Blocking.run { [self] in
            try store.accessWrite { tx -> Account? in
                let key = EmailPolicy.key(for: normalized)
                try releaseExpiredSignups(emailKey: key, userName: userName, tx)
                if try tx.account(emailKey: key) != nil || tx.isDeprovisioned(emailKey: key) { return nil }
                // A taken userName is not an error (a 409 would tell anyone which names exist): the account gets
                // the userName inferred from the address instead, and the verification mail says which.
                var chosen = userName
                if let userName, try tx.userNameKeyExists(UserNamePolicy.key(for: userName)) { chosen = nil }
                let context = ActingContext(actor: .system, via: "signup")
                let account = try accounts.insertAccount(
                    NewAccount(email: normalized, userName: chosen, role: entry.role, authMethod: entry.authMethod,
                               source: .signup, active: false),
                    authMethod: entry.authMethod, passwordHash: hash, mustChange: false, tx, context)
                let now = now()
                try tx.insert(EmailVerification(id: accounts.ids.next(), accountID: account.id, createdAt: now,
                                                expiresAt: now.addingTimeInterval(settings.verificationLifetime)),
                              tokenHash: tokenHash)
                try audit(tx, context, .signupRequested, targetType: "account", targetID: account.id.lowercasedText,
                          targetName: account.userName, after: ["domain": .string(entry.domain)], at: now)
                return account
            }
        }
        guard let created else { return .ignored }
        let link = link("/signup/verify", token: token)
        let hours = Int(settings.verificationLifetime / 3600)
        return .verificationSent(await deliver(MailTemplates.verification(to: normalized, link: link, hours: hours,
                                                                          userName: created.userName), link: link))
    }

    /// `POST /signup/verify`: a valid link activates the account it was issued for (once; expired links fail).
    ///
    /// It activates only a **never-activated self-signup account**: source `signup`, inactive since its creation
    /// (`deactivatedBy` is still `signup`, which the signup itself records). An account an admin or a directory/SCIM source deactivated, or one a
    /// source adopted since the signup, or one already active, is left as it is and the link answers like an unknown
    /// one (`notFound.token`), so a stale verification mail never reactivates a deprovisioned person.
    public func verifyEmail(token: String) async throws -> Account {
        let tokenHash = secrets.tokenHash(token)
        return try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let now = now()
                guard let verification = try tx.verification(tokenHash: tokenHash), verification.usedAt == nil,
                      verification.expiresAt > now, let original = try tx.account(id: verification.accountID),
                      AdoptionPolicy.isUnverifiedSignup(original)
                else { throw RosterError(.tokenNotFound, "the link is unknown, used or expired") }
                try tx.markVerificationUsed(id: verification.id, at: now)
                // The link proved the address: it is verified from now on (AdoptionPolicy counts only such).
                var account = original
                account.active = true
                account.emails = account.emails.markedVerified
                return try accounts.writes(tx, ActingContext(actor: .system, via: "signup"))
                    .save(original, as: account, action: .emailVerified)
            }
        }
    }

    /// Removes the self-signed accounts that were never verified and whose every link expired, so that they do not
    /// squat userNames and addresses: `roster serve` runs this every ``SignupSweep/interval`` and each claim of an
    /// address or userName (signup, invitation, acceptance) frees that one first. Each removal is audited
    /// (`account.signupExpired`). Returns how many were removed.
    @discardableResult
    public func sweepExpiredSignups(limit: Int = 1000) async throws -> Int {
        try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let expired = try tx.expiredSignups(now: now(), accountID: nil, limit: limit)
                for id in expired { try removeExpiredSignup(id, tx) }
                return expired.count
            }
        }
    }

    /// Forgets failed-login counts untouched for a day (and not holding a lock), so that the throttle table does not
    /// grow with every name ever tried; run by the same service as the signup sweep. Returns how many.
    @discardableResult
    public func pruneLoginThrottles() async throws -> Int {
        try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let now = now()
                return try tx.deleteLoginThrottles(lastFailureBefore: now.addingTimeInterval(-86_400), now: now)
            }
        }
    }

    /// Frees an address and a userName held by expired, never-verified signups (inside the claimer's transaction).
    func releaseExpiredSignups(emailKey: String?, userName: String?, _ tx: any AccessTransaction) throws {
        var candidates: [Account] = []
        if let emailKey, let holder = try tx.account(emailKey: emailKey) { candidates.append(holder) }
        if let userName, let holder = try tx.account(userNameKey: UserNamePolicy.key(for: userName)) { candidates.append(holder) }
        for holder in candidates where AdoptionPolicy.isUnverifiedSignup(holder) {
            if try !tx.expiredSignups(now: now(), accountID: holder.id, limit: 1).isEmpty {
                try removeExpiredSignup(holder.id, tx)
            }
        }
    }

    private func removeExpiredSignup(_ id: UUID, _ tx: any AccessTransaction) throws {
        guard let account = try tx.account(id: id) else { return }
        try accounts.writes(tx, ActingContext(actor: .system, via: "signup")).delete(account, action: .signupExpired)
    }

}
