import GRDB

/// v2: a digest of each group's directory content, per-source sync state (incremental watermark, what the last complete run saw) and the stored role explanations for `roster explain`.
enum Migration2Sync {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_state (
                source TEXT PRIMARY KEY NOT NULL,
                watermark TEXT,
                last_full_run_at INTEGER,
                last_run_at INTEGER,
                scope_accounts INTEGER,
                scope_groups INTEGER,
                rules_digest TEXT
            ) WITHOUT ROWID;

            ALTER TABLE account_group ADD COLUMN content_digest TEXT;

            CREATE TABLE role_explanation (
                account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                explanation_json TEXT
            ) WITHOUT ROWID;
            """)
    }
}
