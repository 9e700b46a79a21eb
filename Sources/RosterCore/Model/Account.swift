import Foundation

/// An account in the user store: one person (or service) known to Roster.
///
/// `id` never changes. The owning ``source`` and its ``sourceAnchor`` (e.g. an LDAP `entryUUID`) identify the
/// account to that source; userName and emails are attributes and may change.
public struct Account: Sendable, Hashable, Identifiable {
    public var id: UUID
    /// Login name, 3–50 characters, unique case-insensitively.
    public var userName: String
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?
    /// Email addresses; at most one is primary.
    public var emails: [AccountEmail]
    /// Inactive accounts keep their data but cannot log in.
    public var active: Bool
    public var role: Role
    public var authMethod: AuthMethod
    /// Who owns the account.
    public var source: AccountSource
    /// The owning source's immutable identifier for the account (LDAP entryUUID, objectGUID, SCIM id…).
    public var sourceAnchor: String?
    /// The owning source's `externalId` (SCIM) or other external key.
    public var externalId: String?
    /// argon2id PHC string; `nil` for accounts without a local password.
    public var passwordHash: String?
    /// The account must change its password before anything else.
    public var mustChangePassword: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// When the account was last deactivated, and by which source (`local`, `ldap:corp` …).
    public var deactivatedAt: Date?
    public var deactivatedBy: String?
    /// Incremented on every change (SCIM ETags).
    public var version: Int

    public init(
        id: UUID, userName: String, displayName: String? = nil, givenName: String? = nil, familyName: String? = nil,
        emails: [AccountEmail] = [], active: Bool = true, role: Role, authMethod: AuthMethod, source: AccountSource,
        sourceAnchor: String? = nil, externalId: String? = nil, passwordHash: String? = nil,
        mustChangePassword: Bool = false, createdAt: Date, updatedAt: Date, deactivatedAt: Date? = nil,
        deactivatedBy: String? = nil, version: Int = 1
    ) {
        self.id = id
        self.userName = userName
        self.displayName = displayName
        self.givenName = givenName
        self.familyName = familyName
        self.emails = emails
        self.active = active
        self.role = role
        self.authMethod = authMethod
        self.source = source
        self.sourceAnchor = sourceAnchor
        self.externalId = externalId
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deactivatedAt = deactivatedAt
        self.deactivatedBy = deactivatedBy
        self.version = version
    }

    /// The primary email address, if any.
    public var primaryEmail: String? { emails.primaryAddress }
}
