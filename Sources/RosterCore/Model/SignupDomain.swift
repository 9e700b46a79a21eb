import Foundation

/// A domain whose addresses may sign up by themselves, with the method and role their accounts get.
public struct SignupDomain: Sendable, Hashable, Codable {
    /// Where the entry comes from: the configuration file (the base list) or the store (`roster domains add`).
    public enum Origin: String, Sendable, Hashable, Codable { case config, store }

    /// Normalized (``DomainPolicy/normalize(_:)``).
    public var domain: String
    public var authMethod: AuthMethod
    /// `member` or `guest` only.
    public var role: Role
    public var includeSubdomains: Bool
    public var origin: Origin

    public init(domain: String, authMethod: AuthMethod = .password, role: Role = .guest, includeSubdomains: Bool = false,
                origin: Origin = .store) {
        self.domain = domain
        self.authMethod = authMethod
        self.role = role
        self.includeSubdomains = includeSubdomains
        self.origin = origin
    }
}
