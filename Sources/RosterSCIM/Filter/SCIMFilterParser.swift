import Foundation

/// Parses SCIM filters, PATCH paths and attribute lists (RFC 7644 §3.4.2.2, §3.5.2, §3.9).
///
/// Precedence: `not` (which takes a parenthesised filter) binds tightest, then `and`, then `or`; operators are
/// left-associative and keywords are case-insensitive. Lenient mode also takes the unquoted values Entra ID sends
/// (`externalId eq 5f3c…`).
public struct SCIMFilterParser {
    public struct Options: Sendable, Hashable {
        public var lenient = true
        public var maxDepth = 50
        public var maxLength = 4096
        /// Schema URNs a path may start with; a token equal to one of them names the whole schema.
        public var knownSchemaURNs: Set<String> = [
            "urn:ietf:params:scim:schemas:core:2.0:user", "urn:ietf:params:scim:schemas:core:2.0:group",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user",
        ]
        public init() {}
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let options: Options
    private let kind: SCIMFilterError.Kind
    private var depth = 0

    private init(_ text: String, options: Options, kind: SCIMFilterError.Kind) {
        scalars = Array(text.unicodeScalars)
        self.options = options
        self.kind = kind
    }

    public static func parseFilter(_ text: String, options: Options = Options()) throws(SCIMFilterError) -> SCIMFilter {
        var parser = SCIMFilterParser(text, options: options, kind: .invalidFilter)
        try parser.checkLength()
        parser.skipSpace()
        guard !parser.atEnd else { throw parser.error("the filter is empty") }
        let filter = try parser.parseOr(inBrackets: false)
        parser.skipSpace()
        guard parser.atEnd else { throw parser.error("unexpected '\(parser.rest(12))'") }
        return filter
    }

    public static func parsePath(_ text: String, options: Options = Options()) throws(SCIMFilterError) -> SCIMPatchPath {
        var parser = SCIMFilterParser(text, options: options, kind: .invalidPath)
        try parser.checkLength()
        parser.skipSpace()
        guard !parser.atEnd else { throw parser.error("the path is empty") }
        let token = parser.readPathToken()
        let attribute = try parser.attributePath(token, allowBareURN: true)
        var path = SCIMPatchPath(attribute: attribute)
        if parser.peek == "[" {
            guard !attribute.attribute.isEmpty, attribute.subAttribute == nil else {
                throw parser.error("a value filter follows an attribute name, e.g. emails[type eq \"work\"]")
            }
            parser.index += 1
            do {
                var inner = SCIMFilterParser(String(String.UnicodeScalarView(parser.scalars[parser.index...])), options: options, kind: .invalidPath)
                inner.skipSpace()
                path.valueFilter = try inner.parseOr(inBrackets: true)
                inner.skipSpace()
                guard inner.peek == "]" else { throw inner.error("missing ']'") }
                parser.index += inner.index + 1
            }
            if parser.peek == "." {
                parser.index += 1
                let sub = parser.readPathToken()
                guard Self.isAttributeName(sub) else { throw parser.error("'\(sub)' is not a sub-attribute name") }
                path.subAttribute = sub
            }
        }
        parser.skipSpace()
        guard parser.atEnd else { throw parser.error("unexpected '\(parser.rest(12))'") }
        return path
    }

    /// `attributes=userName,name.givenName,urn:…:User:manager` (commas, optional spaces).
    public static func parseAttributeList(_ text: String, options: Options = Options()) throws(SCIMFilterError) -> [SCIMAttributePath] {
        var result: [SCIMAttributePath] = []
        for item in text.split(separator: ",") {
            let token = item.trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty else { continue }
            let parser = SCIMFilterParser(token, options: options, kind: .invalidPath)
            result.append(try parser.attributePath(token, allowBareURN: true))
        }
        return result
    }

    // MARK: grammar

