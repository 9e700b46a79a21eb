import GRDB

/// The store's schema, as versioned migrations. A migration that has landed is never edited: changes are new
/// migrations appended below.
enum StoreMigrator {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation", migrate: Migration1Foundation.migrate)
        migrator.registerMigration("v2-sync", migrate: Migration2Sync.migrate)
        migrator.registerMigration("v3-scim", migrate: Migration3SCIM.migrate)
        migrator.registerMigration("v4-access", migrate: Migration4Access.migrate)
        migrator.registerMigration("v5-directory-marker", migrate: Migration5DirectoryMarker.migrate)
        migrator.registerMigration("v6-lean-accounts", migrate: Migration6LeanAccounts.migrate)
        migrator.registerMigration("v7-verified-emails", migrate: Migration7VerifiedEmails.migrate)
        migrator.registerMigration("v8-content-sync", migrate: Migration8ContentSync.migrate)
        return migrator
    }
}
