import Foundation
import Synchronization

/// Request counts by route and status and latency histograms by route, rendered as Prometheus text.
final class ServerMetrics: Sendable {
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0

        mutating func record(_ seconds: Double) {
            for (index, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound { counts[index] += 1 }
            sum += seconds
            count += 1
        }
    }

    private struct RequestKey: Hashable, Comparable {
        var method: String
        var route: String
        var status: Int

        static func < (a: RequestKey, b: RequestKey) -> Bool {
            (a.method, a.route, a.status) < (b.method, b.route, b.status)
        }
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var latencies: [String: Histogram] = [:]
    }

    private let state = Mutex(State())
    let started = Date()

    func record(method: String, route: String, status: Int, seconds: Double) {
        // Updated in place (no key string built, no histogram copied): this runs on every request.
        state.withLock { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            state.latencies[route, default: Histogram()].record(seconds)
        }
    }

    /// Prometheus text exposition format 0.0.4.
    func render(extra: [String]) -> String {
        let snapshot = state.withLock { $0 }
        var lines = [
            "# HELP roster_http_requests_total HTTP requests by method, route and status.",
            "# TYPE roster_http_requests_total counter",
        ]
        for key in snapshot.requests.keys.sorted() {
            lines.append("roster_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(snapshot.requests[key] ?? 0)")
        }
        lines += [
            "# HELP roster_http_request_duration_seconds Request latency by route.",
            "# TYPE roster_http_request_duration_seconds histogram",
        ]
        for route in snapshot.latencies.keys.sorted() {
            guard let histogram = snapshot.latencies[route] else { continue }
            let label = "route=\"\(Self.escape(route))\""
            for (index, bound) in Self.buckets.enumerated() {
                lines.append("roster_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(histogram.counts[index])")
            }
            lines.append("roster_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)")
            lines.append("roster_http_request_duration_seconds_sum{\(label)} \(histogram.sum)")
            lines.append("roster_http_request_duration_seconds_count{\(label)} \(histogram.count)")
        }
        lines += [
            "# HELP roster_process_start_time_seconds Start time of the server.",
            "# TYPE roster_process_start_time_seconds gauge",
            "roster_process_start_time_seconds \(Int(started.timeIntervalSince1970))",
        ]
        return (lines + extra).joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
