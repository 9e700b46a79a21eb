import Foundation

/// A secret from the configuration: inline, `env:NAME` or `file:PATH`. Resolved only when used; its description
/// never shows the value.
public struct Secret: Sendable, Hashable, CustomStringConvertible {
    public enum Reference: Sendable, Hashable {
        case inline(String)
        case environment(String)
        /// An absolute path (relative paths are resolved against the config file's folder when loading).
        case file(String)
    }

    public var reference: Reference

    public init(_ reference: Reference) {
        self.reference = reference
    }

    /// Parses the configured text: `env:NAME`, `file:PATH` (relative to `baseDirectory`), else an inline value.
    public init(parsing text: String, baseDirectory: String) {
        if text.hasPrefix("env:") {
            reference = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:") {
            let path = String(text.dropFirst(5))
            reference = .file(path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path)
        } else {
            reference = .inline(text)
        }
    }

    public var isInline: Bool {
        if case .inline = reference { true } else { false }
    }

    public var description: String {
        switch reference {
        case .inline: "<secret inline>"
        case .environment(let name): "<secret env:\(name)>"
        case .file(let path): "<secret file:\(path)>"
        }
    }

    /// The secret's value. A `file:` secret loses one trailing newline.
    public func resolve(environment: [String: String]) throws(ConfigurationError) -> String {
        switch reference {
        case .inline(let value):
            return value
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw Self.failure("the environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Self.failure("the secret file \(path) cannot be read")
            }
            var value = String(decoding: data, as: UTF8.self)
            if value.hasSuffix("\n") { value.removeLast() }
            if value.hasSuffix("\r") { value.removeLast() }
            return value
        }
    }

    private static func failure(_ message: String) -> ConfigurationError {
        ConfigurationError(issues: [ConfigurationIssue(.error, .unresolvableSecret, file: "", line: nil, keyPath: "",
                                                       message: message)])
    }
}
