import Foundation

/// The current time, injected so tests can pin it.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// This instant cut to whole milliseconds, the precision the store keeps, so values read back compare equal.
    public var millisecondPrecision: Date {
        Date(timeIntervalSince1970: Double(Int64((timeIntervalSince1970 * 1000).rounded())) / 1000)
    }
}
