/// `scim`: the SCIM 2.0 endpoint of `roster serve`. See `docs/configuration.md`.
public struct SCIMSettings: Sendable {
    public var enabled = true
    public var host = "127.0.0.1"
    public var port = 8080
    public var tlsCertificate: String?
    public var tlsKey: String?
    public var maxBodyBytes = 1_048_576
    /// Sustained requests per minute per client (default 1500 = 25/s, Microsoft's figure for a SCIM endpoint).
    public var requestsPerMinute = 1500
    /// Requests (Bulk operations count one each) a client may send back to back (default 3000: a first push of
    /// about 1,000 users).
    public var burst = 3000
    /// Seconds before an idle connection is closed (default 60).
    public var idleTimeoutSeconds = 60
    /// The public base URL of `roster serve` (`https://roster.example.com`) for `Location` and `meta.location`.
    public var publicBaseURL: String?
    public var maxPageSize = 200
    public var bulkMaxOperations = 1000
    public var bulkMaxPayloadBytes = 1_048_576
    public var deprovision: LDAPSourceSettings.Deprovision = .deactivate
    public var roles = "roles.plist"
    /// The highest role any SCIM client's groups may give (`guest`…`superuser`, default `member`): admin and
    /// superuser only where configured, for every client here or per client in ``clients``.
    public var maxRole = "member"
    /// Per-client role rules (`scim.clients.NAME`): which rules file and which highest role that client may use.
    public var clients: [String: SCIMClientRoles] = [:]
    public var adoptAccounts = false
    public var strict = false
    /// How accounts created over SCIM sign in unless the client sets a password (default `saml`).
    public var authMethod = "saml"
    public init() {}
}

/// `scim.clients.NAME`: the role rules of one SCIM client (unset keys fall back to `scim.roles` / `scim.maxRole`).
public struct SCIMClientRoles: Sendable, Hashable {
    public var roles: String?
    public var maxRole: String?
    public init(roles: String? = nil, maxRole: String? = nil) {
        self.roles = roles
        self.maxRole = maxRole
    }
}

/// `signup`: allowlisted-domain self signup.
public struct SignupSettings: Sendable {
    /// One allowlisted domain.
    public struct Domain: Sendable, Hashable {
        public var domain: String
        public var authMethod = "password"
        public var role = "guest"
        public var includeSubdomains = false
        public init(domain: String) { self.domain = domain }
    }
    public var enabled = false
    public var domains: [Domain] = []
    public var verificationHours = 48
    public init() {}
}

/// `invitations`: `expiryHours` (1…8760, default 168 = 7 days).
public struct InvitationSettings: Sendable {
    public var expiryHours = 168
    public init() {}
}

/// `sessions`: `ttlHours` (default 12), `maxFailedLogins` (default 20), `lockoutMinutes` (default 15),
/// `apiTokenLifetimeDays` (90), and the limits on password hashing: `hashingRequestsPerMinute` (30) and
/// `hashingBurst` (10) per client address, `maxConcurrentHashes` (0 = the number of cores) and `hashQueueLength`
/// (0 = four per core).
public struct SessionSettings: Sendable {
    public var ttlHours = 12
    public var maxFailedLogins = 20
    public var lockoutMinutes = 15
    public var apiTokenLifetimeDays = 90
    public var hashingRequestsPerMinute = 30
    public var hashingBurst = 10
    public var maxConcurrentHashes = 0
    public var hashQueueLength = 0
    public init() {}
}

/// `smtp`: outgoing mail through libcurl.
public struct SMTPSettings: Sendable {
    public var url: String
    public var username: String?
    public var password: Secret?
    public var from: String
    public var linkBaseURL: String
    public var timeoutSeconds = 10
    public var caFile: String?
    public var tlsVerify = true
    public init(url: String, from: String, linkBaseURL: String) {
        self.url = url
        self.from = from
        self.linkBaseURL = linkBaseURL
    }
}
