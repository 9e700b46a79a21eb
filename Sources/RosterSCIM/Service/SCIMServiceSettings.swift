import RosterCore

/// What the SCIM service applies to every client, from the config's `scim` section and the role mapping.
public struct SCIMServiceSettings: Sendable {
    /// What `DELETE` does to a user: deactivate it (default; the account stays in the store, inactive, and is no
    /// longer visible over SCIM) or delete it with its sessions, tokens and memberships.
    public enum Deprovision: String, Sendable { case deactivate, delete }

    public var mode: SCIMInputMode = .lenient
    public var maxPageSize = 200
    public var deprovision: Deprovision = .deactivate
    /// Whether a POSTed user may take over a local, signup or invitation account with the same userName or email.
    public var adoptAccounts = false
    /// The method accounts created over SCIM sign in with, unless the client sets a password.
    public var authMethod: AuthMethod = .saml
    /// Group → role rules (`Mappings/roles.plist`), matched by displayName and externalId, with the highest role a
    /// client may give (``RoleResolver/maxRole``): the rules of every client without its own entry in ``clientResolvers``.
    public var resolver = RoleResolver(rules: RoleRules(rules: [], defaultRole: .member), maxRole: .member)
    /// Per-client rules and highest role (`scim.clients.NAME`), by client name.
    public var clientResolvers: [String: RoleResolver] = [:]
    public var passwordPolicy = PasswordPolicy()
    public var bulkMaxOperations = 1000
    public var bulkMaxPayloadBytes = 1_048_576
    /// The public base URL of the SCIM endpoint (for `meta.location` and `$ref`).
    public var baseURL = "http://127.0.0.1:8080/scim/v2"

    public init() {}

    /// The role rules and highest role of one client.
    public func resolver(for client: SCIMClient) -> RoleResolver {
        clientResolvers[client.name] ?? resolver
    }
}
