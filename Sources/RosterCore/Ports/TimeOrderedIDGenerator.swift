import Foundation
import Synchronization

/// Version-7 UUIDs (RFC 9562 §5.7): a 48-bit Unix time in milliseconds, then a 12-bit counter (§6.2, method 1:
/// monotonic within a millisecond, starting from a random value), then 62 random bits.
///
/// The default for new accounts and groups: ids made one after another sort one after another, so the store's
/// id-keyed B-trees (the accounts' primary key, emails, audit targets, memberships …) grow at their right edge
/// instead of at random pages. A 100,000-account import measured about 2× faster at the SQLite level than with
/// random version-4 ids. Ids remain unguessable enough for their use (they are identifiers, never secrets).
public final class TimeOrderedIDGenerator: IDGenerator {
    private struct State {
        var millisecond: UInt64 = 0
        var counter: UInt16 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func next() -> UUID {
        var random = SystemRandomNumberGenerator()
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        let (millisecond, counter) = state.withLock { state -> (UInt64, UInt16) in
            if now > state.millisecond {
                state.millisecond = now
                state.counter = UInt16.random(in: 0...0x7FF, using: &random)
            } else if state.counter < 0xFFF {
                state.counter += 1
            } else {
                // 4,096 ids in one millisecond: borrow the next one (the clock catches up at once).
                state.millisecond += 1
                state.counter = UInt16.random(in: 0...0x7FF, using: &random)
            }
            return (state.millisecond, state.counter)
        }
        let tail = random.next() as UInt64
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for shift in stride(from: 40, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: millisecond >> UInt64(shift))) }
        bytes.append(0x70 | UInt8(counter >> 8))
        bytes.append(UInt8(truncatingIfNeeded: counter))
        bytes.append(0x80 | UInt8(truncatingIfNeeded: tail >> 58))
        for shift in stride(from: 48, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: tail >> UInt64(shift))) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                           bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
