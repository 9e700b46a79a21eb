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
    /// A digest of what the directory holds for the group (name, member DNs and uids), to recognise an unchanged
    /// group without reading its members again.
    public var contentDigest: String?

    public init(anchor: String, displayName: String, externalId: String? = nil, memberAccountAnchors: [String] = [],
                memberGroupAnchors: [String] = []) {
        self.anchor = anchor
        self.displayName = displayName
        self.externalId = externalId
        self.memberAccountAnchors = memberAccountAnchors
        self.memberGroupAnchors = memberGroupAnchors
    }
}
