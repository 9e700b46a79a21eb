import Foundation

/// The userName rules of the admin guides: 3–50 characters, unique case-insensitively, inferred from the email's
/// local part when not given (with a deterministic numeric suffix on collision: `ada`, `ada2`, `ada3` …).
public enum UserNamePolicy {
    public static let minimumLength = 3
    public static let maximumLength = 50

    /// Checks length and characters: no whitespace, no control characters, no `/`.
    public static func validate(_ userName: String) throws(RosterError) {
        let length = userName.utf8.allSatisfy({ $0 < 0x80 }) ? userName.utf8.count : userName.count
        guard (minimumLength...maximumLength).contains(length) else {
            throw RosterError(.invalidUserName, "userName must be \(minimumLength)-\(maximumLength) characters long")
        }
        // ASCII names (the common case) are checked on their bytes: whitespace, controls and `/`.
        let forbidden = userName.utf8.allSatisfy({ $0 < 0x80 })
            ? userName.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") }
            : userName.unicodeScalars.contains { scalar in
                scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                    || scalar.properties.generalCategory == .format || scalar == "/"
            }
        guard !forbidden else {
            throw RosterError(.invalidUserName, "userName must not contain spaces, control characters or '/'")
        }
    }

    /// The rules of a userName chosen for an account of `source`.
    ///
    /// **`@` and whose userName it is.** A userName that looks like an email address would capture what is aimed at
    /// that address (a signup as `ceo@corp.example`), so userNames chosen locally — the CLI and admin API, self
    /// signup, invitations — may not contain `@`. A directory or SCIM source is authoritative for its accounts and
    /// often asserts an address as the userName (`jdoe@corp.example`): its userNames are checked with
    /// ``validate(_:)`` alone. Names stored before this rule are kept. Lookups follow the same rule: a login or a
    /// reference containing `@` names an email address and matches the account holding that address (never an
    /// account whose userName merely spells it).
    public static func validate(_ userName: String, for source: AccountSource) throws(RosterError) {
        try validate(userName)
        if !source.isExternal, userName.contains("@") {
            throw RosterError(.invalidUserName, "userName must not contain '@' (sign in with the email address instead)")
        }
    }

    /// The uniqueness key: NFC, then lower-cased.
    public static func key(for userName: String) -> String {
        if userName.utf8.allSatisfy({ $0 < 0x80 }) { return userName.lowercased() }
        return userName.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// The base userName inferred from an email's local part: lower-cased, `+tag` dropped, characters outside
    /// letters, digits, `.`, `_` and `-` dropped, padded to 3 and cut to leave room for a suffix.
    public static func base(fromEmail email: String) -> String {
        let local = email.split(separator: "@", maxSplits: 1).first.map(String.init) ?? email
        let untagged = local.split(separator: "+", maxSplits: 1).first.map(String.init) ?? local
        var base = String(untagged.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)
        }.map(Character.init))
        while base.hasPrefix(".") || base.hasPrefix("-") { base.removeFirst() }
        if base.isEmpty { base = "user" }
        while base.count < minimumLength { base += "0" }
        return String(base.prefix(maximumLength - 6))
    }

    /// The first of `base`, `base2`, `base3` … whose key `isTaken` does not report.
    public static func firstFree(base: String, isTaken: (String) throws -> Bool) rethrows -> String {
        if try !isTaken(key(for: base)) { return base }
        var suffix = 2
        while true {
            let candidate = "\(base)\(suffix)"
            if try !isTaken(key(for: candidate)) { return candidate }
            suffix += 1
        }
    }
}
