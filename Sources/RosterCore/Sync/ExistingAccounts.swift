import Foundation

/// The store as the planner sees it: the source's accounts by anchor, and who holds each userName and email.
public struct ExistingAccounts: Sendable {
    /// A compact view of any account, for conflict checks.
    public struct Holder: Sendable, Hashable {
        public var id: UUID
        public var source: AccountSource
        public init(id: UUID, source: AccountSource) {
            self.id = id
            self.source = source
        }
    }

    /// Accounts the syncing source owns, by anchor.
    public var ownedByAnchor: [String: Account]
    /// Every account's userName key → holder.
    public var userNameHolders: [String: Holder]
    /// Every account's email keys → holder.
    public var emailHolders: [String: Holder]

    /// The stored role explanations of the source's accounts (JSON), by account id.
    public var roleExplanations: [UUID: String]
    /// Accounts of no external source (`local`, `signup`, `invitation`) by id, whole: the candidates for adoption,
    /// which the planner decides with ``AdoptionPolicy`` as the apply will.
    public var adoptable: [UUID: Account] = [:]
    /// How many accounts the source owns, when `ownedByAnchor` holds only some of them (quiet runs); the percentage
    /// threshold is taken of this.
    public var ownedCount: Int?

    public init(
        ownedByAnchor: [String: Account], userNameHolders: [String: Holder], emailHolders: [String: Holder],
        roleExplanations: [UUID: String] = [:]
    ) {
        self.ownedByAnchor = ownedByAnchor
        self.userNameHolders = userNameHolders
        self.emailHolders = emailHolders
        self.roleExplanations = roleExplanations
    }
}
