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
    /// Per client; over it, 429 with `Retry-After`.
    public var requestsPerMinute = 600
    /// How long a verified bearer token is remembered (a revoked client is refused within this time).
    public var tokenCacheSeconds: Double = 5
    public var scim = SCIMServiceSettings()

    public init() {}

    public var usesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil }
}
