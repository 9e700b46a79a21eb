import Foundation
import RosterCore
import RosterSCIM
import RosterSecurity
import RosterStore

/// `roster scim-clients`: SCIM clients and their bearer tokens (kept only as SHA-256 hashes).
public struct SCIMClientRegistry: Sendable {
    public let store: SQLiteAccountStore
    public let secrets: SodiumSecretGenerator
    public let clock: any WallClock

    public init(store: SQLiteAccountStore, secrets: SodiumSecretGenerator = SodiumSecretGenerator(), clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.secrets = secrets
        self.clock = clock
    }

    /// Client names become the source `scim:NAME`: 1–64 letters, digits, `.`, `_` or `-`.
    public static func validate(name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
        guard (1...64).contains(name.count), allowed else {
            throw RosterError(.invalidArgument, "a SCIM client name is 1-64 letters, digits, '.', '_' or '-'")
        }
    }

    /// Creates a client; returns it with its token (shown once, never stored). `context`/`actorName`: who is audited
    /// (the operator on the CLI, a superuser in the admin console).
    public func add(name: String, by context: ActingContext = .cliOperator, actorName: String? = nil) async throws
        -> (client: SCIMClient, token: String) {
        try Self.validate(name: name)
        let token = secrets.token()
        let client = SCIMClient(id: UUID(), name: name, createdAt: clock.now().millisecondPrecision)
        let hash = tokenHash(token)
        try await store.scimWrite { tx in
            try tx.insertSCIMClient(client, tokenHash: hash)
            try tx.append(AuditEvent(at: client.createdAt, actor: context.actor.description, actorName: actorName, via: context.via,
                                     action: AuditAction(rawValue: "scimClient.added"), targetType: "scimClient",
                                     targetID: client.id.lowercasedText, targetName: name, before: nil, after: nil))
        }
        return (client, token)
    }

    public func list() async throws -> [SCIMClient] {
        try await store.scimRead { try $0.scimClients() }
    }

    public func revoke(name: String, by context: ActingContext = .cliOperator, actorName: String? = nil) async throws {
        let now = clock.now().millisecondPrecision
        let revoked = try await store.scimWrite { tx in
            let done = try tx.revokeSCIMClient(name: name, at: now)
            if done {
                try tx.append(AuditEvent(at: now, actor: context.actor.description, actorName: actorName, via: context.via,
                                         action: AuditAction(rawValue: "scimClient.revoked"), targetType: "scimClient",
                                         targetID: nil, targetName: name, before: nil, after: nil))
            }
            return done
        }
        guard revoked else { throw RosterError(.resourceNotFound, "no active SCIM client named '\(name)'") }
    }

    /// SHA-256 of a token, as stored.
    public func tokenHash(_ token: String) -> Data { Data(secrets.tokenHash(token)) }
}
