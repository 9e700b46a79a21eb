import Foundation
import RosterConfig
import RosterCore
import RosterSCIM
import RosterSecurity

/// Wires the SCIM service from the config's `scim` section and its role mapping file.
public enum SCIMServiceFactory {
    public static func settings(_ scim: SCIMSettings, users: UserSettings, files: MappingFiles) throws -> SCIMServiceSettings {
        var settings = SCIMServiceSettings()
        settings.mode = scim.strict ? .strict : .lenient
        settings.maxPageSize = scim.maxPageSize
        settings.deprovision = scim.deprovision == .delete ? .delete : .deactivate
        settings.adoptAccounts = scim.adoptAccounts
        settings.authMethod = AuthMethod(rawValue: scim.authMethod) ?? .saml
        settings.bulkMaxOperations = scim.bulkMaxOperations
        settings.bulkMaxPayloadBytes = scim.bulkMaxPayloadBytes
        let rules = try files.roleRules(named: scim.roles)
        let maxRole = Role(rawValue: scim.maxRole) ?? .member
        settings.resolver = RoleResolver(rules: rules, maxRole: maxRole)
        for (name, client) in scim.clients {
            settings.clientResolvers[name] = RoleResolver(
                rules: try client.roles.map { try files.roleRules(named: $0) } ?? rules,
                maxRole: client.maxRole.flatMap(Role.init(rawValue:)) ?? maxRole)
        }
        return settings
    }

    /// The service over `roster`'s store. SCIM passwords follow the same `passwordPolicy` as every other password.
    public static func service(roster: Roster, settings: SCIMServiceSettings, hasher: (any PasswordHasher)? = nil) -> SCIMService {
        var settings = settings
        settings.passwordPolicy = roster.accounts.settings.passwordPolicy
        return SCIMService(store: roster.store, hasher: hasher ?? roster.accounts.hasher, clock: roster.accounts.clock,
                           ids: roster.accounts.ids, settings: settings)
    }
}
