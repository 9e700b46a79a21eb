import Foundation

extension DirectoryMapping {
    /// How a disabled account shows in the directory.
    public enum DisabledRule: Sendable, Hashable {
        /// The directory has no notion of a disabled account.
        case none
        /// Disabled when `attribute`, read as an integer, has any bit of `mask` set (AD `userAccountControl`, 0x2).
        case userAccountControlBit(attribute: String, mask: Int)
        /// Disabled when `attribute` equals `disabledWhen`, case-insensitively (389-DS `nsAccountLock` = `TRUE`).
        case booleanAttribute(attribute: String, disabledWhen: String)
        /// Disabled when `attribute` is present (OpenLDAP ppolicy `pwdAccountLockedTime`).
        case presence(attribute: String)
        /// Disabled when any of the rules says so: Active Directory's disabled bit (`userAccountControl` 0x2) or its
        /// lockout, which only the constructed `msDS-User-Account-Control-Computed` (bit 0x10, `UF_LOCKOUT`) reports
        /// correctly: `lockoutTime` stays set after the lockout duration has passed, until the next successful logon.
        case anyOf([DisabledRule])

        /// The attribute this rule reads, if any (the first one of an ``anyOf(_:)``).
        public var attribute: String? { attributes.first }

        /// Every attribute this rule reads, in order, without duplicates.
        public var attributes: [String] {
            switch self {
            case .none: []
            case .userAccountControlBit(let attribute, _), .booleanAttribute(let attribute, _), .presence(let attribute): [attribute]
            case .anyOf(let rules):
                rules.flatMap(\.attributes).reduce(into: []) { list, name in
                    if !list.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { list.append(name) }
                }
            }
        }

        /// Whether an entry is disabled, given the values of each attribute the rule reads (`values(name)`).
        public func isDisabled(valuesOf values: (String) -> [String]) -> Bool {
            switch self {
            case .anyOf(let rules): rules.contains { $0.isDisabled(valuesOf: values) }
            default: isDisabled(values: attribute.map(values) ?? [])
            }
        }

        /// Whether an entry whose ``attribute`` has `values` is disabled.
        public func isDisabled(values: [String]) -> Bool {
            switch self {
            case .none:
                return false
            case .anyOf(let rules):
                return rules.contains { $0.isDisabled(values: values) }
            case .presence:
                return !values.isEmpty
            case .booleanAttribute(_, let disabledWhen):
                return values.contains { $0.caseInsensitiveCompare(disabledWhen) == .orderedSame }
            case .userAccountControlBit(_, let mask):
                return values.contains { value in
                    Int(value.trimmingCharacters(in: .whitespaces)).map { $0 & mask != 0 } ?? false
                }
            }
        }
    }
}
