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

        /// The attribute this rule reads, if any.
        public var attribute: String? {
            switch self {
            case .none: nil
            case .userAccountControlBit(let attribute, _), .booleanAttribute(let attribute, _), .presence(let attribute): attribute
            }
        }

        /// Whether an entry whose ``attribute`` has `values` is disabled.
        public func isDisabled(values: [String]) -> Bool {
            switch self {
            case .none:
                return false
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
