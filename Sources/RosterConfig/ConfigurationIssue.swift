/// One problem (or warning) found in a configuration or mapping file, located by file, line and key path.
public struct ConfigurationIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable {
        case error
        case warning
    }

    /// What kind of problem; stable, for tests and tools.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let malformed = Code(rawValue: "malformed")
        public static let fileNotFound = Code(rawValue: "fileNotFound")
        public static let unknownKey = Code(rawValue: "unknownKey")
        public static let wrongType = Code(rawValue: "wrongType")
        public static let missingValue = Code(rawValue: "missingValue")
        public static let invalidValue = Code(rawValue: "invalidValue")
        public static let duplicateValue = Code(rawValue: "duplicateValue")
        public static let unresolvableSecret = Code(rawValue: "unresolvableSecret")
        public static let looseFilePermissions = Code(rawValue: "looseFilePermissions")
        public static let insecureSetting = Code(rawValue: "insecureSetting")
    }

    public var severity: Severity
    public var code: Code
    public var file: String
    /// 1-based line of the key, where known.
    public var line: Int?
    /// `ldap[0].pageSize`; empty for the whole file.
    public var keyPath: String
    /// What is wrong, safe to print: never a secret's value.
    public var message: String

    public init(_ severity: Severity, _ code: Code, file: String, line: Int?, keyPath: String, message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `FILE:LINE: error: KEY.PATH: message` (line and key path left out where unknown or empty).
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        let path = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(location): \(severity.rawValue): \(path)\(message)"
    }
}
