import Foundation
import Synchronization

/// The base of every URL the server hands out (`Location`, `meta.location`, `$ref`, discovery `location`s).
///
/// It is the configured `scim.publicBaseURL`, or else the address the server listens on (the real port once bound;
/// the machine's host name when listening on every interface). It never comes from a request: a `Host` header is
/// chosen by the client, and reflecting it lets anyone who can send a request plant their own host in answers that
/// identity providers store and follow.
final class PublicBaseURL: Sendable {
    private let configured: String?
    private let scheme: String
    private let host: String
    private let listening: Mutex<String>

    init(settings: ServerSettings) {
        scheme = settings.usesTLS ? "https" : "http"
        host = Self.hostForURL(settings.host)
        configured = settings.publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        listening = Mutex("\(scheme)://\(host):\(settings.port)")
    }

    /// Records the port the server actually bound (port 0 picks one).
    func serverRunning(port: Int) {
        let value = "\(scheme)://\(host):\(port)"
        listening.withLock { $0 = value }
    }

    /// The SCIM endpoint's base, `…/scim/v2`.
    var scim: String { (configured ?? listening.withLock { $0 }) + "/scim/v2" }

    private static func hostForURL(_ host: String) -> String {
        if host == "0.0.0.0" || host == "::" || host == "[::]" || host.isEmpty { return ProcessInfo.processInfo.hostName }
        return host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
