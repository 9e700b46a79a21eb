import Foundation
import GRDB
import RosterCore

extension GRDBAccountTransaction: AccessTransaction {
    // MARK: signup domains

    func signupDomains() throws -> [SignupDomain] {
        try Row.fetchAll(db, sql: "SELECT domain, auth_method, role, include_subdomains FROM signup_domain ORDER BY domain").map { row in
            SignupDomain(domain: row[0], authMethod: AuthMethod(rawValue: row[1]) ?? .password, role: Role(rawValue: row[2]) ?? .guest,
                         includeSubdomains: row[3], origin: .store)
        }
    }

    func insert(_ domain: SignupDomain, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO signup_domain (domain, auth_method, role, include_subdomains, created_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [domain.domain, domain.authMethod.rawValue, domain.role.rawValue, domain.includeSubdomains,
                             Columns.time(at)])
    }

    func deleteSignupDomain(_ domain: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM signup_domain WHERE domain = ?", arguments: [domain])
        return db.changesCount > 0
    }

    // MARK: invitations

    private static let invitationColumns = """
        id, email, user_name, role, auth_method, invited_by, created_at, expires_at, accepted_at, revoked_at, account_id,
        send_count, last_sent_at, last_send_error
        """

    private static func invitation(_ row: Row) throws -> Invitation {
        func optionalDate(_ index: Int) -> Date? { (row[index] as Int64?).map(Columns.date) }
        return Invitation(
            id: try Columns.uuid(row, "id"), email: row[1], userName: row[2], role: Role(rawValue: row[3]) ?? .guest,
            authMethod: AuthMethod(rawValue: row[4]) ?? .password, invitedBy: (row[5] as String?).flatMap(UUID.init(uuidString:)),
            createdAt: Columns.date(row[6]), expiresAt: Columns.date(row[7]), acceptedAt: optionalDate(8),
            revokedAt: optionalDate(9), accountID: (row[10] as String?).flatMap(UUID.init(uuidString:)), sendCount: row[11],
            lastSentAt: optionalDate(12), lastSendError: row[13])
    }

    func invitation(id: UUID) throws -> Invitation? {
        try Row.fetchOne(db, sql: "SELECT \(Self.invitationColumns) FROM invitation WHERE id = ?", arguments: [Columns.id(id)])
            .map(Self.invitation)
    }

    func invitation(tokenHash: [UInt8]) throws -> Invitation? {
        try Row.fetchOne(db, sql: "SELECT \(Self.invitationColumns) FROM invitation WHERE token_hash = ?",
                         arguments: [Data(tokenHash)]).map(Self.invitation)
    }

    func invitations(includeClosed: Bool, now: Date) throws -> [Invitation] {
        let condition = includeClosed ? "1" : "accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?"
        return try Row.fetchAll(db, sql: "SELECT \(Self.invitationColumns) FROM invitation WHERE \(condition) ORDER BY created_at DESC",
                                arguments: includeClosed ? [] : [Columns.time(now)]).map(Self.invitation)
    }

    func pendingInvitation(emailKey: String, now: Date) throws -> Invitation? {
        try Row.fetchOne(db, sql: """
            SELECT \(Self.invitationColumns) FROM invitation
            WHERE email_key = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?
            """, arguments: [emailKey, Columns.time(now)]).map(Self.invitation)
    }

    func insert(_ invitation: Invitation, tokenHash: [UInt8]) throws {
        try db.execute(sql: """
            INSERT INTO invitation (id, email, email_key, user_name, role, auth_method, invited_by, token_hash, created_at,
                expires_at, send_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            """, arguments: [Columns.id(invitation.id), invitation.email, EmailPolicy.key(for: invitation.email),
                             invitation.userName, invitation.role.rawValue, invitation.authMethod.rawValue,
                             invitation.invitedBy.map(Columns.id), Data(tokenHash), Columns.time(invitation.createdAt),
                             Columns.time(invitation.expiresAt)])
    }

    func update(_ invitation: Invitation) throws {
        try db.execute(sql: """
            UPDATE invitation SET expires_at = ?, accepted_at = ?, revoked_at = ?, account_id = ?, send_count = ?,
                last_sent_at = ?, last_send_error = ? WHERE id = ?
            """, arguments: [Columns.time(invitation.expiresAt), invitation.acceptedAt.map(Columns.time),
                             invitation.revokedAt.map(Columns.time), invitation.accountID.map(Columns.id),
                             invitation.sendCount, invitation.lastSentAt.map(Columns.time), invitation.lastSendError,
                             Columns.id(invitation.id)])
    }

    func setInvitationToken(id: UUID, tokenHash: [UInt8], expiresAt: Date) throws {
        try db.execute(sql: "UPDATE invitation SET token_hash = ?, expires_at = ? WHERE id = ?",
                       arguments: [Data(tokenHash), Columns.time(expiresAt), Columns.id(id)])
    }

    // MARK: verification

    func verification(tokenHash: [UInt8]) throws -> EmailVerification? {
        try Row.fetchOne(db, sql: """
            SELECT id, account_id, created_at, expires_at, used_at FROM email_verification WHERE token_hash = ?
            """, arguments: [Data(tokenHash)]).map { row in
            EmailVerification(id: try Columns.uuid(row, "id"), accountID: try Columns.uuid(row, "account_id"),
                              createdAt: Columns.date(row[2]), expiresAt: Columns.date(row[3]),
                              usedAt: (row[4] as Int64?).map(Columns.date))
        }
    }

