import GRDB

/// v8: the RFC 4533 content-sync cookies of each source's last settled run (JSON object of base64 cookies by
/// search), so that a changed-directory run asks for the changes since them instead of scanning every anchor.
enum Migration8ContentSync {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN content_sync_cookies TEXT")
    }
}
