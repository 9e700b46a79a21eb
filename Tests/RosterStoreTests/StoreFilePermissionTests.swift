import Foundation
import RosterCore
import RosterRuntime
import RosterStore
import RosterTesting
import Testing

/// The store holds password hashes and personal data: every file of it is readable by its owner only (0600), from
/// the moment it exists, whatever the process umask.
@Suite(.serialized)
struct StoreFilePermissionTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test func theDatabaseItsWALAndSharedMemoryAndTheSyncLockAre0600() throws {
        let test = try TestRoster()
        _ = try test.accounts.create(NewAccount(email: "ada@example.com"), by: TestRoster.operatorContext)
        let path = test.roster.settings.storePath
        // The pool keeps its connections open, so the WAL and shared-memory files exist now.
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) should exist while the store is open")
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        let lock = try SyncLock(storePath: path)
        #expect(try Self.mode(lock.path) == 0o600)
    }

    @Test func aPermissiveUmaskStillGives0600() throws {
        let previous = umask(0)
        defer { umask(previous) }
        let directory = try TemporaryDirectory()
        let path = directory.file("store/roster.sqlite")
        let store = try SQLiteAccountStore(path: path)
        _ = try store.appliedMigrations()
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        let lock = try SyncLock(storePath: path)
        #expect(try Self.mode(lock.path) == 0o600)
    }

    @Test func anExistingWorldReadableStoreIsTightened() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("roster.sqlite")
        do { _ = try SQLiteAccountStore(path: path) }
        #expect(FileManager.default.createFile(atPath: path + ".sync.lock", contents: nil))
        for file in [path, path + ".sync.lock"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        let store = try SQLiteAccountStore(path: path)
        _ = try store.appliedMigrations()
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        let lock = try SyncLock(storePath: path)
        #expect(try Self.mode(lock.path) == 0o600)
    }
}