    private mutating func parseOr(inBrackets: Bool) throws(SCIMFilterError) -> SCIMFilter {
        var left = try parseAnd(inBrackets: inBrackets)
        while keywordAhead("or") {
            index += 2
            skipSpace()
            left = .or(left, try parseAnd(inBrackets: inBrackets))
        }
        return left
    }

    private mutating func parseAnd(inBrackets: Bool) throws(SCIMFilterError) -> SCIMFilter {
        var left = try parseUnary(inBrackets: inBrackets)
        while keywordAhead("and") {
            index += 3
            skipSpace()
            left = .and(left, try parseUnary(inBrackets: inBrackets))
        }
        return left
    }

    private mutating func parseUnary(inBrackets: Bool) throws(SCIMFilterError) -> SCIMFilter {
        skipSpace()
        depth += 1
        defer { depth -= 1 }
        guard depth <= options.maxDepth else { throw error("the filter nests deeper than \(options.maxDepth) levels") }
        if word(at: index).lowercased() == "not" {
            index += 3
            skipSpace()
            guard peek == "(" else { throw error("'not' takes a parenthesised filter: not (…)") }
            return .not(try parseGroup(inBrackets: inBrackets))
        }
        if peek == "(" { return try parseGroup(inBrackets: inBrackets) }
        guard let first = peek, !"()[]".unicodeScalars.contains(first) else {
            throw error(atEnd ? "the filter ends where an attribute was expected" : "unexpected '\(rest(12))'")
        }
        let token = readPathToken()
        let path = try attributePath(token, allowBareURN: false)
        if peek == "[" {
            guard !inBrackets else { throw error("value filters cannot be nested") }
            guard path.subAttribute == nil else { throw error("a value filter follows an attribute name") }
            index += 1
            skipSpace()
            let inner = try parseOr(inBrackets: true)
            skipSpace()
            guard peek == "]" else { throw error("missing ']'") }
            index += 1
            return .valuePath(path, inner)
        }
        guard skipSpace() else { throw error(atEnd ? "'\(token)' needs an operator" : "expected a space after '\(token)'") }
        let opWord = word(at: index)
        index += opWord.unicodeScalars.count
        if opWord.lowercased() == "pr" { return .present(path) }
        guard let op = SCIMCompareOperator(rawValue: opWord.lowercased()) else {
            throw error(opWord.isEmpty ? "'\(token)' needs an operator" : "unknown operator '\(opWord)'")
        }
        guard skipSpace(), !atEnd else { throw error("'\(token) \(opWord)' needs a value") }
        return .compare(path, op, try parseValue())
    }

    private mutating func parseGroup(inBrackets: Bool) throws(SCIMFilterError) -> SCIMFilter {
        index += 1  // "("
        skipSpace()
        let inner = try parseOr(inBrackets: inBrackets)
        skipSpace()
        guard peek == ")" else { throw error("missing ')'") }
        index += 1
        return inner
    }

    private mutating func parseValue() throws(SCIMFilterError) -> SCIMFilterValue {
        if peek == "\"" { return .string(try parseString()) }
        let start = index
        while let scalar = peek, !scalar.properties.isWhitespace, scalar != ")", scalar != "]" { index += 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        if Self.isJSONNumber(text), let number = Double(text) {
            // `1e999` reads as infinity, which no attribute holds and no filter text can write back.
            guard number.isFinite else {
                index = start
                throw error("the number \(text.prefix(24)) is out of range")
            }
            return .number(number)
        }
        guard options.lenient, !text.isEmpty, !text.contains("\"") else {
            index = start
            throw error("a value must be a quoted string, a number, true, false or null")
        }
        // Entra ID: `externalId eq 8f3a…` without quotes.
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return .string(text)
        }
    }

