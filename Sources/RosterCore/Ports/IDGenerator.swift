import Foundation

/// Makes new immutable ids, injected so tests can predict them.
public protocol IDGenerator: Sendable {
    func next() -> UUID
}

/// Random version-4 UUIDs.
public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func next() -> UUID { UUID() }
}
