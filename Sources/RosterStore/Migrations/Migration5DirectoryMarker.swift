import GRDB

/// v5: the directory's change marker at the start of the last complete run of each source (OpenLDAP
/// `contextCSN`, AD `highestCommittedUSN`, 389-DS `lastusn`), so that an incremental run of an unchanged
/// directory reads nothing.
enum Migration5DirectoryMarker {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN directory_marker TEXT")
    }
}
