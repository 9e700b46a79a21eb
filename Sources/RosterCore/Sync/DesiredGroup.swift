/// A group as the source says it should be, with its direct members by anchor.
public struct DesiredGroup: Sendable, Hashable, Codable {
    public var anchor: String
    public var displayName: String
    /// The source's external key (the DN for LDAP).
    public var externalId: String?
    /// Anchors of member accounts of the same source.
    public var memberAccountAnchors: [String]
    /// Anchors of member groups of the same source.
    public var memberGroupAnchors: [String]

    public init(anchor: String, displayName: String, externalId: String? = nil, memberAccountAnchors: [String] = [],
                memberGroupAnchors: [String] = []) {
        self.anchor = anchor
        self.displayName = displayName
        self.externalId = externalId
        self.memberAccountAnchors = memberAccountAnchors
        self.memberGroupAnchors = memberGroupAnchors
    }
}
