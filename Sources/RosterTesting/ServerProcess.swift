import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `roster serve` process on a free loopback port, and a small JSON HTTP client for it.
public final class ServerProcess: @unchecked Sendable {
    public let running: CLIRunner.Running
    public let baseURL: String

    /// A free loopback port (bound and released; good enough for tests).
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `roster serve --port PORT` (0: any) and waits (up to 30 s) for its "listening on" line.
    public init(runner: CLIRunner, port: Int = 0, environment: [String: String] = [:]) throws {
        running = try runner.start(["serve", "--port", String(port)], environment: environment)
        let deadline = Date().addingTimeInterval(30)
        var url: String?
        while url == nil, Date() < deadline {
            if let line = running.stdoutSoFar().split(separator: "\n").first(where: { $0.hasPrefix("roster serve: listening on ") }) {
                url = String(line.dropFirst("roster serve: listening on ".count))
            } else if !running.isRunning {
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let url else {
            running.terminate()
            let result = try running.wait()
            throw CLIRunnerError(message: "roster serve did not start: \(result.stderr)")
        }
        baseURL = url
    }

    /// Stops the server with SIGTERM and returns how it exited.
    @discardableResult public func stop() throws -> CLIRunner.Result {
        running.terminate()
        return try running.wait()
    }

    deinit { if running.isRunning { running.terminate() } }

    /// A response: status, decoded JSON body (if any) and headers.
    public struct Reply: Sendable {
        public var status: Int
        public var json: [String: Any] { (body.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]) ?? [:] }
        public var body: Data?
        public var headers: [String: String]
        /// `error.code` of an error body.
        public var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    /// One request (`body` is encoded as JSON), blocking until the answer.
    public func request(_ method: String, _ path: String, body: [String: Any]? = nil, token: String? = nil) throws -> Reply {
        guard let url = URL(string: path.hasPrefix("http") ? path : baseURL + path) else {
            throw CLIRunnerError(message: "bad URL \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let box = ReplyBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
                box.reply = Reply(status: http.statusCode, body: data, headers: headers)
            } else {
                box.error = error
            }
            done.signal()
        }.resume()
        done.wait()
        if let reply = box.reply { return reply }
        throw CLIRunnerError(message: "request \(method) \(path) failed: \(box.error.map { "\($0)" } ?? "no response")")
    }

    private final class ReplyBox: @unchecked Sendable {
        var reply: Reply?
        var error: (any Error)?
    }
}
