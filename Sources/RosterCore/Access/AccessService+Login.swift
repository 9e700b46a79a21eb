import Foundation

extension AccessService {
    /// A successful login: the session token (shown once) and whether only a password change is allowed.
    public struct Login: Sendable, Hashable {
        public var account: Account
        public var token: String
        public var expiresAt: Date
        public var passwordChangeOnly: Bool
    }

    /// The account or address is locked until then.
    public struct Locked: Error, Sendable, Hashable {
        public var until: Date
    }

    /// `POST /auth/login` with a userName or email and a password. Password accounts are checked against their
    /// argon2id hash, `ldap` accounts by binding to their directory as the user. Every failure answers the same
    /// (`invalidCredentials`); `maxFailedLogins` failures in a row lock the account for `lockout`, and five times as
    /// many from one address lock that address.
    ///
    /// The lockout is enforced atomically: each attempt first **reserves** itself in one write transaction (the
    /// lock is checked and the attempt counted as a failure before any password is evaluated), and the attempt
    /// that reaches the limit sets the lock there and then. Parallel wrong passwords therefore get at most
    /// `maxFailedLogins` evaluations; a success undoes its reservation (the account's count is reset, the
    /// address's decremented) and lifts a lock its own reservation set.
    public func login(_ login: String, password: String, address: String) async throws -> Login {
        let addressKey = "address:\(address)"
        let (account, reservation) = try await Blocking.run { [self] in
            try store.accessWrite { tx -> (Account?, Reservation) in
                let account = try Self.loginAccount(login, tx)
                // An unknown login is throttled and locked like an account (by its name), so that a lock tells
                // nobody whether the name exists.
                let subject = account.map { "account:\($0.id.lowercasedText)" } ?? Self.unknownLoginKey(login)
                return (account, try reserve([(addressKey, settings.maxFailedLogins * 5), (subject, settings.maxFailedLogins)], tx))
            }
        }

        let verified: Bool
        do {
            verified = try await checkPassword(password, of: account)
        } catch let busy as HashingLimiter.Busy {
            // Refused before any evaluation: the attempt does not count.
            try await Blocking.run { [self] in try store.accessWrite { tx in try release(reservation, tx) } }
            throw busy
        }
        guard let account, verified, account.active else {
            try await recordFailure(account: account, reservation: reservation)
            throw RosterError(.invalidCredentials, "wrong userName, email or password")
        }
        let token = secrets.token()
        let tokenHash = secrets.tokenHash(token)
        return try await Blocking.run { [self] in
            try store.accessWrite { tx in
                // A success resets the account's count and gives the address its attempt back.
                try release(reservation, tx)
                try tx.deleteLoginThrottle(key: "account:\(account.id.lowercasedText)")
                let now = now()
                let session = Session(id: accounts.ids.next(), accountID: account.id, tokenHash: tokenHash, createdAt: now,
                                      expiresAt: now.addingTimeInterval(settings.sessionLifetime),
                                      passwordChangeOnly: account.mustChangePassword)
                try tx.insert(session)
                try audit(tx, ActingContext(actor: .account(account.id), via: "api"), .sessionOpened, targetType: "account",
                          targetID: account.id.lowercasedText, targetName: account.userName,
                          after: ["sessionID": .string(session.id.lowercasedText),
                                  "passwordChangeOnly": .bool(session.passwordChangeOnly)], at: now)
                return Login(account: account, token: token, expiresAt: session.expiresAt,
                             passwordChangeOnly: session.passwordChangeOnly)
            }
        }
    }

    /// Evaluates the password of `account` (argon2id, or a bind to its directory); an unknown login, or an account
    /// that signs in elsewhere, spends the time of a check and fails.
    private func checkPassword(_ password: String, of account: Account?) async throws -> Bool {
        let verified: Bool
        switch account?.authMethod {
        case .password?:
            let hash = account?.passwordHash
            verified = try await hashing.run { [hasher] in hash.map { hasher.verify(password, against: $0) } ?? false }
        case .ldap?:
            guard let account, case .ldap(let source) = account.source, let dn = account.externalId, let directories else {
                // No directory to ask: spend the time of a check, like an unknown login.
                _ = try await hashing.run { [hasher] in hasher.verify(password, against: TimingHash.shared.value(hasher)) }
                verified = false
                break
            }
            verified = try await directories.verify(source: source, dn: dn, password: password)
        default:
            // Unknown login, or an account that signs in elsewhere (SAML, PAM): spend the same time as a check.
            _ = try await hashing.run { [hasher] in hasher.verify(password, against: TimingHash.shared.value(hasher)) }
            verified = false
        }
        return verified
    }

    /// The account a login names. A string with `@` names an email address and matches that address only (so a
    /// userName spelled like someone's address never captures a login aimed at that address); anything else is a
    /// userName.
    static func loginAccount(_ login: String, _ tx: any AccountReader) throws -> Account? {
        let trimmed = login.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("@") { return try tx.account(emailKey: EmailPolicy.key(for: trimmed)) }
        return try tx.account(userNameKey: UserNamePolicy.key(for: trimmed))
    }

