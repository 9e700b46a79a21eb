import Foundation

/// The console's one HTML-escaping helper: every value interpolated into a page goes through ``escape(_:)``
/// (usually as `value.html`), in text and in double-quoted attributes alike.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A time as shown in the console: ISO 8601 in UTC.
    static func date(_ date: Date?) -> String {
        guard let date else { return "—" }
        return escape(date.formatted(.iso8601))
    }

    /// A query-string value, percent-encoded.
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension String {
    /// This text escaped for HTML (``HTML/escape(_:)``).
    var html: String { HTML.escape(self) }
}
