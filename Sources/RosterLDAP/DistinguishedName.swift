/// RFC 4514 distinguished names: escaping values for DNs, parsing, and a normalised key for comparisons
/// (attribute types lower-cased, values unescaped, case-folded and trimmed), so `member` values match entry DNs.
public enum DistinguishedName {
    /// Escapes an attribute value for a DN: `,` `+` `"` `\` `<` `>` `;` `=`, a leading `#` or space, a trailing space,
    /// and NUL.
    public static func escapeValue(_ value: String) -> String {
        var out = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case ",", "+", "\"", "\\", "<", ">", ";", "=":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\0":
                out += "\\00"
            case "#" where index == 0, " " where index == 0 || index == scalars.count - 1:
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One `type=value` pair (multi-valued RDNs hold several).
    public struct Attribute: Sendable, Hashable {
        public var type: String
        public var value: String
    }

    /// Parses a DN into RDNs of attribute pairs, unescaping values (`\,`, `\2C`, quoted values). Nil if malformed.
    public static func parse(_ dn: String) -> [[Attribute]]? {
        var rdns: [[Attribute]] = []
        var current: [Attribute] = []
        var type = ""
        var value: [UInt8] = []
        var inValue = false
        var quoted = false
        let bytes = Array(dn.utf8)
        var index = 0
        func finishPair() -> Bool {
            let name = type.trimmingSpaces()
            guard !name.isEmpty else { return false }
            var text = String(decoding: value, as: UTF8.self)
            if !quoted { text = text.trimmingSpaces() }
            current.append(Attribute(type: name, value: text))
            type = ""
            value = []
            inValue = false
            quoted = false
            return true
        }
        while index < bytes.count {
            let byte = bytes[index]
            if !inValue {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ";") { return nil }
                if byte == UInt8(ascii: "=") { inValue = true } else { type.append(Character(UnicodeScalar(byte))) }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return nil }
                let next = bytes[index + 1]
                if index + 2 < bytes.count, let high = hex(next), let low = hex(bytes[index + 2]) {
                    value.append(high << 4 | low)
                    index += 3
                } else {
                    value.append(next)
                    index += 2
                }
            case UInt8(ascii: "\"") where value.allSatisfy({ $0 == 32 }):
                quoted = true
                value = []
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
                index += 1
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                guard finishPair() else { return nil }
                rdns.append(current)
                current = []
                index += 1
            case UInt8(ascii: "+"):
                guard finishPair() else { return nil }
                index += 1
            default:
                value.append(byte)
                index += 1
            }
        }
        if inValue || !type.trimmingSpaces().isEmpty {
            guard inValue, finishPair() else { return nil }
            rdns.append(current)
        }
        return rdns
    }

    /// The comparison key of a DN: types lower-cased, values unescaped and lower-cased, multi-valued RDNs sorted,
    /// re-joined with `,`. A DN that does not parse is compared lower-cased as written.
    public static func key(_ dn: String) -> String {
        if let simple = simpleKey(dn) { return simple }
        guard let rdns = parse(dn) else { return dn.lowercased() }
        return rdns.map { rdn in
            rdn.map { "\($0.type.lowercased())=\(escapeValue($0.value.lowercased()))" }.sorted().joined(separator: "+")
        }.joined(separator: ",")
    }

    /// The key of a DN given as UTF-8 bytes (an attribute value as read): plain DNs without building a `String`
    /// first, anything else as ``key(_:)``.
    public static func key(utf8 bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            simpleKey(buffer) ?? key(String(decoding: buffer, as: UTF8.self))
        }
    }

    /// The key of a plain ASCII DN (no escapes, quotes, multi-valued RDNs, `#` or `=` inside values), computed
    /// without parsing: the common case, hot when matching hundreds of thousands of `member` values. One pass,
    /// one output buffer (spaces around a type or value are dropped as the next separator comes).
    /// Returns nil for anything else, which then goes through ``parse(_:)``.
    static func simpleKey(_ dn: String) -> String? {
        var dn = dn
        return dn.withUTF8 { simpleKey($0) }
    }

    static func simpleKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return nil }
        var out = [UInt8](repeating: 0, count: bytes.count)
        return out.withUnsafeMutableBufferPointer { out -> String? in
            var count = 0
            var partStart = 0      // where the current type or value starts in `out`
            var lastNonSpace = -1  // the last non-space byte of the current part in `out`
            var inValue = false
            func closePart() -> Bool {
                guard lastNonSpace >= partStart else { return false }
                count = lastNonSpace + 1
                return true
            }
            for byte in bytes {
                switch byte {
                case 0x80...0xFF, UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: "#"),
                     UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0:
                    return nil
                case UInt8(ascii: "="), UInt8(ascii: ","):
                    guard inValue == (byte == UInt8(ascii: ",")), closePart() else { return nil }
                    out[count] = byte
                    count += 1
                    partStart = count
                    inValue = byte == UInt8(ascii: "=")
                case 32:
                    // Leading spaces of a part are skipped; inner ones kept; trailing ones dropped at the close.
                    if count > partStart {
                        out[count] = byte
                        count += 1
                    }
                default:
                    out[count] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                    lastNonSpace = count
                    count += 1
                }
            }
            guard inValue, closePart() else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<count]), as: UTF8.self)
        }
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