    private mutating func parseString() throws(SCIMFilterError) -> String {
        index += 1  // opening quote
        var result = String.UnicodeScalarView()
        while let scalar = peek {
            index += 1
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                guard let escaped = peek else { throw error("unterminated escape") }
                index += 1
                switch escaped {
                case "\"", "\\", "/": result.append(escaped)
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), peek == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let decoded = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    result.append(decoded)
                default:
                    throw error("invalid escape '\\\(escaped)'")
                }
            default:
                result.append(scalar)
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(SCIMFilterError) -> UInt32 {
        guard index + 4 <= scalars.count, let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16) else {
            throw error("invalid \\u escape")
        }
        index += 4
        return value
    }

    // MARK: attribute paths

    /// Reads up to whitespace, a bracket or a parenthesis.
    private mutating func readPathToken() -> String {
        let start = index
        while let scalar = peek, !scalar.properties.isWhitespace, !"()[]".unicodeScalars.contains(scalar) { index += 1 }
        // A PATCH path may continue after `]` with `.sub`; that is handled by the caller.
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    /// Splits `[urn:…:]attr[.sub]`. A URN ends at its last `:` unless a known schema URN is a prefix.
    private func attributePath(_ token: String, allowBareURN: Bool) throws(SCIMFilterError) -> SCIMAttributePath {
        guard !token.isEmpty else { throw error("an attribute name is missing") }
        var urn: String?
        var rest = Substring(token)
        if token.lowercased().hasPrefix("urn:") {
            let lowered = token.lowercased()
            if let known = options.knownSchemaURNs.first(where: { lowered == $0 }) {
                guard allowBareURN else { throw error("'\(token)' names a schema, not an attribute") }
                _ = known
                return SCIMAttributePath(schemaURN: token, attribute: "")
            }
            if let known = options.knownSchemaURNs.first(where: { lowered.hasPrefix($0 + ":") }) {
                urn = String(token.prefix(known.count))
                rest = token.dropFirst(known.count + 1)
            } else if let colon = token.lastIndex(of: ":") {
                urn = String(token[..<colon])
                rest = token[token.index(after: colon)...]
            }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ Self.isAttributeName(String($0)) }) else {
            throw error("'\(token)' is not an attribute path")
        }
        return SCIMAttributePath(schemaURN: urn, attribute: String(parts[0]), subAttribute: parts.count == 2 ? String(parts[1]) : nil)
    }

    /// `ATTRNAME = ALPHA *(nameChar)`, plus `$ref`.
    static func isAttributeName(_ text: String) -> Bool {
        if text == "$ref" { return true }
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    static func isJSONNumber(_ text: String) -> Bool {
        text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
    }

    // MARK: scanning

    private var atEnd: Bool { index >= scalars.count }
    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// Skips whitespace; true when there was some.
    @discardableResult private mutating func skipSpace() -> Bool {
        let start = index
        while let scalar = peek, scalar.properties.isWhitespace { index += 1 }
        return index > start
    }

    /// The run of letters starting at `position`.
    private func word(at position: Int) -> String {
        var end = position
        while end < scalars.count, scalars[end].isASCII, scalars[end].properties.isAlphabetic { end += 1 }
        return String(String.UnicodeScalarView(scalars[position..<end]))
    }

    /// Whether `keyword` follows (after whitespace), as a whole word.
    private mutating func keywordAhead(_ keyword: String) -> Bool {
        let start = index
        guard skipSpace() else { return false }
        let found = word(at: index)
        if found.lowercased() == keyword {
            let after = index + found.unicodeScalars.count
            if after < scalars.count, scalars[after].properties.isWhitespace || scalars[after] == "(" { return true }
        }
        index = start
        return false
    }

    private func rest(_ count: Int) -> String {
        String(String.UnicodeScalarView(scalars[min(index, scalars.count)..<min(index + count, scalars.count)]))
    }

    private func checkLength() throws(SCIMFilterError) {
        guard scalars.count <= options.maxLength else { throw error("longer than \(options.maxLength) characters") }
    }

    private func error(_ message: String) -> SCIMFilterError {
        SCIMFilterError(kind: kind, message: "\(message) (at character \(index + 1))", position: index)
    }
}
