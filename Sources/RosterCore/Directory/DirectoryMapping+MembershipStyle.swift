extension DirectoryMapping {
    /// One way a directory expresses group membership.
    public enum MembershipStyle: Sendable, Hashable {
        /// The group lists member DNs (groupOfNames `member`, groupOfUniqueNames `uniqueMember`); members may be
        /// groups. `ranged` means the server may return large values in ranges (AD `member;range=0-1499`).
        case memberDNs(attributes: [String], ranged: Bool)
        /// The posixGroup lists `memberUid` values, matched against the user's `userAttribute` (usually `uid`).
        case memberUid(attribute: String, userAttribute: String)
        /// The user lists its groups' DNs (`memberOf`).
        case memberOf(attribute: String)

        /// The style's name as written in mapping files.
        public var kind: String {
            switch self {
            case .memberDNs: "memberDNs"
            case .memberUid: "memberUid"
            case .memberOf: "memberOf"
            }
        }

        /// Attributes this style needs from user entries.
        public var userAttributes: [String] {
            switch self {
            case .memberDNs: []
            case .memberUid(_, let userAttribute): [userAttribute]
            case .memberOf(let attribute): [attribute]
            }
        }

        /// Attributes this style needs from group entries.
        public var groupAttributes: [String] {
            switch self {
            case .memberDNs(let attributes, _): attributes
            case .memberUid(let attribute, _): [attribute]
            case .memberOf: []
            }
        }
    }
}
