import Foundation
import RosterCore

extension RosterConfiguration {
    static let topLevelKeys = ["storePath", "logging", "passwordPolicy", "users", "ldap", "scim", "signup", "invitations",
                               "sessions", "smtp"]

    /// Reads a configuration from a parsed document, reporting every problem into `reader`.
    static func read(_ reader: inout PropertyListReader) -> RosterConfiguration {
        var config = RosterConfiguration()
        config.filePath = reader.document.file
        guard let root = reader.document.root as? [String: Any] else {
            reader.error(.wrongType, "", "the top level must be a dictionary")
            return config
        }
        reader.rejectUnknownKeys(root, allowed: topLevelKeys, at: "")
        if let path = reader.string(root, "storePath", at: "") { config.storePath = path }
        if let logging = reader.dictionary(root, "logging", at: "") {
            config.logging = LoggingSettings.read(logging, &reader)
        }
        if let policy = reader.dictionary(root, "passwordPolicy", at: "") {
            config.passwordPolicy = PasswordPolicySettings.read(policy, &reader)
        }
        if let users = reader.dictionary(root, "users", at: "") {
            config.users = UserSettings.read(users, &reader)
        }
        if let sources = reader.array(root, "ldap", at: "") {
            config.ldap = LDAPSourceSettings.readAll(sources, &reader)
        }
        let baseDirectory = URL(fileURLWithPath: reader.document.file).deletingLastPathComponent().path
        if let scim = reader.dictionary(root, "scim", at: "") { config.scim = SCIMSettings.read(scim, &reader) }
        if let signup = reader.dictionary(root, "signup", at: "") { config.signup = SignupSettings.read(signup, &reader) }
        if let invitations = reader.dictionary(root, "invitations", at: "") {
            reader.rejectUnknownKeys(invitations, allowed: ["expiryHours"], at: "invitations")
            if let hours = reader.integer(invitations, "expiryHours", at: "invitations", in: 1...8760) {
                config.invitations.expiryHours = hours
            }
        }
        if let sessions = reader.dictionary(root, "sessions", at: "") {
            config.sessions = SessionSettings.read(sessions, &reader)
        }
        if let smtp = reader.dictionary(root, "smtp", at: "") {
            config.smtp = SMTPSettings.read(smtp, baseDirectory: baseDirectory, &reader)
        }
        return config
    }
}

extension LoggingSettings {
    static func read(_ dict: [String: Any], _ reader: inout PropertyListReader) -> LoggingSettings {
        var settings = LoggingSettings()
        reader.rejectUnknownKeys(dict, allowed: ["level", "format"], at: "logging")
        if let level = reader.choice(dict, "level", at: "logging", Level.allCases.map(\.rawValue)) {
            settings.level = Level(rawValue: level) ?? .info
        }
        if let format = reader.choice(dict, "format", at: "logging", Format.allCases.map(\.rawValue)) {
            settings.format = Format(rawValue: format) ?? .text
        }
        return settings
    }
}

extension PasswordPolicySettings {
    static func read(_ dict: [String: Any], _ reader: inout PropertyListReader) -> PasswordPolicySettings {
        var settings = PasswordPolicySettings()
        reader.rejectUnknownKeys(dict, allowed: ["minimumLength", "maximumLength", "hashStrength"], at: "passwordPolicy")
        if let value = reader.integer(dict, "minimumLength", at: "passwordPolicy", in: 8...128) { settings.minimumLength = value }
        if let value = reader.integer(dict, "maximumLength", at: "passwordPolicy", in: 8...4096) { settings.maximumLength = value }
        if settings.maximumLength < settings.minimumLength {
            reader.error(.invalidValue, "passwordPolicy.maximumLength", "must not be smaller than minimumLength")
        }
        if let strength = reader.choice(dict, "hashStrength", at: "passwordPolicy", HashStrength.allCases.map(\.rawValue)) {
            settings.hashStrength = HashStrength(rawValue: strength) ?? .interactive
        }
        return settings
    }
}

extension UserSettings {
    static func read(_ dict: [String: Any], _ reader: inout PropertyListReader) -> UserSettings {
        var settings = UserSettings()
        reader.rejectUnknownKeys(dict, allowed: ["defaultRole", "defaultAuthMethod", "temporaryPasswordLength"], at: "users")
        if let role = reader.choice(dict, "defaultRole", at: "users", ["guest", "member", "admin"]) {
            settings.defaultRole = Role(rawValue: role) ?? .guest
        }
        if let method = reader.choice(dict, "defaultAuthMethod", at: "users", AuthMethod.allCases.map(\.rawValue)) {
            settings.defaultAuthMethod = AuthMethod(rawValue: method) ?? .password
        }
        if let length = reader.integer(dict, "temporaryPasswordLength", at: "users", in: 12...64) {
            settings.temporaryPasswordLength = length
        }
        return settings
    }
}

extension SessionSettings {
    static func read(_ dict: [String: Any], _ reader: inout PropertyListReader) -> SessionSettings {
        var settings = SessionSettings()
        reader.rejectUnknownKeys(dict, allowed: ["ttlHours", "maxFailedLogins", "lockoutMinutes", "apiTokenLifetimeDays",
                                                 "hashingRequestsPerMinute", "hashingBurst", "maxConcurrentHashes",
                                                 "hashQueueLength"], at: "sessions")
        if let value = reader.integer(dict, "ttlHours", at: "sessions", in: 1...8760) { settings.ttlHours = value }
        if let value = reader.integer(dict, "maxFailedLogins", at: "sessions", in: 1...1000) { settings.maxFailedLogins = value }
        if let value = reader.integer(dict, "lockoutMinutes", at: "sessions", in: 1...10080) { settings.lockoutMinutes = value }
        if let value = reader.integer(dict, "apiTokenLifetimeDays", at: "sessions", in: 1...3650) { settings.apiTokenLifetimeDays = value }
        if let value = reader.integer(dict, "hashingRequestsPerMinute", at: "sessions", in: 1...100_000) {
            settings.hashingRequestsPerMinute = value
        }
        if let value = reader.integer(dict, "hashingBurst", at: "sessions", in: 1...100_000) { settings.hashingBurst = value }
        if let value = reader.integer(dict, "maxConcurrentHashes", at: "sessions", in: 0...1024) { settings.maxConcurrentHashes = value }
        if let value = reader.integer(dict, "hashQueueLength", at: "sessions", in: 0...100_000) { settings.hashQueueLength = value }
        return settings
    }
}
