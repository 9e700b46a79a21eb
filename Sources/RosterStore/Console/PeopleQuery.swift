import Foundation
import RosterCore

/// One page of the admin console's people list: filters, search and a keyset cursor over `(created_at, id)`,
/// newest first.
public struct PeopleQuery: Sendable, Hashable {
    /// Search text: a prefix of the userName, of an email address, or of the display name (case-insensitive).
    public var search: String?
    public var role: Role?
    /// The stored source (`local`, `ldap:corp` …).
    public var source: String?
    public var active: Bool?
    public var authMethod: AuthMethod?
    /// The last row of the previous page.
    public var after: PeopleCursor?
    public var limit: Int

    public init(search: String? = nil, role: Role? = nil, source: String? = nil, active: Bool? = nil,
                authMethod: AuthMethod? = nil, after: PeopleCursor? = nil, limit: Int = 50) {
        self.search = search
        self.role = role
        self.source = source
        self.active = active
        self.authMethod = authMethod
        self.after = after
        self.limit = limit
    }
}

/// A position in the people list: the creation time (milliseconds) and id of the last row shown.
public struct PeopleCursor: Sendable, Hashable {
    public var createdAtMillis: Int64
    public var id: UUID

    public init(createdAtMillis: Int64, id: UUID) {
        self.createdAtMillis = createdAtMillis
        self.id = id
    }

    public init(after account: Account) {
        self.init(createdAtMillis: Int64((account.createdAt.timeIntervalSince1970 * 1000).rounded()), id: account.id)
    }

    /// `MILLIS.UUID`, as carried in the `after=` query parameter.
    public var text: String { "\(createdAtMillis).\(id.lowercasedText)" }

    public init?(text: String) {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let millis = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(createdAtMillis: millis, id: id)
    }
}

/// The rows of one page and the cursor of the next (nil on the last page).
public struct PeoplePage: Sendable, Hashable {
    public var rows: [AccountListing]
    public var next: PeopleCursor?
}
