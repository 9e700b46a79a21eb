import Foundation
import RosterCore
#if canImport(Glibc)
import Glibc
#endif

/// The store's files hold password hashes and personal data, so they are readable by their owner only.
///
/// The database file is created 0600 before SQLite opens it (`O_CREAT | O_EXCL` with mode 0600, then `fchmod`, so
/// the umask cannot widen it). SQLite's unix VFS creates `-wal`, `-shm` and `-journal` with the database file's own
/// permission bits (`findCreateFileMode`, then `fchmod` when the umask changed them), so they follow. An existing
/// store whose files are readable by group or others is tightened to 0600 when it opens, and reported.
extension SQLiteAccountStore {
    /// The suffixes SQLite adds to the database path for its side files.
    static let sideFileSuffixes = ["-wal", "-shm", "-journal"]

    /// Creates the database file owner-only if it does not exist; tightens the database and its side files if
    /// group or others may read or write them. Returns the files that were tightened.
    static func prepareOwnerOnlyFiles(at path: String) throws(RosterError) -> [String] {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 {
            defer { close(fd) }
            guard fchmod(fd, 0o600) == 0 else { throw failure("cannot restrict the new store file \(path)") }
            return []
        }
        guard errno == EEXIST else { throw failure("cannot create the store file \(path)") }
        var tightened: [String] = []
        for file in [path] + sideFileSuffixes.map({ path + $0 }) {
            var info = stat()
            guard lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0 else { continue }
            guard chmod(file, info.st_mode & 0o700) == 0 else {
                throw failure("the store file \(file) is readable by other users and cannot be restricted")
            }
            tightened.append(file)
        }
        return tightened
    }

    private static func failure(_ message: String) -> RosterError {
        RosterError(.storeFailure, "\(message): \(String(cString: strerror(errno)))")
    }
}
