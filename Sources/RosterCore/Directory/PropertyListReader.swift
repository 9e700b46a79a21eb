/// Reads already-parsed property-list values (`[String: Any]` from `PropertyListSerialization`) and collects
/// every problem as `file: keyPath: message`, so one error can report them all.
struct PropertyListReader {
    /// The file (or source) name that prefixes each problem.
    let file: String
    private(set) var problems: [String] = []

    init(file: String) {
        self.file = file
    }

    /// `parent.key`, or `key` at the top level.
    static func path(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    mutating func report(_ keyPath: String, _ message: String) {
        problems.append("\(file): \(keyPath.isEmpty ? "(top level)" : keyPath): \(message)")
    }

    /// Reports every key of `dictionary` that is not in `allowed`.
    mutating func rejectUnknownKeys(_ dictionary: [String: Any], allowed: [String], at parent: String) {
        for key in dictionary.keys.sorted() where !allowed.contains(key) {
            report(Self.path(parent, key), "unknown key (expected one of \(allowed.joined(separator: ", ")))")
        }
    }

    /// A value that must be present, or `nil` after reporting it missing.
    private mutating func value(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool) -> Any? {
        guard let value = dictionary[key] else {
            if required { report(Self.path(parent, key), "missing required key") }
            return nil
        }
        return value
    }

    mutating func string(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true) -> String? {
        guard let raw = value(dictionary, key, at: parent, required: required) else { return nil }
        guard let text = raw as? String else {
            report(Self.path(parent, key), "expected a string")
            return nil
        }
        guard !text.isEmpty else {
            report(Self.path(parent, key), "must not be empty")
            return nil
        }
        return text
    }

    mutating func strings(
        _ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true, allowEmpty: Bool = false
    ) -> [String]? {
        guard let raw = value(dictionary, key, at: parent, required: required) else { return nil }
        let keyPath = Self.path(parent, key)
        guard let items = raw as? [Any] else {
            report(keyPath, "expected an array of strings")
            return nil
        }
        var texts: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard let text = item as? String, !text.isEmpty else {
                report("\(keyPath)[\(index)]", "expected a non-empty string")
                valid = false
                continue
            }
            texts.append(text)
        }
        if valid, texts.isEmpty, !allowEmpty {
            report(keyPath, "must list at least one value")
            return nil
        }
        return valid ? texts : nil
    }

    mutating func integer(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true) -> Int? {
        guard let raw = value(dictionary, key, at: parent, required: required) else { return nil }
        guard !(raw is String), let number = raw as? Int else {
            report(Self.path(parent, key), "expected an integer")
            return nil
        }
        return number
    }

    mutating func bool(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true) -> Bool? {
        guard let raw = value(dictionary, key, at: parent, required: required) else { return nil }
        guard !(raw is String), let flag = raw as? Bool else {
            report(Self.path(parent, key), "expected a boolean")
            return nil
        }
        return flag
    }

    mutating func dictionary(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true) -> [String: Any]? {
        guard let raw = value(dictionary, key, at: parent, required: required) else { return nil }
        guard let nested = raw as? [String: Any] else {
            report(Self.path(parent, key), "expected a dictionary")
            return nil
        }
        return nested
    }

    mutating func array(_ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true) -> [Any]? {
        guard let raw = value(dictionary, key, at: parent, required: required) else { return nil }
        guard let items = raw as? [Any] else {
            report(Self.path(parent, key), "expected an array")
            return nil
        }
        return items
    }

    /// A string naming one of `choices`, e.g. an enum's raw value.
    mutating func choice<Value>(
        _ dictionary: [String: Any], _ key: String, at parent: String, required: Bool = true, _ choices: [(String, Value)]
    ) -> Value? {
        guard let text = string(dictionary, key, at: parent, required: required) else { return nil }
        guard let match = choices.first(where: { $0.0 == text }) else {
            report(Self.path(parent, key), "unknown value '\(text)' (expected one of \(choices.map(\.0).joined(separator: ", ")))")
            return nil
        }
        return match.1
    }

    /// Throws one `invalidArgument` error listing every problem, if there is any.
    func throwIfProblems(_ summary: String) throws(RosterError) {
        guard !problems.isEmpty else { return }
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        throw RosterError(.invalidArgument, "\(file): \(summary) (\(count))", details: problems)
    }
}
