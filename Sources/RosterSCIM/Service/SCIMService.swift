import Foundation
import RosterCore

/// SCIM 2.0 users and groups over the user store: the one code path of `/Users`, `/Groups` and `/Bulk`.
///
/// Each write is one store transaction holding the change, its role recomputation and its audit entries, so a
/// failing request leaves the store as it was. A client only sees and changes what its source (`scim:NAME`) owns.
public struct SCIMService: Sendable {
    public let store: any SCIMStore
    public let hasher: any PasswordHasher
    public let clock: any WallClock
    public let ids: any IDGenerator
    public let settings: SCIMServiceSettings

    public init(
        store: any SCIMStore, hasher: any PasswordHasher, clock: any WallClock = SystemWallClock(),
        ids: any IDGenerator = TimeOrderedIDGenerator(), settings: SCIMServiceSettings = SCIMServiceSettings()
    ) {
        self.store = store
        self.hasher = hasher
        self.clock = clock
        self.ids = ids
        self.settings = settings
    }

    public var renderer: SCIMRenderer { SCIMRenderer(baseURL: settings.baseURL) }

    /// The answer to a request that returns one resource.
    public struct Result: Sendable {
        public var resource: [String: JSONValue]
        public var version: Int
        public var id: String
        /// The resource's JSON text when it was written directly (``resource`` is then empty).
        public var json: [UInt8]?
        public var etag: String { SCIMRenderer.etag(version: version) }
    }

    func now() -> Date { clock.now().millisecondPrecision }

    /// The audit context of a client's changes.
    func context(_ client: SCIMClient) -> ActingContext { ActingContext(actor: .system, via: client.source.rawValue) }

    /// The write path for account state of a client's changes, up to the highest role the client may give.
    func writes(_ tx: any SCIMTransaction, client: SCIMClient, now: Date) -> AccountWrites {
        AccountWrites(tx: tx, context: context(client), actor: .system, now: now,
                      roleCeiling: settings.resolver(for: client).maxRole)
    }

    /// Runs a write, turning store and domain errors into SCIM errors.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SCIMTransaction) throws -> T) async throws(SCIMError) -> T {
        do {
            return try await store.scimWrite(body)
        } catch {
            throw Self.scimError(error)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SCIMReader) throws -> T) async throws(SCIMError) -> T {
        do {
            return try await store.scimRead(body)
        } catch {
            throw Self.scimError(error)
        }
    }

    /// The SCIM form of any error: SCIM errors pass through, domain errors map by category.
    public static func scimError(_ error: any Error) -> SCIMError {
        if let scim = error as? SCIMError { return scim }
        guard let roster = error as? RosterError else { return .internalError("internal error") }
        switch roster.code {
        case .userNameTaken: return .uniqueness("the userName is already taken")
        case .emailTaken: return .uniqueness("an email address belongs to another account")
        case .anchorTaken: return .uniqueness("the resource already exists")
        case .versionMismatch: return .preconditionFailed(roster.message)
        default: break
        }
        switch roster.code.category {
        case .invalidInput: return .invalidValue(roster.message)
        case .notFound: return .notFound(roster.message)
        case .conflict: return .conflict(roster.message)
        case .refused: return .forbidden(roster.message)
        case .failure: return .internalError(roster.message)
        }
    }

    /// `If-Match`: `*` or the resource's weak ETag (a strong form of the same version is accepted too).
    static func checkPrecondition(_ ifMatch: String?, version: Int) throws {
        guard let ifMatch else { return }
        let tags = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if tags.contains("*") { return }
        let current = SCIMRenderer.etag(version: version)
        guard tags.contains(where: { $0 == current || "W/" + $0 == current }) else {
            throw SCIMError.preconditionFailed("the resource has changed (version \(current))")
        }
    }

    /// Parses a resource id from a path segment (ids are UUIDs; anything else cannot exist).
    static func idKey(_ id: String) -> String { id.lowercased() }
}
