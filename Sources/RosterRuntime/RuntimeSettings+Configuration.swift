import Foundation
import RosterConfig
import RosterCore
import RosterSecurity

extension RuntimeSettings {
    /// Maps the file's configuration onto the runtime's settings; `storePath` is resolved against `workingDirectory`.
    public init(configuration: RosterConfiguration, workingDirectory: String) {
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
    }
}