    /// The throttle key of a login that names no account: its email or userName key.
    static func unknownLoginKey(_ login: String) -> String {
        let trimmed = login.trimmingCharacters(in: .whitespaces)
        return trimmed.contains("@") ? "login:\(EmailPolicy.key(for: trimmed))" : "login:\(UserNamePolicy.key(for: trimmed))"
    }

    /// The throttle keys an attempt counted itself against (key → limit), and the locks it set (key → until).
    struct Reservation: Sendable {
        var keys: [String: Int] = [:]
        var locked: [String: Date] = [:]
    }

    /// Gives an attempt back on every key it counted against: one failure less, or the lock it set lifted (the
    /// count then stands one below the limit).
    private func release(_ reservation: Reservation, _ tx: any AccessTransaction) throws {
        for (key, limit) in reservation.keys {
            guard var throttle = try tx.loginThrottle(key: key) else { continue }
            if let until = reservation.locked[key], throttle.lockedUntil == until {
                throttle.lockedUntil = nil
                throttle.failures = limit - 1
            } else if throttle.failures > 0 {
                throttle.failures -= 1
            }
            try tx.save(throttle)
        }
    }

    /// Checks the locks and counts the attempt as a failure on every key, inside the caller's write transaction;
    /// the attempt that reaches a key's limit locks it. Throws ``Locked`` (nothing written) when a key is locked.
    private func reserve(_ keys: [(String, Int)], _ tx: any AccessTransaction) throws -> Reservation {
        let now = now()
        var throttles: [(LoginThrottle, Int)] = []
        for (key, limit) in keys {
            var throttle = try tx.loginThrottle(key: key) ?? LoginThrottle(key: key, failures: 0, lastFailureAt: now)
            if let until = throttle.lockedUntil {
                if until > now { throw Locked(until: until) }
                throttle.failures = 0
                throttle.lockedUntil = nil
            }
            throttles.append((throttle, limit))
        }
        var reservation = Reservation()
        for (var throttle, limit) in throttles {
            reservation.keys[throttle.key] = limit
            throttle.failures += 1
            throttle.lastFailureAt = now
            if throttle.failures >= limit {
                let until = now.addingTimeInterval(settings.lockout)
                throttle.lockedUntil = until
                throttle.failures = 0
                reservation.locked[throttle.key] = until
            }
            try tx.save(throttle)
        }
        return reservation
    }

