/// What one RFC 4533 refreshOnly search (Sync Request control with a cookie) returned, besides the added and
/// modified entries, which are handed to the caller as they arrive.
///
/// The server answers a refresh in one of two ways (RFC 4533 §3.3):
/// - a **delete phase** (`refreshDeletes` TRUE, what OpenLDAP's syncprov does when its session log covers the
///   cookie): the changed entries in full and the UUIDs of the entries deleted (or no longer matching the search)
///   since the cookie; every other entry is unchanged;
/// - a **present phase** (`refreshDeletes` FALSE, when the session log does not reach back to the cookie): the
///   changed entries in full and every unchanged entry by UUID; any entry named by neither is gone.
public struct ContentSyncRefresh: Sendable {
    /// How many entries were sent in full (state add or modify).
    public var changed = 0
    /// UUIDs (lower-case text form) deleted or out of scope since the cookie (delete phase).
    public var deleted: Set<String> = []
    /// UUIDs of entries still in scope and unchanged (present phase).
    public var present: Set<String> = []
    /// Whether the refresh ended with a present phase: `present` plus the changed entries are all there is.
    public var presentPhase = false
    /// The cookie to send next time; empty when the server gave none (then the refresh proves nothing).
    public var cookie: [UInt8] = []

    public init() {}

    /// The text form of a 16-byte UUID (`7f3c0000-0000-4000-8000-000000000003`), as OpenLDAP writes entryUUID.
    public static func uuidText(_ bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return nil }
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            for (position, byte) in bytes.enumerated() {
                if position == 4 || position == 6 || position == 8 || position == 10 {
                    buffer[index] = UInt8(ascii: "-")
                    index += 1
                }
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0xF)]
                index += 2
            }
            return index
        }
    }
}
