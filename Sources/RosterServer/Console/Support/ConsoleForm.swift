import Foundation

/// The fields of an `application/x-www-form-urlencoded` body.
struct ConsoleForm: Sendable {
    private(set) var values: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first, values[name] == nil else { continue }
            values[name] = parts.count > 1 ? parts[1] : ""
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The trimmed value, nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
