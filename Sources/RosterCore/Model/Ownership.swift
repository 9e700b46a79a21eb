import Foundation

/// One entry of the ownership registry: a resource and the account that owns it.
public struct Ownership: Sendable, Hashable {
    public var resource: ResourceRef
    public var ownerID: UUID
    public var ownerUserName: String
    public var createdAt: Date

    public init(resource: ResourceRef, ownerID: UUID, ownerUserName: String, createdAt: Date) {
        self.resource = resource
        self.ownerID = ownerID
        self.ownerUserName = ownerUserName
        self.createdAt = createdAt
    }
}
