import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `roster serve` process on a loopback port it chose itself (port 0), and a small JSON HTTP client for it.
public final class ServerProcess: @unchecked Sendable {
    public let running: CLIRunner.Running
    public let baseURL: String

    /// Starts `roster serve --port PORT` (0, the default: the server binds any free port and reports it) and waits
    /// (up to 30 s) for its "listening on URL" line, read from its stdout pipe as it arrives.
    public init(runner: CLIRunner, port: Int = 0, environment: [String: String] = [:]) throws {
        running = try runner.start(["serve", "--port", String(port)], environment: environment, watchingStdout: true)
        guard let url = running.waitForLine(prefix: "roster serve: listening on ", timeout: 30) else {
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
