/// How to reach and authenticate to a directory.
public struct LDAPConnectionOptions: Sendable {
    /// `ldap://host:port` or `ldaps://host:port`.
    public var url: String
    public var startTLS = false
    /// PEM file of CAs to trust; nil uses the system store.
    public var caFile: String?
    /// Verify the server certificate (LDAP_OPT_X_TLS_DEMAND). On by default.
    public var tlsVerify = true
    /// Connect time limit, seconds.
    public var networkTimeout = 10
    /// Time limit of each operation, seconds (client side and, for searches, the server's time limit).
    public var operationTimeout = 30

    public init(url: String, startTLS: Bool = false, caFile: String? = nil, tlsVerify: Bool = true,
                networkTimeout: Int = 10, operationTimeout: Int = 30) {
        self.url = url
        self.startTLS = startTLS
        self.caFile = caFile
        self.tlsVerify = tlsVerify
        self.networkTimeout = networkTimeout
        self.operationTimeout = operationTimeout
    }
}
