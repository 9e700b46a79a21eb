import Foundation

/// Typed, tolerant reading of a ``PropertyListDocument`` that collects every problem instead of stopping at the
/// first. OpenStep files hold only strings, so numbers and booleans are also accepted as strings (`"500"`, `YES`).
public struct PropertyListReader {
    public let document: PropertyListDocument
    public private(set) var issues: [ConfigurationIssue] = []

    public init(_ document: PropertyListDocument) {
        self.document = document
    }

    public static func path(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    public mutating func error(_ code: ConfigurationIssue.Code, _ keyPath: String, _ message: String) {
        issues.append(ConfigurationIssue(.error, code, file: document.file, line: document.line(for: keyPath),
                                         keyPath: keyPath, message: message))
    }

    public mutating func warning(_ code: ConfigurationIssue.Code, _ keyPath: String, _ message: String) {
        issues.append(ConfigurationIssue(.warning, code, file: document.file, line: document.line(for: keyPath),
                                         keyPath: keyPath, message: message))
    }

    /// Reports every key not in `allowed`, suggesting a known key within two edits.
    public mutating func rejectUnknownKeys(_ dictionary: [String: Any], allowed: [String], at parent: String) {
        for key in dictionary.keys.sorted() where !allowed.contains(key) {
            let suggestion = allowed.map { ($0, EditDistance.between($0.lowercased(), key.lowercased())) }
                .filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
            error(.unknownKey, Self.path(parent, key),
                  "unknown key" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
    }

    private mutating func present(_ dictionary: [String: Any], _ key: String, _ parent: String, _ required: Bool) -> Any? {
        guard let value = dictionary[key] else {
            if required { error(.missingValue, Self.path(parent, key), "a value is required") }
            return nil
        }
        return value
    }

    public mutating func string(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = false) -> String? {
        guard let raw = present(dictionary, key, parent, required) else { return nil }
        guard let text = raw as? String else {
            error(.wrongType, Self.path(parent, key), "expected a string, found \(Self.kind(raw))")
            return nil
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(.invalidValue, Self.path(parent, key), "must not be empty")
            return nil
        }
        return text
    }

    public mutating func integer(
        _ dictionary: [String: Any], _ key: String, at parent: String, in range: ClosedRange<Int>? = nil
    ) -> Int? {
        guard let raw = present(dictionary, key, parent, false) else { return nil }
        let keyPath = Self.path(parent, key)
        // On Linux an NSNumber integer also answers `is Bool`; a real <true/> is a Swift Bool.
        let number: Int? = switch raw {
        case _ where type(of: raw) == Bool.self: nil
        case let value as Int: value
        case let value as String: Int(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
        guard let number else {
            error(.wrongType, keyPath, "expected an integer, found \(Self.kind(raw))")
            return nil
        }
        if let range, !range.contains(number) {
            error(.invalidValue, keyPath, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    public mutating func number(
        _ dictionary: [String: Any], _ key: String, at parent: String, in range: ClosedRange<Double>
    ) -> Double? {
        guard let raw = present(dictionary, key, parent, false) else { return nil }
        let keyPath = Self.path(parent, key)
        let number: Double? = switch raw {
        case is Bool: nil
        case let value as Int: Double(value)
        case let value as Double: value
        case let value as String: Double(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
        guard let number else {
            error(.wrongType, keyPath, "expected a number, found \(Self.kind(raw))")
            return nil
        }
        guard range.contains(number) else {
            error(.invalidValue, keyPath, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    public mutating func bool(_ dictionary: [String: Any], _ key: String, at parent: String) -> Bool? {
        guard let raw = present(dictionary, key, parent, false) else { return nil }
        switch raw {
        case let value as Bool:
            return value
        case let value as String:
            switch value.lowercased() {
            case "yes", "true", "1": return true
            case "no", "false", "0": return false
            default: break
            }
        default:
            break
        }
        error(.wrongType, Self.path(parent, key), "expected a boolean, found \(Self.kind(raw))")
        return nil
    }

    /// A string that must be one of `choices`.
    public mutating func choice(
        _ dictionary: [String: Any], _ key: String, at parent: String, _ choices: [String], required: Bool = false
    ) -> String? {
        guard let text = string(dictionary, key, at: parent, required: required) else { return nil }
        guard choices.contains(text) else {
            error(.invalidValue, Self.path(parent, key), "must be one of \(choices.joined(separator: ", "))")
            return nil
        }
        return text
    }

    public mutating func dictionary(_ dictionary: [String: Any], _ key: String, at parent: String) -> [String: Any]? {
        guard let raw = present(dictionary, key, parent, false) else { return nil }
        guard let nested = raw as? [String: Any] else {
            error(.wrongType, Self.path(parent, key), "expected a dictionary, found \(Self.kind(raw))")
            return nil
        }
        return nested
    }

    public mutating func array(_ dictionary: [String: Any], _ key: String, at parent: String) -> [Any]? {
        guard let raw = present(dictionary, key, parent, false) else { return nil }
        guard let items = raw as? [Any] else {
            error(.wrongType, Self.path(parent, key), "expected an array, found \(Self.kind(raw))")
            return nil
        }
        return items
    }

    /// The element of an array that must be a dictionary.
    public mutating func element(_ item: Any, at keyPath: String) -> [String: Any]? {
        guard let dictionary = item as? [String: Any] else {
            error(.wrongType, keyPath, "expected a dictionary, found \(Self.kind(item))")
            return nil
        }
        return dictionary
    }

    static func kind(_ value: Any) -> String {
        switch value {
        case is String: "a string"
        case is Bool: "a boolean"
        case is Int, is Double: "a number"
        case is [Any]: "an array"
        case is [String: Any]: "a dictionary"
        case is Data: "data"
        case is Date: "a date"
        default: "a value of another type"
        }
    }
}

/// Levenshtein distance, for "did you mean" hints.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
