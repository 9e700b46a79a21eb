import Foundation
import RosterConfig
import RosterCore
import RosterMail
import RosterSecurity

extension RuntimeSettings {
    /// Maps the file's configuration onto the runtime's settings; `storePath` is resolved against `workingDirectory`.
    public init(configuration: RosterConfiguration, workingDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let store = configuration.storePath.hasPrefix("/") ? configuration.storePath
            : URL(fileURLWithPath: workingDirectory).appendingPathComponent(configuration.storePath).standardizedFileURL.path
        let strength: Argon2idPasswordHasher.Strength = switch configuration.passwordPolicy.hashStrength {
        case .interactive: .interactive
        case .moderate: .moderate
        case .sensitive: .sensitive
        }
        self.init(
            storePath: store,
            accounts: AccountSettings(
                defaultRole: configuration.users.defaultRole, defaultAuthMethod: configuration.users.defaultAuthMethod,
                temporaryPasswordLength: configuration.users.temporaryPasswordLength,
                passwordPolicy: PasswordPolicy(minimumLength: configuration.passwordPolicy.minimumLength,
                                               maximumLength: configuration.passwordPolicy.maximumLength)),
            hashStrength: strength)
        var access = AccessSettings()
        access.signupEnabled = configuration.signup.enabled
        access.configDomains = configuration.signup.domains.compactMap { domain in
            DomainPolicy.normalize(domain.domain).map {
                SignupDomain(domain: $0, authMethod: AuthMethod(rawValue: domain.authMethod) ?? .password,
                             role: Role(rawValue: domain.role) ?? .guest, includeSubdomains: domain.includeSubdomains,
                             origin: .config)
            }
        }
        access.verificationLifetime = TimeInterval(configuration.signup.verificationHours) * 3600
        access.invitationLifetime = TimeInterval(configuration.invitations.expiryHours) * 3600
        access.sessionLifetime = TimeInterval(configuration.sessions.ttlHours) * 3600
        access.maxFailedLogins = configuration.sessions.maxFailedLogins
        access.lockout = TimeInterval(configuration.sessions.lockoutMinutes) * 60
        access.apiTokenLifetime = TimeInterval(configuration.sessions.apiTokenLifetimeDays) * 86_400
        access.hashingRequestsPerMinute = configuration.sessions.hashingRequestsPerMinute
        access.hashingBurst = configuration.sessions.hashingBurst
        // 0 keeps the defaults sized from the machine: one hash per core, four waiting per core.
        if configuration.sessions.maxConcurrentHashes > 0 { access.maxConcurrentHashes = configuration.sessions.maxConcurrentHashes }
        if configuration.sessions.hashQueueLength > 0 { access.hashQueueLength = configuration.sessions.hashQueueLength }
        if let smtp = configuration.smtp {
            access.linkBaseURL = smtp.linkBaseURL
            var mail = SMTPMailer.Configuration(url: smtp.url, from: smtp.from)
            mail.username = smtp.username
            // A secret that cannot be resolved leaves the password unset; `roster config check` reports it.
            mail.password = try? smtp.password?.resolve(environment: environment)
            mail.timeoutSeconds = smtp.timeoutSeconds
            mail.caFile = smtp.caFile
            mail.tlsVerify = smtp.tlsVerify
            self.smtp = mail
        }
        self.access = access
        ldapSources = configuration.ldap
    }
}
