import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive, non-blocking file lock next to the store (`STORE.sync.lock`) that stops overlapping sync runs.
/// The kernel releases it when the process ends, so a crashed run never leaves a stale lock.
public final class SyncLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock or throws ``SyncLockError/held`` at once.
    public init(storePath: String) throws {
        path = storePath + ".sync.lock"
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw SyncLockError(reason: "cannot open the lock file \(path): \(String(cString: strerror(errno)))", held: false)
        }
        // Owner-only like the store beside it, whatever the umask or an older file's mode.
        guard fchmod(fd, 0o600) == 0 else {
            close(fd)
            throw SyncLockError(reason: "cannot restrict the lock file \(path): \(String(cString: strerror(errno)))", held: false)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SyncLockError(reason: "another sync run holds \(path)", held: true)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The sync lock could not be taken.
public struct SyncLockError: Error, CustomStringConvertible {
    public var reason: String
    /// True when another run holds the lock (exit 4), false when the file could not be opened.
    public var held: Bool
    public var description: String { reason }
}
