import Foundation
import RosterCore
import Synchronization

/// A clock tests control: it starts at a fixed instant and advances one millisecond per reading (so creation
/// order is visible), or by ``advance(by:)``.
public final class TestClock: WallClock {
    private let current: Mutex<Date>

    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date {
        current.withLock { date in
            date = date.addingTimeInterval(0.001)
            return date
        }
    }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}

/// Ids 00000000-0000-0000-0000-000000000001, …2, … in order.
public final class SequentialIDGenerator: IDGenerator {
    private let counter = Mutex(0)

    public init() {}

    public func next() -> UUID {
        let value = counter.withLock { count in
            count += 1
            return count
        }
        return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012x", value))!
    }
}
