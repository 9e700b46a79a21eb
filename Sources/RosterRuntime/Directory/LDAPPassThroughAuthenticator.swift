import Foundation
import RosterConfig
import RosterCore
import RosterLDAP

/// Logins of `ldap` accounts: a simple bind to the account's source directory as the user's DN with the given
/// password (same URL, StartTLS, CA and verification settings as the sync). An empty password is refused before
/// any bind, since LDAP treats a simple bind without a password as an anonymous (successful) bind.
public struct LDAPPassThroughAuthenticator: DirectoryAuthenticator {
    public let sources: [LDAPSourceSettings]

    public init(sources: [LDAPSourceSettings]) { self.sources = sources }

    /// Bind results that refuse this account's login (a 401), not a failing directory: invalid credentials (49;
    /// AD and OpenLDAP ppolicy also answer a disabled or locked account so), unwillingToPerform (53: 389-DS/FreeIPA's
    /// "Account inactivated" for nsAccountLock) and constraintViolation (19: 389-DS's password-policy lockout,
    /// "Exceed password retry limit").
    static let refusals: Set<LDAPResultCode> = [
        .invalidCredentials, LDAPResultCode(rawValue: 53), LDAPResultCode(rawValue: 19),
    ]

    public func verify(source: String, dn: String, password: String) async throws -> Bool {
        guard !password.isEmpty, !dn.isEmpty else { return false }
        guard let settings = sources.first(where: { $0.name == source }) else {
            throw RosterError(.directoryFailure, "no configured directory ldap:\(source)")
        }
        let options = LDAPConnectionOptions(url: settings.url, startTLS: settings.startTLS, caFile: settings.caFile,
                                            tlsVerify: settings.tlsVerify, networkTimeout: settings.networkTimeoutSeconds,
                                            operationTimeout: settings.timeoutSeconds)
        do {
            _ = try await LDAPConnection(options, bindDN: dn, password: password)
            return true
        } catch {
            if Self.refusals.contains(error.code) { return false }
            throw RosterError(.directoryFailure, "cannot check the password with ldap:\(source): \(error.code)")
        }
    }
}