    func insert(_ verification: EmailVerification, tokenHash: [UInt8]) throws {
        try db.execute(sql: """
            INSERT INTO email_verification (id, account_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [Columns.id(verification.id), Columns.id(verification.accountID), Data(tokenHash),
                             Columns.time(verification.createdAt), Columns.time(verification.expiresAt)])
    }

    func markVerificationUsed(id: UUID, at: Date) throws {
        try db.execute(sql: "UPDATE email_verification SET used_at = ? WHERE id = ?", arguments: [Columns.time(at), Columns.id(id)])
    }

    func isDeprovisioned(emailKey: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM deprovisioned_email WHERE email_key = ?)
                OR EXISTS (SELECT 1 FROM account_email e JOIN account a ON a.id = e.account_id
                           WHERE e.value_key = ? AND a.active = 0
                             AND (a.deactivated_by LIKE 'ldap:%' OR a.deactivated_by LIKE 'scim:%'))
            """, arguments: [emailKey, emailKey]) ?? false
    }

    func expiredSignups(now: Date, accountID: UUID?, limit: Int) throws -> [UUID] {
        var sql = """
            SELECT a.id FROM account a
            WHERE a.source = 'signup' AND a.active = 0 AND a.deactivated_by = 'signup'
              AND NOT EXISTS (SELECT 1 FROM email_verification v
                              WHERE v.account_id = a.id AND (v.used_at IS NOT NULL OR v.expires_at > ?))
              AND NOT EXISTS (SELECT 1 FROM ownership o WHERE o.owner_id = a.id)
            """
        var arguments: StatementArguments = [Columns.time(now)]
        if let accountID {
            sql += " AND a.id = ?"
            arguments += [Columns.id(accountID)]
        }
        sql += " LIMIT ?"
        arguments += [limit]
        return try String.fetchAll(db, sql: sql, arguments: arguments).compactMap(UUID.init(uuidString:))
    }

    // MARK: login throttling

    func loginThrottle(key: String) throws -> LoginThrottle? {
        try Row.fetchOne(db, sql: "SELECT key, failures, last_failure_at, locked_until FROM login_throttle WHERE key = ?",
                         arguments: [key]).map { row in
            LoginThrottle(key: row[0], failures: row[1], lastFailureAt: Columns.date(row[2]),
                          lockedUntil: (row[3] as Int64?).map(Columns.date))
        }
    }

    func save(_ throttle: LoginThrottle) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
            """, arguments: [throttle.key, throttle.failures, Columns.time(throttle.lastFailureAt),
                             throttle.lockedUntil.map(Columns.time)])
    }

    func deleteLoginThrottle(key: String) throws {
        try db.execute(sql: "DELETE FROM login_throttle WHERE key = ?", arguments: [key])
    }

    func deleteLoginThrottles(lastFailureBefore before: Date, now: Date) throws -> Int {
        try db.execute(sql: """
            DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)
            """, arguments: [Columns.time(before), Columns.time(now)])
        return db.changesCount
    }

    // MARK: sessions and tokens

    private static func session(_ row: Row) throws -> Session {
        Session(id: try Columns.uuid(row, "id"), accountID: try Columns.uuid(row, "account_id"),
                tokenHash: [UInt8](row["token_hash"] as Data), createdAt: Columns.date(row["created_at"]),
                expiresAt: Columns.date(row["expires_at"]), passwordChangeOnly: row["password_change_only"])
    }

    func session(tokenHash: [UInt8]) throws -> Session? {
        try Row.fetchOne(db, sql: """
            SELECT id, account_id, token_hash, created_at, expires_at, password_change_only FROM session WHERE token_hash = ?
            """, arguments: [Data(tokenHash)]).map(Self.session)
    }

    func sessions(accountID: UUID) throws -> [Session] {
        try Row.fetchAll(db, sql: """
            SELECT id, account_id, token_hash, created_at, expires_at, password_change_only FROM session
            WHERE account_id = ? ORDER BY created_at DESC
            """, arguments: [Columns.id(accountID)]).map(Self.session)
    }

    func deleteSession(id: UUID) throws -> Bool {
        try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [Columns.id(id)])
        return db.changesCount > 0
    }

    private static func apiToken(_ row: Row) throws -> APIToken {
        APIToken(id: try Columns.uuid(row, "id"), accountID: try Columns.uuid(row, "account_id"), name: row["name"],
                 tokenHash: [UInt8](row["token_hash"] as Data), createdAt: Columns.date(row["created_at"]))
    }

    func apiToken(tokenHash: [UInt8]) throws -> APIToken? {
        try Row.fetchOne(db, sql: "SELECT id, account_id, name, token_hash, created_at FROM api_token WHERE token_hash = ?",
                         arguments: [Data(tokenHash)]).map(Self.apiToken)
    }

    func apiTokens(accountID: UUID) throws -> [APIToken] {
        try Row.fetchAll(db, sql: "SELECT id, account_id, name, token_hash, created_at FROM api_token WHERE account_id = ?",
                         arguments: [Columns.id(accountID)]).map(Self.apiToken)
    }

    func deleteAPIToken(id: UUID) throws -> Bool {
        try db.execute(sql: "DELETE FROM api_token WHERE id = ?", arguments: [Columns.id(id)])
        return db.changesCount > 0
    }
}
