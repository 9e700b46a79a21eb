import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import RosterCore
import RosterSCIM
import RosterStore

/// Builds the HTTP application of `roster serve`: SCIM under `/scim/v2`, `GET /healthz` and `GET /metrics`.
/// The executable and the tests call this same function.
public enum RosterServer {
    public static func buildApplication(
        store: SQLiteAccountStore, service: SCIMService, access: AccessService, settings: ServerSettings,
        tokenHash: @escaping @Sendable (String) -> Data, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> Application<RouterResponder<ServerContext>> {
        var settings = settings
        // A Bulk takes a token per operation, so a Bulk larger than the bucket could never run: advertise and
        // enforce at most `burst` operations.
        settings.scim.bulkMaxOperations = min(settings.scim.bulkMaxOperations, settings.burst)
        let baseURL = PublicBaseURL(settings: settings)
        let metrics = ServerMetrics()
        let router = Router(context: ServerContext.self)
        router.middlewares.add(MetricsMiddleware(metrics: metrics))
        router.middlewares.add(InternalErrorMiddleware())
        router.middlewares.add(SCIMErrorMiddleware())

        router.get("healthz") { _, _ -> Response in
            do {
                // A cheap query that needs the store open and readable (not a count over every account).
                _ = try await store.scimRead { try $0.activeSuperuserCount() }
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain"],
                                body: .init(byteBuffer: ByteBuffer(string: "store unreachable\n")))
            }
        }
        router.get("metrics") { _, _ -> Response in
            let figures = try? await store.scimRead { try $0.storeFigures() }
            var extra: [String] = []
            if let figures {
                extra += [
                    "# TYPE roster_accounts gauge", "roster_accounts \(figures.accounts)",
                    "# TYPE roster_accounts_active gauge", "roster_accounts_active \(figures.activeAccounts)",
                    "# TYPE roster_groups gauge", "roster_groups \(figures.groups)",
                    "# HELP roster_sync_last_finished_seconds When the last sync run of each source finished.",
                    "# TYPE roster_sync_last_finished_seconds gauge",
                ]
                for run in figures.lastSyncRuns {
                    let at = Int(run.finishedAt?.timeIntervalSince1970 ?? 0)
                    extra.append("roster_sync_last_finished_seconds{source=\"\(ServerMetrics.escape(run.source))\",status=\"\(ServerMetrics.escape(run.status))\"} \(at)")
                }
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(string: metrics.render(extra: extra))))
        }

        let gate = ClientGate(lookup: { try store.scimClient(tokenHash: $0) }, hash: tokenHash, cacheSeconds: settings.tokenCacheSeconds,
                              requestsPerMinute: settings.requestsPerMinute, burst: settings.burst)
        AccessController(access: access, maxBodyBytes: 65_536).register(on: router)
        AdminController(access: access, maxBodyBytes: 65_536).register(on: router)
        // The admin console (server-rendered pages under /admin, same services as the admin API).
        ConsoleController(access: access, store: store, settings: settings).register(on: router)
        router.get("api/openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }

        if settings.scimEnabled {
            let scim = router.group("scim/v2").add(middleware: SCIMAuthMiddleware(gate: gate))
            SCIMController(service: service, settings: settings, gate: gate, baseURL: baseURL).register(on: scim)
        }

        let configuration = ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "Roster")
        // A connection with no request in flight is closed after the idle timeout (a silent or stalled client
        // cannot hold a connection open for ever).
        let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)))
        let port = settings.port
        let running: @Sendable (any Channel) async -> Void = { channel in
            let bound = channel.localAddress?.port ?? port
            baseURL.serverRunning(port: bound)
            await onServerRunning(bound)
        }
        if let certificate = settings.tlsCertificatePath, let key = settings.tlsKeyPath {
            let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(privateKey))
            // TLS 1.0 and 1.1 are deprecated (RFC 8996); BoringSSL's server default still accepts them.
            tls.minimumTLSVersion = .tlsv12
            return Application(
                router: router, server: try .tls(.http1(configuration: http1), tlsConfiguration: tls), configuration: configuration,
                onServerRunning: running, logger: logger
            )
        }
        return Application(
            router: router, server: .http1(configuration: http1), configuration: configuration, onServerRunning: running,
            logger: logger
        )
    }
}
