import Hummingbird
import RosterSCIM

/// The per-request context: Hummingbird's core storage plus the SCIM client the bearer token identified.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var client: SCIMClient?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = nil
    }

    /// Bodies are collected with the configured limit by the handlers themselves.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }
}
