import GRDB
import RosterCore

/// v4: self signup, invitations, email verification, login throttling, and the tombstones of emails whose accounts
/// a directory or SCIM source deleted (self signup must not bring them back). Email keys now spell IDN domains in
/// punycode; existing keys with non-ASCII domains are recomputed.
enum Migration4Access {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE signup_domain (
                domain TEXT PRIMARY KEY NOT NULL,
                auth_method TEXT NOT NULL CHECK (auth_method IN ('password', 'pam', 'saml')),
                role TEXT NOT NULL CHECK (role IN ('guest', 'member')),
                include_subdomains INTEGER NOT NULL CHECK (include_subdomains IN (0, 1)),
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE invitation (
                id TEXT PRIMARY KEY NOT NULL,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL,
                user_name TEXT,
                role TEXT NOT NULL CHECK (role IN ('guest', 'member', 'admin', 'superuser')),
                auth_method TEXT NOT NULL,
                invited_by TEXT,
                token_hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                accepted_at INTEGER,
                revoked_at INTEGER,
                account_id TEXT,
                send_count INTEGER NOT NULL DEFAULT 0,
                last_sent_at INTEGER,
                last_send_error TEXT
            );
            CREATE INDEX invitation_email_key ON invitation(email_key);
            CREATE INDEX invitation_created ON invitation(created_at);

            CREATE TABLE email_verification (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                token_hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            );
            CREATE INDEX email_verification_account ON email_verification(account_id);

            CREATE TABLE login_throttle (
                key TEXT PRIMARY KEY NOT NULL,
                failures INTEGER NOT NULL,
                last_failure_at INTEGER NOT NULL,
                locked_until INTEGER
            ) WITHOUT ROWID;

            CREATE TABLE deprovisioned_email (
                email_key TEXT PRIMARY KEY NOT NULL,
                source TEXT NOT NULL,
                at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TRIGGER account_deprovisioned_tombstone BEFORE DELETE ON account
                WHEN old.source LIKE 'ldap:%' OR old.source LIKE 'scim:%'
                BEGIN
                    INSERT OR REPLACE INTO deprovisioned_email (email_key, source, at)
                    SELECT value_key, old.source, CAST(strftime('%s', 'now') AS INTEGER) * 1000
                    FROM account_email WHERE account_id = old.id;
                END;
            """)
        let rows = try Row.fetchAll(db, sql: "SELECT account_id, position, value FROM account_email")
        for row in rows {
            let value: String = row[2]
            guard !value.unicodeScalars.allSatisfy(\.isASCII) else { continue }
            try db.execute(sql: "UPDATE account_email SET value_key = ? WHERE account_id = ? AND position = ?",
                           arguments: [EmailPolicy.key(for: value), row[0], row[1]])
        }
    }
}
