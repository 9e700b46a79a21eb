import RosterCore
import Synchronization

/// A directory whose next read the test decides: a snapshot, or an error (an unreachable server).
public final class FakeDirectorySource: DirectorySource {
    public let source: AccountSource
    private let next: Mutex<Result<DirectorySnapshot, RosterError>>

    public init(name: String = "corp", snapshot: DirectorySnapshot = DirectorySnapshot(accounts: [])) {
        source = .ldap(name)
        next = Mutex(.success(snapshot))
    }

    /// The next reads return `snapshot`.
    public func serve(_ snapshot: DirectorySnapshot) { next.withLock { $0 = .success(snapshot) } }

    /// The next reads fail as an unreachable server does.
    public func failReads() {
        next.withLock { $0 = .failure(RosterError(.internalFailure, "Can't contact LDAP server (fake)")) }
    }

    public func snapshot(
        state: SyncState?, full: Bool, quick: Bool, groupDigests: [String: String]
    ) async throws -> DirectorySnapshot {
        try next.withLock { try $0.get() }
    }
}
