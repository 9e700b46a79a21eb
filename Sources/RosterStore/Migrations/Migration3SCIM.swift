import GRDB

/// v3: SCIM. The canonical SCIM body of accounts pushed over SCIM, the mark of accounts a SCIM client deleted
/// under the deactivate policy (kept, inactive, hidden from SCIM), SCIM clients with hashed bearer tokens, and the
/// indexes that make SCIM lookups cost the same at any size.
enum Migration3SCIM {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE account ADD COLUMN scim_json TEXT;
            ALTER TABLE account ADD COLUMN scim_deleted_at INTEGER;
            CREATE INDEX account_source_created ON account(source, created_at, id);
            CREATE INDEX account_group_source_external_id ON account_group(source, external_id)
                WHERE external_id IS NOT NULL;
            CREATE INDEX account_group_source_created ON account_group(source, created_at, id);

            CREATE TABLE scim_client (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                token_hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            );
            CREATE UNIQUE INDEX scim_client_active_name ON scim_client(name) WHERE revoked_at IS NULL;
            """)
    }
}
