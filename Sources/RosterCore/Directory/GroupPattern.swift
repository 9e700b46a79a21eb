import Foundation

/// What a role rule's `group` string matches: a DN, a name, or a `*` glob over names.
///
/// The written form decides: a string containing `=` is a DN (compared by normalised DN key), one containing `*`
/// is a glob over the group's names (`roster-*`, `*-admins`), anything else is a name. Names and globs ignore case.
public struct GroupPattern: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How ``value`` is compared.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// ``value`` is a normalised DN key, compared with ``GroupIdentity/dnKey``.
        case dn
        /// ``value`` is a lower-cased name, compared with each of ``GroupIdentity/names``.
        case name
        /// ``value`` is a lower-cased pattern where `*` matches any run of characters.
        case glob
    }

    public var kind: Kind
    /// The normalised DN key, lower-cased name or lower-cased glob.
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// Parses a rule's `group` string; `dnKey` normalises DNs (the LDAP layer owns DN parsing).
    public init(parsing text: String, dnKey: (String) -> String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("=") {
            self.init(kind: .dn, value: dnKey(trimmed))
        } else if trimmed.contains("*") {
            self.init(kind: .glob, value: trimmed.lowercased())
        } else {
            self.init(kind: .name, value: trimmed.lowercased())
        }
    }

    /// Whether the group with this identity matches.
    public func matches(_ identity: GroupIdentity) -> Bool {
        switch kind {
        case .dn:
            return identity.dnKey == value
        case .name:
            return identity.names.contains { $0.lowercased() == value }
        case .glob:
            return identity.names.contains { Self.glob(value, matches: $0.lowercased()) }
        }
    }

    public var description: String { "\(kind.rawValue) \(value)" }

    /// `*` matches any run of characters (including none); every other character matches itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
