/// Walks the top-level members of a JSON object text without building values: each member's name and the byte
/// range of its value. Used to copy stored SCIM bodies (which Roster wrote itself) into responses verbatim.
///
/// The scan is structural only (strings with their escapes, nesting); it does not validate numbers or literals.
/// Anything unexpected ends it with `nil`, and callers fall back to parsing.
struct JSONMemberScanner {
    /// One top-level member: the bytes of its name within the scanned text (between the quotes; a name with a
    /// backslash ends the scan), of the name with its quotes, and of its value.
    struct Member {
        var name: Range<Int>
        var quotedName: Range<Int>
        var value: Range<Int>
    }

    /// The members of the object in `bytes`, in order, or nil when it is not an object this scanner can walk.
    static func members(_ bytes: UnsafeBufferPointer<UInt8>) -> [Member]? {
        var scanner = JSONMemberScanner(bytes: bytes)
        return scanner.objectMembers()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func objectMembers() -> [Member]? {
        skipSpace()
        guard next() == UInt8(ascii: "{") else { return nil }
        var members: [Member] = []
        skipSpace()
        if peek() == UInt8(ascii: "}") { return members }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\""), let nameRange = skipString(allowEscapes: false) else { return nil }
            skipSpace()
            guard next() == UInt8(ascii: ":") else { return nil }
            skipSpace()
            let start = index
            guard skipValue(depth: 0) else { return nil }
            members.append(Member(name: (nameRange.lowerBound + 1)..<(nameRange.upperBound - 1), quotedName: nameRange,
                                  value: start..<index))
            skipSpace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return members
            default: return nil
            }
        }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    /// Skips a string starting at the opening quote; the range includes both quotes.
    private mutating func skipString(allowEscapes: Bool) -> Range<Int>? {
        let start = index
        index += 1
        while let byte = next() {
            if byte == UInt8(ascii: "\"") { return start..<index }
            if byte == UInt8(ascii: "\\") {
                guard allowEscapes, next() != nil else { return nil }
            }
        }
        return nil
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64, let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "\""):
            return skipString(allowEscapes: true) != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipSpace()
            if peek() == close {
                index += 1
                return true
            }
            while true {
                skipSpace()
                if close == UInt8(ascii: "}") {
                    guard peek() == UInt8(ascii: "\""), skipString(allowEscapes: true) != nil else { return false }
                    skipSpace()
                    guard next() == UInt8(ascii: ":") else { return false }
                    skipSpace()
                }
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                switch next() {
                case UInt8(ascii: ","): continue
                case close: return true
                default: return false
                }
            }
        default:
            // A number or a literal: up to the next delimiter.
            let start = index
            while let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                  byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
                index += 1
            }
            return index > start
        }
    }
}
