import Foundation

/// Email syntax and comparison: addresses are compared by ``key(for:)`` (trimmed, lower-cased, without a trailing dot
/// on the domain).
public enum EmailPolicy {
    /// Validates the address form `local@domain` (local ≤ 64, domain ≤ 253 characters, no spaces).
    public static func validate(_ email: String) throws(RosterError) {
        if let problem = asciiProblem(email) {
            switch problem {
            case .valid: return
            case .form: throw RosterError(.invalidEmail, "an email address is written local@domain")
            case .content: throw RosterError(.invalidEmail, "the email address has an invalid character or domain")
            }
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              (1...64).contains(local.count), (1...253).contains(domain.count)
        else {
            throw RosterError(.invalidEmail, "an email address is written local@domain")
        }
        // ASCII (nearly every address) is checked on its bytes; other text by Unicode properties.
        let bad = email.utf8.allSatisfy({ $0 < 0x80 })
            ? email.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
            : email.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        let labels = domain.hasSuffix(".") ? domain.dropLast().split(separator: ".", omittingEmptySubsequences: false)
            : domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !bad, !labels.contains(where: \.isEmpty), !domain.hasPrefix("-") else {
            throw RosterError(.invalidEmail, "the email address has an invalid character or domain")
        }
    }

    private enum Problem { case valid, form, content }

    /// ``validate(_:)`` for an ASCII address, in one pass over its bytes (the hot path of directory imports);
    /// nil for non-ASCII text, which is checked by Unicode properties.
    private static func asciiProblem(_ email: String) -> Problem? {
        var at: Int?
        var count = 0
        var bad = false
        for byte in email.utf8 {
            if byte >= 0x80 { return nil }
            if byte <= 0x20 || byte == 0x7F { bad = true }
            if byte == UInt8(ascii: "@") {
                if at != nil { return .form }
                at = count
            }
            count += 1
        }
        guard let at, (1...64).contains(at), (1...253).contains(count - at - 1) else { return .form }
        // Labels of the domain: none may be empty, except after the one trailing dot of an absolute name.
        var labelLength = 0
        var emptyLabel = false
        for byte in email.utf8.dropFirst(at + 1) {
            if byte == UInt8(ascii: ".") {
                if labelLength == 0 { emptyLabel = true }
                labelLength = 0
            } else {
                labelLength += 1
            }
        }
        let domain = email.utf8.dropFirst(at + 1)
        return bad || emptyLabel || domain.first == UInt8(ascii: "-") ? .content : .valid
    }

    /// The comparison key: trimmed, lower-cased, trailing dot of the domain removed, an IDN domain in punycode
    /// (`Ana@Bücher.Example.` and `ana@xn--bcher-kva.example` are the same address).
    public static func key(for email: String) -> String {
        let needsTrim = email.first?.isWhitespace == true || email.last?.isWhitespace == true
        let trimmed = needsTrim ? email.trimmingCharacters(in: .whitespaces) : email
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            var key = trimmed.lowercased()
            while key.hasSuffix(".") { key.removeLast() }
            return key
        }
        var key = trimmed.precomposedStringWithCanonicalMapping.lowercased()
        while key.hasSuffix(".") { key.removeLast() }
        if let at = key.lastIndex(of: "@"), let domain = Punycode.toASCII(domain: String(key[key.index(after: at)...])) {
            key = String(key[...at]) + domain
        }
        return key
    }

    /// The address as stored: trimmed, domain lower-cased, trailing dot removed; the local part keeps its case.
    public static func normalized(_ email: String) -> String {
        let needsTrim = email.first?.isWhitespace == true || email.last?.isWhitespace == true
        var trimmed = needsTrim ? email.trimmingCharacters(in: .whitespaces) : email
        while trimmed.hasSuffix(".") { trimmed.removeLast() }
        guard let at = trimmed.lastIndex(of: "@") else { return trimmed }
        return String(trimmed[..<at]) + "@" + trimmed[trimmed.index(after: at)...].lowercased()
    }
}
