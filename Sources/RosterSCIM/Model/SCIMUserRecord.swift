import RosterCore

/// A SCIM user as the store holds it: the account (columns the rest of Roster reads) and the canonical SCIM body
/// with every other attribute the client sent. `body` is nil for accounts that were not created over SCIM (adopted).
public struct SCIMUserRecord: Sendable, Hashable {
    public var account: Account
    public var body: [String: JSONValue]?
    /// The groups of the same source that list the account directly; nil when not loaded.
    public var groups: [SCIMReference]?
    /// The stored body as text, when it was read without parsing (``body`` is then nil): see
    /// ``SCIMRenderer/userJSON(_:)``.
    public var bodyText: String?

    public init(account: Account, body: [String: JSONValue]?, groups: [SCIMReference]? = nil, bodyText: String? = nil) {
        self.account = account
        self.body = body
        self.groups = groups
        self.bodyText = bodyText
    }
}

/// A member of a group or a group of a user: its id, what it is (`User`/`Group`) and its display name.
public struct SCIMReference: Sendable, Hashable {
    public var id: String
    public var type: SCIMResourceKind
    public var display: String?

    public init(id: String, type: SCIMResourceKind, display: String?) {
        self.id = id
        self.type = type
        self.display = display
    }
}
