import Foundation

/// Makes new immutable ids, injected so tests can predict them.
public protocol IDGenerator: Sendable {
    func next() -> UUID
}

// The production generator is ``TimeOrderedIDGenerator`` (UUIDv7); tests may inject predictable ones.