    /// The reservation already counted the failure; this audits it (and the lock it set).
    private func recordFailure(account: Account?, reservation: Reservation) async throws {
        guard let account else { return }
        try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let now = now()
                if let until = reservation.locked["account:\(account.id.lowercasedText)"] {
                    try audit(tx, ActingContext(actor: .system, via: "api"), .accountLocked, targetType: "account",
                              targetID: account.id.lowercasedText, targetName: account.userName,
                              after: ["until": .string(ISO8601DateFormatter().string(from: until))], at: now)
                }
                try audit(tx, ActingContext(actor: .system, via: "api"), .loginFailed, targetType: "account",
                          targetID: account.id.lowercasedText, targetName: account.userName, at: now)
            }
        }
    }

    /// Who a bearer token (session or personal API token) belongs to.
    public struct Authenticated: Sendable, Hashable {
        public var account: Account
        /// The session, when the token is a session token.
        public var session: Session?
        public var context: ActingContext { ActingContext(actor: .account(account.id), via: "api") }
        public var passwordChangeOnly: Bool { session?.passwordChangeOnly ?? false }
    }

    public func authenticate(token: String) async throws -> Authenticated {
        let tokenHash = secrets.tokenHash(token)
        let now = now()
        return try await Blocking.run { [self] in
            try store.accessRead { tx in
                if let session = try tx.session(tokenHash: tokenHash), session.expiresAt > now,
                   let account = try tx.account(id: session.accountID), account.active {
                    return Authenticated(account: account, session: session)
                }
                // Personal API tokens expire `apiTokenLifetime` after they were issued.
                if let apiToken = try tx.apiToken(tokenHash: tokenHash),
                   apiToken.createdAt.addingTimeInterval(settings.apiTokenLifetime) > now,
                   let account = try tx.account(id: apiToken.accountID), account.active, !account.mustChangePassword {
                    return Authenticated(account: account, session: nil)
                }
                throw RosterError(.unauthenticated, "the token is missing, expired or revoked")
            }
        }
    }

    /// `POST /auth/logout`: ends the session.
    public func logout(_ authenticated: Authenticated) async throws {
        guard let session = authenticated.session else { return }
        try await Blocking.run { [self] in
            try store.accessWrite { tx in
                try tx.deleteSession(id: session.id)
                try audit(tx, authenticated.context, .sessionClosed, targetType: "account",
                          targetID: authenticated.account.id.lowercasedText, targetName: authenticated.account.userName,
                          after: ["sessionID": .string(session.id.lowercasedText)], at: now())
            }
        }
    }

    /// `POST /auth/password`: the current password (not needed by a password-change-only session, which proved it
    /// at login) and a new one meeting the policy. Every session (the caller's included) and every API token of the
    /// account end — whoever held the old password may have minted them; the caller gets a fresh full session.
    public func changePassword(_ authenticated: Authenticated, current: String?, new: String) async throws -> Login {
        let account = authenticated.account
        guard account.authMethod == .password, let stored = account.passwordHash else {
            throw RosterError(.notPasswordAccount, "'\(account.userName)' signs in with \(account.authMethod)")
        }
        try accounts.settings.passwordPolicy.validate(new)
        let mustProve = !authenticated.passwordChangeOnly
        let hash: String = try await hashing.run { [hasher] in
            if mustProve {
                guard let current, hasher.verify(current, against: stored) else {
                    throw RosterError(.invalidCredentials, "the current password is wrong")
                }
            }
            return try hasher.hash(new)
        }
        let token = secrets.token()
        let tokenHash = secrets.tokenHash(token)
        return try await Blocking.run { [self] in
            try store.accessWrite { tx in
                guard let original = try tx.account(id: account.id) else {
                    throw RosterError(.accountNotFound, "the account no longer exists")
                }
                let writes = try accounts.writes(tx, authenticated.context)
                let ended = try tx.deleteSessions(accountID: account.id)
                var changed = original
                changed.passwordHash = hash
                changed.mustChangePassword = false
                // The write path revokes the API tokens minted with the old password and audits the change.
                let updated = try writes.save(original, as: changed, action: .passwordChanged, extra: ["endedSessions": .int(ended)])
                let session = Session(id: accounts.ids.next(), accountID: account.id, tokenHash: tokenHash, createdAt: writes.now,
                                      expiresAt: writes.now.addingTimeInterval(settings.sessionLifetime), passwordChangeOnly: false)
                try tx.insert(session)
                return Login(account: updated, token: token, expiresAt: session.expiresAt, passwordChangeOnly: false)
            }
        }
    }

    /// `POST /me/api-token`: replaces the account's personal API token and returns the new one once. It works for
    /// `apiTokenLifetime` (`sessions.apiTokenLifetimeDays`, 90), and until the password changes or is reset.
    public func resetPersonalAPIToken(_ authenticated: Authenticated) async throws -> IssuedToken {
        let token = secrets.token()
        let tokenHash = secrets.tokenHash(token)
        return try await Blocking.run { [self] in
            try store.accessWrite { tx in
                let account = authenticated.account
                let now = now()
                var removed = 0
                for existing in try tx.apiTokens(accountID: account.id) where existing.name == "personal" {
                    if try tx.deleteAPIToken(id: existing.id) { removed += 1 }
                }
                let apiToken = APIToken(id: accounts.ids.next(), accountID: account.id, name: "personal",
                                        tokenHash: tokenHash, createdAt: now)
                try tx.insert(apiToken)
                try audit(tx, authenticated.context, .apiTokenReset, targetType: "account", targetID: account.id.lowercasedText,
                          targetName: account.userName, after: ["tokenID": .string(apiToken.id.lowercasedText),
                                                                "replaced": .int(removed)], at: now)
                return IssuedToken(id: apiToken.id, token: token, expiresAt: now.addingTimeInterval(settings.apiTokenLifetime))
            }
        }
    }

    /// Sessions of an account: its own, or any for an admin.
    public func sessions(of accountID: UUID, by context: ActingContext) throws -> [Session] {
        try store.accessRead { tx in
            try authorizeSessionAccess(accountID, context, tx)
            return try tx.sessions(accountID: accountID)
        }
    }

    /// Ends one session (`sessionID`) or all of an account's sessions.
    @discardableResult
    public func revokeSessions(of accountID: UUID, sessionID: UUID?, by context: ActingContext) throws -> Int {
        try store.accessWrite { tx in
            try authorizeSessionAccess(accountID, context, tx)
            guard let account = try tx.account(id: accountID) else { throw RosterError(.accountNotFound, "no account has this id") }
            let count: Int
            if let sessionID {
                guard try tx.sessions(accountID: accountID).contains(where: { $0.id == sessionID }) else {
                    throw RosterError(.resourceNotFound, "no such session of this account")
                }
                count = try tx.deleteSession(id: sessionID) ? 1 : 0
            } else {
                count = try tx.deleteSessions(accountID: accountID)
            }
            try audit(tx, context, .sessionsRevoked, targetType: "account", targetID: account.id.lowercasedText,
                      targetName: account.userName, after: ["revoked": .int(count)], at: now())
            return count
        }
    }

    private func authorizeSessionAccess(_ accountID: UUID, _ context: ActingContext, _ tx: any AccessReader) throws {
        guard case .account(let id) = context.actor, id != accountID else { return }
        guard let target = try tx.account(id: accountID) else { throw RosterError(.accountNotFound, "no account has this id") }
        try AccountPolicy.authorize(.viewAccounts, by: try accounts.actorState(context, in: tx), on: target)
    }
}
