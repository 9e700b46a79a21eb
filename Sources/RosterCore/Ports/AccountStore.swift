/// The user store as the domain sees it: synchronous transactions over a reader or a writer.
///
/// Every call to ``write(_:)`` is one atomic transaction: if `body` throws, nothing it did is kept.
public protocol AccountStore: Sendable {
    /// Runs `body` in one write transaction (serialised with every other writer, across processes).
    func write<T>(_ body: (any AccountTransaction) throws -> T) throws -> T
    /// Runs `body` on a consistent read-only snapshot.
    func read<T>(_ body: (any AccountReader) throws -> T) throws -> T
}
