import Foundation

/// Domains and email addresses compared for self signup: lower-cased, trailing dot removed, IDN labels in punycode
/// (`Bücher.Example.` → `xn--bcher-kva.example`).
public enum DomainPolicy {
    /// The comparison form of a domain, or nil when it is not a plausible domain name.
    public static func normalize(_ domain: String) -> String? {
        var text = domain.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        while text.hasSuffix(".") { text.removeLast() }
        if text.hasPrefix("@") { text.removeFirst() }
        guard !text.isEmpty, let ascii = Punycode.toASCII(domain: text) else { return nil }
        let labels = ascii.split(separator: ".", omittingEmptySubsequences: false)
        let valid = labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "-" }
        }
        return valid && ascii.count <= 253 ? ascii : nil
    }

    /// An address with its domain normalized: `Local@Bücher.example.` → `Local@xn--bcher-kva.example`, or nil. The
    /// local part keeps its case (delivery may depend on it); comparisons use ``EmailPolicy/key(for:)``.
    public static func normalizeEmail(_ email: String) -> String? {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard let at = trimmed.lastIndex(of: "@"), at != trimmed.startIndex,
              let domain = normalize(String(trimmed[trimmed.index(after: at)...])) else { return nil }
        return trimmed[..<at].precomposedStringWithCanonicalMapping + "@" + domain
    }

    /// The entry of `allowlist` that admits `domain` (already normalized): an exact entry first, else the most
    /// specific entry with `includeSubdomains`.
    public static func match(_ domain: String, in allowlist: [SignupDomain]) -> SignupDomain? {
        if let exact = allowlist.first(where: { $0.domain == domain }) { return exact }
        return allowlist.filter { $0.includeSubdomains && domain.hasSuffix("." + $0.domain) }
            .max { $0.domain.count < $1.domain.count }
    }
}
