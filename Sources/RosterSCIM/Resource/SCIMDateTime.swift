import Foundation

/// `xsd:dateTime` values (RFC 7643 §2.3.5) as SCIM writes them: ISO 8601 in UTC with milliseconds.
public enum SCIMDateTime {
    /// Formats an instant, e.g. `2026-11-23T09:15:02.120Z`.
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// Parses an xsd:dateTime with or without fractional seconds and with `Z` or an offset.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return nil
    }
}
