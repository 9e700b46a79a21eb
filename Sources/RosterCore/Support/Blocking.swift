import Dispatch

/// Runs synchronous work that may block (argon2id hashing, a store write waiting for another process's lock) on a
/// dedicated queue, so that Swift's cooperative pool (two threads on the project machines) keeps serving requests.
public enum Blocking {
    private static let queue = DispatchQueue(label: "roster.blocking", qos: .userInitiated, attributes: .concurrent)

    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try work())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
