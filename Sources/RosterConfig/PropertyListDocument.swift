import Foundation

/// A parsed property-list file (XML, OpenStep/ASCII or binary) with the line of every key path, so that problems
/// can name file, line and key. Reusable for `Mappings/*.plist`.
public struct PropertyListDocument: @unchecked Sendable {
    // @unchecked: `root` holds only the immutable value types PropertyListSerialization returns.
    /// The path as given (used in messages).
    public let file: String
    /// The top-level value (a dictionary for Roster's files).
    public let root: Any
    /// Line numbers by key path (`ldap[0].url`), where the format allows finding them.
    public let lines: [String: Int]

    /// Reads and parses `path`. A missing file or a syntax error becomes one issue with the parser's line.
    public static func load(path: String) throws(ConfigurationError) -> PropertyListDocument {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(issues: [ConfigurationIssue(
                .error, .fileNotFound, file: path, line: nil, keyPath: "", message: "the file does not exist")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(issues: [ConfigurationIssue(
                .error, .fileNotFound, file: path, line: nil, keyPath: "", message: "the file cannot be read")])
        }
        return try parse(data, file: path)
    }

    /// Parses property-list bytes.
    public static func parse(_ data: Data, file: String) throws(ConfigurationError) -> PropertyListDocument {
        var format = PropertyListSerialization.PropertyListFormat.xml
        let root: Any
        do {
            root = try PropertyListSerialization.propertyList(from: data, options: [], format: &format)
        } catch {
            let (message, line) = parseFailure(error, data: data)
            throw ConfigurationError(issues: [ConfigurationIssue(
                .error, .malformed, file: file, line: line, keyPath: "", message: "malformed property list: \(message)")])
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines: [String: Int] = switch format {
        case .xml: XMLLineLocator.lines(in: data)
        case .openStep: OpenStepLineLocator.lines(in: text)
        default: [:]
        }
        return PropertyListDocument(file: file, root: root, lines: lines)
    }

    /// The most precise message Foundation offers, and its line if it names one. For OpenStep files the XML
    /// parser's attempt comes first; the real message is under `kCFPropertyListOldStyleParsingError`.
    static func parseFailure(_ error: any Error, data: Data) -> (String, Int?) {
        let nsError = error as NSError
        var message = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? "the data is not a property list"
        let looksXML = String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .hasPrefix("<")
        if !looksXML, let oldStyle = nsError.userInfo["kCFPropertyListOldStyleParsingError"] {
            // Bridged from CFError; its description is "… \"Missing ';' on line 5\" UserInfo=…".
            let text = "\(oldStyle)"
            if let open = text.firstIndex(of: "\""), let close = text[text.index(after: open)...].firstIndex(of: "\"") {
                message = String(text[text.index(after: open)..<close])
            }
        }
        var line: Int?
        if let range = message.range(of: "line ") {
            line = Int(message[range.upperBound...].prefix { $0.isNumber })
        }
        return (message, line)
    }

    /// The line of a key path, or of its nearest enclosing key.
    public func line(for keyPath: String) -> Int? {
        var path = keyPath
        while !path.isEmpty {
            if let line = lines[path] { return line }
            if let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) {
                path = String(path[..<cut])
            } else {
                break
            }
        }
        return nil
    }
}
