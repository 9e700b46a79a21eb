import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RosterCore
import RosterRuntime
import RosterSCIM
import RosterServer
import RosterStore
import RosterTesting

/// The real application (same builder as `roster serve`) on a temp store, driven in-process through
/// HummingbirdTesting's router client, with one SCIM client and its token.
struct SCIMHarness: @unchecked Sendable {  // immutable after init; the temp store is thread-safe
    let test: TestRoster
    let registry: SCIMClientRegistry
    let token: String
    let settings: ServerSettings

    /// `rules` map group names to roles (default role `member`).
    init(rules: [(String, Role)] = [], configure: (inout ServerSettings) -> Void = { _ in }) async throws {
        test = try TestRoster()
        registry = SCIMClientRegistry(store: test.roster.store)
        token = try await registry.add(name: "idp").token
        var settings = ServerSettings()
        settings.port = 0
        settings.requestsPerMinute = 100_000
        settings.scim.resolver = RoleResolver(
            rules: RoleRules(rules: rules.map { RoleRule(group: $0.0, pattern: GroupPattern(parsing: $0.0, dnKey: { $0 }), role: $0.1) },
                             defaultRole: .member),
            allowSuperuser: false)
        configure(&settings)
        self.settings = settings
    }

    var store: SQLiteAccountStore { test.roster.store }

    /// Runs `body` with a client of the application.
    func run(_ body: @Sendable (Client) async throws -> Void) async throws {
        let service = SCIMServiceFactory.service(roster: test.roster, settings: settings.scim)
        let registry = registry
        let app = try RosterServer.buildApplication(
            store: store, service: service, access: test.roster.access, settings: settings, tokenHash: { registry.tokenHash($0) },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let token = token
        try await app.test(.router) { client in
            try await body(Client(client: client, token: token))
        }
    }

    /// A SCIM client: JSON in and out, bearer token set.
    struct Client: Sendable {
        let client: any TestClientProtocol
        let token: String

        struct Reply: Sendable {
            var status: Int
            var body: JSONValue?
            var headers: HTTPFields
            /// The `id` of the returned resource.
            var id: String { body?[key: "id"]?.stringValue ?? "" }
            var scimType: String? { body?[key: "scimType"]?.stringValue }
        }

        @discardableResult
        func send(
            _ method: HTTPRequest.Method, _ path: String, _ json: JSONValue? = nil, raw: String? = nil,
            headers extra: HTTPFields = [:], token override: String? = nil
        ) async throws -> Reply {
            var headers = extra
            headers[.authorization] = "Bearer \(override ?? token)"
            var body: ByteBuffer?
            if let json {
                body = ByteBuffer(bytes: try JSONEncoder().encode(json))
                headers[.contentType] = headers[.contentType] ?? "application/scim+json"
            } else if let raw {
                body = ByteBuffer(string: raw)
                headers[.contentType] = headers[.contentType] ?? "application/scim+json"
            }
            let uri = path.hasPrefix("/") ? path : "/scim/v2/\(path)"
            return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                var decoded: JSONValue?
                if response.body.readableBytes > 0 {
                    let buffer = response.body
                    decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer))
                }
                return Reply(status: Int(response.status.code), body: decoded, headers: response.headers)
            }
        }

        func get(_ path: String) async throws -> Reply { try await send(.get, path) }
        @discardableResult
        func post(_ path: String, _ json: JSONValue) async throws -> Reply { try await send(.post, path, json) }
        @discardableResult
        func patch(_ path: String, _ operations: [JSONValue]) async throws -> Reply {
            try await send(.patch, path, ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": .array(operations)])
        }
    }

    /// The store's account with this userName.
    func account(_ userName: String) throws -> Account? {
        try store.read { try $0.account(userNameKey: UserNamePolicy.key(for: userName)) }
    }

    /// A fingerprint of everything SCIM can change (accounts, emails, groups, members, audit count).
    func storeFingerprint() throws -> [Int] {
        try store.pool.read { db in
            try ["account", "account_email", "account_group", "group_member_account", "group_member_group", "audit_event"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0
            } + [Int.fetchOne(db, sql: "SELECT coalesce(sum(version), 0) FROM account") ?? 0]
        }
    }

    static func user(_ userName: String, email: String? = nil, externalId: String? = nil, active: JSONValue? = nil) -> JSONValue {
        var body: [String: JSONValue] = [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": .string(userName),
            "name": ["givenName": "Test", "familyName": .string(userName)],
        ]
        if let email { body["emails"] = [["value": .string(email), "type": "work", "primary": true]] }
        if let externalId { body["externalId"] = .string(externalId) }
        if let active { body["active"] = active }
        return .object(body)
    }
}
