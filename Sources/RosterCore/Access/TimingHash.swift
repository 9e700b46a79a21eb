import Foundation

/// A real hash (same cost as stored ones) of a random secret, verified for unknown logins so that they take as long
/// as known ones. Computed once, on first use.
final class TimingHash: @unchecked Sendable {
    static let shared = TimingHash()
    private let lock = NSLock()
    private var hash: String?

    func value(_ hasher: any PasswordHasher) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let hash { return hash }
        let computed = (try? hasher.hash(UUID().uuidString + UUID().uuidString)) ?? ""
        hash = computed
        return computed
    }
}
