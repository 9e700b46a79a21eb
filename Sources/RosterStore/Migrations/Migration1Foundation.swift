import GRDB

/// v1: accounts, emails, groups and memberships, sessions, API tokens, the ownership registry, the append-only
/// audit log and sync runs. Times are INTEGER milliseconds since 1970 (UTC). Ids are lower-case UUID strings.
enum Migration1Foundation {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE account (
                id TEXT PRIMARY KEY NOT NULL,
                user_name TEXT NOT NULL,
                user_name_key TEXT NOT NULL UNIQUE,
                display_name TEXT,
                given_name TEXT,
                family_name TEXT,
                active INTEGER NOT NULL CHECK (active IN (0, 1)),
                role TEXT NOT NULL CHECK (role IN ('guest', 'member', 'admin', 'superuser')),
                auth_method TEXT NOT NULL CHECK (auth_method IN ('password', 'pam', 'saml', 'ldap')),
                source TEXT NOT NULL,
                source_anchor TEXT,
                external_id TEXT,
                password_hash TEXT,
                must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                deactivated_at INTEGER,
                deactivated_by TEXT,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE UNIQUE INDEX account_source_anchor ON account(source, source_anchor) WHERE source_anchor IS NOT NULL;
            CREATE INDEX account_source_external_id ON account(source, external_id) WHERE external_id IS NOT NULL;
            CREATE INDEX account_created ON account(created_at, id);
            CREATE INDEX account_active_role ON account(role, active);

            CREATE TABLE account_email (
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                value TEXT NOT NULL,
                value_key TEXT NOT NULL UNIQUE,
                type TEXT,
                is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
                PRIMARY KEY (account_id, position)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX account_email_one_primary ON account_email(account_id) WHERE is_primary = 1;

            CREATE TABLE account_group (
                id TEXT PRIMARY KEY NOT NULL,
                source TEXT NOT NULL,
                source_anchor TEXT,
                external_id TEXT,
                display_name TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE UNIQUE INDEX account_group_source_anchor ON account_group(source, source_anchor)
                WHERE source_anchor IS NOT NULL;
            CREATE INDEX account_group_display_name ON account_group(display_name COLLATE NOCASE);

            CREATE TABLE group_member_account (
                group_id TEXT NOT NULL REFERENCES account_group(id) ON DELETE CASCADE,
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                PRIMARY KEY (group_id, account_id)
            ) WITHOUT ROWID;
            CREATE INDEX group_member_account_by_account ON group_member_account(account_id);

            CREATE TABLE group_member_group (
                group_id TEXT NOT NULL REFERENCES account_group(id) ON DELETE CASCADE,
                member_group_id TEXT NOT NULL REFERENCES account_group(id) ON DELETE CASCADE,
                PRIMARY KEY (group_id, member_group_id)
            ) WITHOUT ROWID;
            CREATE INDEX group_member_group_by_member ON group_member_group(member_group_id);

            CREATE TABLE session (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                token_hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                password_change_only INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX session_account ON session(account_id);

            CREATE TABLE api_token (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX api_token_account ON api_token(account_id);

            CREATE TABLE ownership (
                resource_type TEXT NOT NULL,
                resource_id TEXT NOT NULL,
                owner_id TEXT NOT NULL REFERENCES account(id) ON DELETE RESTRICT,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (resource_type, resource_id)
            ) WITHOUT ROWID;
            CREATE INDEX ownership_owner ON ownership(owner_id);

            CREATE TABLE audit_event (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                actor_name TEXT,
                via TEXT NOT NULL,
                action TEXT NOT NULL,
                target_type TEXT NOT NULL,
                target_id TEXT,
                target_name TEXT,
                before_json TEXT,
                after_json TEXT
            );
            CREATE INDEX audit_event_target ON audit_event(target_id, id);
            CREATE INDEX audit_event_actor ON audit_event(actor, id);
            CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

            CREATE TABLE sync_run (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                source TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                status TEXT NOT NULL,
                mode TEXT NOT NULL,
                dry_run INTEGER NOT NULL DEFAULT 0,
                counts_json TEXT,
                report_json TEXT
            );
            CREATE INDEX sync_run_source ON sync_run(source, id);
            """)
    }
}
