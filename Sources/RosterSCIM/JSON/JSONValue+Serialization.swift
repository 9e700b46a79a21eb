/// Fast JSON text for ``JSONValue``, without Foundation's coders (which dominate a SCIM GET when used): a writer
/// that appends UTF-8 to a byte array and a strict RFC 8259 parser over UTF-8 bytes.
extension JSONValue {
    /// Compact JSON (keys in dictionary order; `/` not escaped).
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out)
        return out
    }

    public var jsonText: String { String(decoding: jsonBytes(), as: UTF8.self) }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let flag): out.append(contentsOf: flag ? [116, 114, 117, 101] : [102, 97, 108, 115, 101])
        case .number(let number):
            out.append(contentsOf: Self.numberText(number).utf8)
        case .string(let text): Self.writeString(text, into: &out)
        case .array(let elements):
            out.append(91)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(44) }
                element.write(into: &out)
            }
            out.append(93)
        case .object(let members):
            out.append(123)
            var first = true
            for (name, value) in members {
                if !first { out.append(44) }
                first = false
                Self.writeString(name, into: &out)
                out.append(58)
                value.write(into: &out)
            }
            out.append(125)
        }
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(34)
        // Most strings need no escape: copied whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 }) {
            out.append(contentsOf: text.utf8)
            out.append(34)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<32:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(34)
    }

    /// Parses JSON text (RFC 8259; nesting deeper than 512 levels is refused, as are strings that are not valid
    /// UTF-8 and numbers beyond `Double`'s range).
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue {
        var parser = JSONByteParser(Array(bytes))
        // A leading UTF-8 byte-order mark is ignored (RFC 8259 §8.1 allows it; JSONSerialization does the same).
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("unexpected data after the JSON value") }
        return value
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }
}

/// Malformed JSON, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Hashable {
    public var message: String
    public var offset: Int
}

struct JSONByteParser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    func error(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: index) }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9 { index += 1 }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case 123, 91:
            // 512 levels of objects and arrays, as JSONSerialization allows (a scalar inside the deepest is fine).
            guard depth < 512 else { throw error("nested too deeply") }
            return bytes[index] == 123 ? try object(depth: depth) : try array(depth: depth)
        case 34: return .string(try string())
        case 116: try literal("true"); return .bool(true)
        case 102: try literal("false"); return .bool(false)
        case 110: try literal("null"); return .null
        case 45, 48...57: return .number(try number())
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw error("invalid literal") }
        index += count
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == 125 { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 34 else { throw error("expected a member name") }
            let name = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 58 else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            members[name] = try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == 44 { index += 1; continue }
            if bytes[index] == 125 { index += 1; return .object(members) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 93 { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            if bytes[index] == 44 { index += 1; continue }
            if bytes[index] == 93 { index += 1; return .array(elements) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count, bytes[index] != 34, bytes[index] != 92, bytes[index] >= 32 { index += 1 }
        if index < bytes.count, bytes[index] == 34 {
            guard let text = String(validating: bytes[start..<index], as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
            index += 1
            return text
        }
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 34:
                guard let text = String(validating: scalars, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
                return text
            case 92:
                guard index < bytes.count else { throw error("unterminated escape") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case 34, 92, 47: scalars.append(escaped)
                case 98: scalars.append(8)
                case 102: scalars.append(12)
                case 110: scalars.append(10)
                case 114: scalars.append(13)
                case 116: scalars.append(9)
                case 117:
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == 92, bytes[index + 1] == 117 else { throw error("lone surrogate") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("lone surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid escape") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw error("invalid escape")
                }
            case 0..<32: throw error("control character in a string")
            default: scalars.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw error("invalid \\u escape")
            }
            value = value * 16 + digit
        }
        return value
    }

    private mutating func number() throws(JSONParseError) -> Double {
        let start = index
        if bytes[index] == 45 { index += 1 }
        guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == 48 {
            index += 1
        } else {
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 101 || bytes[index] == 69 {
            index += 1
            if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 { index += 1 }
            guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw error("invalid number") }
        // Beyond Double's range (`1e999`) Swift reads infinity, which JSON cannot write back: refused here so that
        // no caller ever sees a non-finite number.
        guard number.isFinite else { index = start; throw error("number out of range") }
        return number
    }
}
