import Foundation

/// A group of accounts (and of other groups), owned by a source like an account.
public struct Group: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var source: AccountSource
    /// The owning source's immutable identifier for the group (entryUUID, objectGUID, SCIM id…).
    public var sourceAnchor: String?
    public var externalId: String?
    public var displayName: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// For directory groups: the digest of their directory content at the last sync.
    public var contentDigest: String?

    public init(
        id: UUID, source: AccountSource, sourceAnchor: String? = nil, externalId: String? = nil, displayName: String,
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.source = source
        self.sourceAnchor = sourceAnchor
        self.externalId = externalId
        self.displayName = displayName
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A member of a group: an account or another group.
public enum GroupMember: Sendable, Hashable {
    case account(UUID)
    case group(UUID)
}
