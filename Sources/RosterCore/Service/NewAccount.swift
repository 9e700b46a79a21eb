/// What is needed to create an account. Missing values come from ``AccountSettings``; a missing userName is
/// inferred from the email.
public struct NewAccount: Sendable, Hashable {
    public var email: String?
    public var userName: String?
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?
    public var role: Role?
    public var authMethod: AuthMethod?
    public var source: AccountSource
    public var sourceAnchor: String?
    public var externalId: String?
    public var active: Bool
    /// A password chosen by the person (signup, invitation). When nil and the method is `password`, a temporary
    /// password is generated and the account must change it at first login.
    public var password: String?

    public init(
        email: String? = nil, userName: String? = nil, displayName: String? = nil, givenName: String? = nil,
        familyName: String? = nil, role: Role? = nil, authMethod: AuthMethod? = nil, source: AccountSource = .local,
        sourceAnchor: String? = nil, externalId: String? = nil, active: Bool = true, password: String? = nil
    ) {
        self.email = email
        self.userName = userName
        self.displayName = displayName
        self.givenName = givenName
        self.familyName = familyName
        self.role = role
        self.authMethod = authMethod
        self.source = source
        self.sourceAnchor = sourceAnchor
        self.externalId = externalId
        self.active = active
        self.password = password
    }
}

/// A created account and, for the password method without a chosen password, its temporary password (shown once).
public struct CreatedAccount: Sendable, Hashable {
    public var account: Account
    public var temporaryPassword: String?
}
