import GRDB

/// v6: fewer and smaller index entries per account, for bulk imports.
/// - Role explanations are stored once per distinct text (`role_reason`; a directory's 100,000 accounts share a
///   handful) and referenced from the account, instead of one `role_explanation` row per account.
/// - `(source, external_id)` is indexed for SCIM sources only: SCIM looks accounts up by `externalId`, while a
///   directory's external id is the DN, which nothing looks up (the sync matches anchors).
/// - The last-superuser check counts active superusers through a partial index instead of an index on every
///   account's role.
enum Migration6LeanAccounts {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE role_reason (
                id INTEGER PRIMARY KEY,
                json TEXT NOT NULL UNIQUE
            );
            ALTER TABLE account ADD COLUMN role_reason_id INTEGER REFERENCES role_reason(id);
            INSERT OR IGNORE INTO role_reason (json)
                SELECT DISTINCT explanation_json FROM role_explanation WHERE explanation_json IS NOT NULL;
            UPDATE account SET role_reason_id = (
                SELECT r.id FROM role_explanation e JOIN role_reason r ON r.json = e.explanation_json
                WHERE e.account_id = account.id);
            DROP TABLE role_explanation;

            DROP INDEX account_source_external_id;
            CREATE INDEX account_scim_external_id ON account(source, external_id)
                WHERE external_id IS NOT NULL AND source LIKE 'scim:%';

            DROP INDEX account_active_role;
            CREATE INDEX account_active_superuser ON account(id) WHERE role = 'superuser' AND active = 1;
            """)
    }
}
