import GRDB

/// v7: whether each address is verified (``AccountEmail/verified``), which adoption by a source requires.
///
/// Addresses stored before are verified when a source asserted them, an administrator entered them or a link proved
/// them: every address except those of self signups that were never verified (inactive since signup).
enum Migration7VerifiedEmails {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE account_email ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));
            UPDATE account_email SET verified = 1 WHERE account_id NOT IN (
                SELECT id FROM account WHERE source = 'signup' AND active = 0 AND deactivated_by = 'signup');
            """)
    }
}
