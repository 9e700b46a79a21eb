import RosterCore

/// Roster's configuration (`Config/roster.plist`). Every key is optional; defaults are in the nested types.
/// See `docs/configuration.md` for every key, its type and default.
public struct RosterConfiguration: Sendable {
    /// `storePath` (string, default `./roster.sqlite`): the SQLite store, relative to the working directory.
    public var storePath: String = "./roster.sqlite"
    public var logging = LoggingSettings()
    public var passwordPolicy = PasswordPolicySettings()
    public var users = UserSettings()
    /// `ldap` (array): the directory sources, in order.
    public var ldap: [LDAPSourceSettings] = []
    public var scim = SCIMSettings()
    public var signup = SignupSettings()
    public var invitations = InvitationSettings()
    public var sessions = SessionSettings()
    /// `smtp` (dict, absent = no mail: the CLI prints links and passwords instead).
    public var smtp: SMTPSettings?
    /// The file this configuration came from (nil when built in memory).
    public var filePath: String?

    public init() {}

    /// The ldap source with this name.
    public func ldapSource(named name: String) -> LDAPSourceSettings? {
        ldap.first { $0.name == name }
    }
}

/// `logging`: `level` (trace, debug, info, notice, warning, error, critical; default info), `format` (text | json).
public struct LoggingSettings: Sendable {
    public enum Level: String, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }
    public var level: Level = .info
    public var format: Format = .text
    public init() {}
}

/// `passwordPolicy`: `minimumLength` (8…128, default 8), `maximumLength` (default 256), `hashStrength`
/// (interactive | moderate | sensitive, default interactive: argon2id 64 MiB, t=2).
public struct PasswordPolicySettings: Sendable {
    public enum HashStrength: String, Sendable, CaseIterable {
        case interactive, moderate, sensitive
    }
    public var minimumLength = 8
    public var maximumLength = 256
    public var hashStrength: HashStrength = .interactive
    public init() {}
}

/// `users`: `defaultRole` (guest, member or admin; default guest), `defaultAuthMethod` (default password),
/// `temporaryPasswordLength` (12…64, default 16).
public struct UserSettings: Sendable {
    public var defaultRole: Role = .guest
    public var defaultAuthMethod: AuthMethod = .password
    public var temporaryPasswordLength = 16
    public init() {}
}
