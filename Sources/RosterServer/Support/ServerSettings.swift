import RosterSCIM

/// What `roster serve` listens on and enforces, from the config's `scim` section and the command line.
public struct ServerSettings: Sendable {
    /// Whether `/scim/v2` is served (config `scim.enabled`).
    public var scimEnabled = true
    public var host = "127.0.0.1"
    public var port = 8080
    /// PEM certificate chain and private key; both set means HTTPS.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Bodies larger than this get 413 (before any parsing).
    public var maxBodyBytes = 1_048_576
    /// The sustained rate per client (a token bucket refilled at this rate); over it, 429 with `Retry-After`.
    /// 1500 = 25 requests a second, what Microsoft asks a SCIM endpoint to sustain per tenant.
    public var requestsPerMinute = 1500
    /// The bucket's size: how many requests (Bulk operations count one each) a client may send back to back.
    /// 3000 lets the first push of about 1,000 users (a lookup and a create each, plus groups) through at any speed.
    public var burst = 3000
    /// A connection with no request in flight for this long is closed.
    public var idleTimeoutSeconds = 60
    /// The URL clients reach the server at (`https://roster.example.com`); `Location` and `meta.location` are built
    /// from it. Unset: from the address the connection arrived on, never from the request's `Host` header.
    public var publicBaseURL: String?
    /// How long a verified bearer token is remembered (a revoked client is refused within this time).
    public var tokenCacheSeconds: Double = 5
    public var scim = SCIMServiceSettings()
    /// The configured directory sources (names), listed on the admin console's sync page even before their first run.
    public var consoleSyncSources: [String] = []

    public init() {}

    public var usesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil }
}
