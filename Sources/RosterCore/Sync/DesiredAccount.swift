/// An account as a source says it should be: the directory entry mapped and its role resolved.
public struct DesiredAccount: Sendable, Hashable, Codable {
    /// The immutable identity in the source (entryUUID, objectGUID …).
    public var anchor: String
    /// The source's external key (the DN for LDAP), informational.
    public var externalId: String?
    public var userName: String
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?
    /// Email addresses; the first is primary.
    public var emails: [String]
    /// False when the directory marks the entry disabled.
    public var enabled: Bool
    public var role: Role
    /// Why the role (JSON of the role assignment), kept for `roster explain`.
    public var roleExplanation: String?

    public init(
        anchor: String, externalId: String? = nil, userName: String, displayName: String? = nil,
        givenName: String? = nil, familyName: String? = nil, emails: [String] = [], enabled: Bool = true,
        role: Role, roleExplanation: String? = nil
    ) {
        self.anchor = anchor
        self.externalId = externalId
        self.userName = userName
        self.displayName = displayName
        self.givenName = givenName
        self.familyName = familyName
        self.emails = emails
        self.enabled = enabled
        self.role = role
        self.roleExplanation = roleExplanation
    }
}
