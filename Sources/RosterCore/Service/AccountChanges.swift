/// Profile changes to an account; nil leaves a field as it is, an empty string clears an optional name.
public struct AccountChanges: Sendable, Hashable {
    public var userName: String?
    /// The new primary email address.
    public var email: String?
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?

    public init(
        userName: String? = nil, email: String? = nil, displayName: String? = nil, givenName: String? = nil,
        familyName: String? = nil
    ) {
        self.userName = userName
        self.email = email
        self.displayName = displayName
        self.givenName = givenName
        self.familyName = familyName
    }

    public var isEmpty: Bool {
        userName == nil && email == nil && displayName == nil && givenName == nil && familyName == nil
    }
}
