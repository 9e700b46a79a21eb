import Foundation

/// `xsd:dateTime` values (RFC 7643 §2.3.5) as SCIM writes them: ISO 8601 in UTC with milliseconds.
public enum SCIMDateTime {
    /// Formats an instant, e.g. `2026-11-23T09:15:02.120Z` (by hand: this runs twice per rendered resource).
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Digits written into one buffer (no intermediate strings).
        var text: [UInt8] = Array("0000-00-00T00:00:00.000Z".utf8)
        func put(_ value: Int32, at offset: Int, width: Int) {
            var rest = Int(value)
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                text[index] = UInt8(48 + rest % 10)
                rest /= 10
            }
        }
        put(parts.tm_year + 1900, at: 0, width: 4)
        put(parts.tm_mon + 1, at: 5, width: 2)
        put(parts.tm_mday, at: 8, width: 2)
        put(parts.tm_hour, at: 11, width: 2)
        put(parts.tm_min, at: 14, width: 2)
        put(parts.tm_sec, at: 17, width: 2)
        put(Int32(fraction), at: 20, width: 3)
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses an xsd:dateTime with or without fractional seconds and with `Z` or an offset.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return nil
    }
}
