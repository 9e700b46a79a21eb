/// One entry of `ldap`: a directory to sync from. See `docs/configuration.md`.
public struct LDAPSourceSettings: Sendable {
    public enum Deprovision: String, Sendable, CaseIterable {
        case deactivate, delete
    }

    /// `name` (required; 1–32 of `[A-Za-z0-9_-]`, unique): accounts belong to source `ldap:NAME`.
    public var name: String
    /// `url` (required): `ldap://host:port` or `ldaps://host:port`.
    public var url: String
    /// `bindDN` (default: anonymous bind).
    public var bindDN: String?
    /// `bindPassword` (secret: inline, `env:NAME` or `file:PATH`).
    public var bindPassword: Secret?
    /// `userBaseDN` (required).
    public var userBaseDN: String
    /// `userFilter` (default: the mapping's).
    public var userFilter: String?
    /// `groupBaseDN` (default: no group search; every account gets the default role).
    public var groupBaseDN: String?
    /// `groupFilter` (default: the mapping's).
    public var groupFilter: String?
    /// `mapping` (default `openldap`): a preset (`openldap`, `activedirectory`, `freeipa`) or a file in `Mappings/`.
    public var mapping = "openldap"
    /// `roles` (default `roles.plist`): the role rules, a file in `Mappings/` (or an absolute path).
    public var roles = "roles.plist"
    /// `pageSize` (1…10000, default 500): RFC 2696 page size (AD's MaxPageSize is 1000).
    public var pageSize = 500
    /// `timeoutSeconds` (default 30): per-operation time limit.
    public var timeoutSeconds = 30
    /// `networkTimeoutSeconds` (default 10): connect time limit.
    public var networkTimeoutSeconds = 10
    /// `startTLS` (default false): upgrade `ldap://` with StartTLS.
    public var startTLS = false
    /// `caFile`: PEM file of CAs to trust (default: the system store).
    public var caFile: String?
    /// `tlsVerify` (default true): verify the server certificate. Turning it off is reported as a warning.
    public var tlsVerify = true
    /// `allowInsecure` (default false): accept `ldap://` without StartTLS to a host other than this machine
    /// (otherwise a configuration error: bind and pass-through passwords would cross the network in clear).
    public var allowInsecure = false
    /// `deprovision` (default deactivate): what happens to accounts that left the directory.
    public var deprovision: Deprovision = .deactivate
    /// `maxDeprovisionCount` (default 500).
    public var maxDeprovisionCount = 500
    /// `maxDeprovisionPercent` (0…100, default 20).
    public var maxDeprovisionPercent = 20.0
    /// `allowSuperuser` (default false): whether role rules may grant superuser to this source's accounts.
    public var allowSuperuser = false
    /// `adoptAccounts` (default false): take over local/signup accounts with the same email.
    public var adoptAccounts = false
    /// `incremental` (default true): use a watermark between full runs.
    public var incremental = true
    /// `overlapSeconds` (default 300): how far before the watermark an incremental run looks again.
    public var overlapSeconds = 300

    public init(name: String, url: String, userBaseDN: String) {
        self.name = name
        self.url = url
        self.userBaseDN = userBaseDN
    }
}
