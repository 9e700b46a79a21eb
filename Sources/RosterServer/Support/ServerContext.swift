import Hummingbird
import NIOCore
import RosterCore
import RosterSCIM

/// The per-request context: Hummingbird's core storage plus the SCIM client the bearer token identified.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var client: SCIMClient?
    /// The account a session or API token identified (admin API, self-service).
    public var authenticated: AccessService.Authenticated?
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = nil
        authenticated = nil
        channel = source.channel
    }

    /// The peer's IP address (login throttling per address), computed only when asked: most routes never need it.
    public var remoteAddress: String { channel.remoteAddress?.ipAddress ?? "unknown" }

    /// Bodies are collected with the configured limit by the handlers themselves.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }
}
