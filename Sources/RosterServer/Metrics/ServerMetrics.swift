import Foundation
import Synchronization

/// Request counts by route and status and latency histograms by route, rendered as Prometheus text.
final class ServerMetrics: Sendable {
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        var requests: [String: Int] = [:]  // "method route status"
        var latencies: [String: Histogram] = [:]
    }

    private let state = Mutex(State())
    let started = Date()

    func record(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests["\(method) \(route) \(status)", default: 0] += 1
            var histogram = state.latencies[route] ?? Histogram()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.latencies[route] = histogram
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
            let parts = key.split(separator: " ", maxSplits: 2).map(String.init)
            lines.append("roster_http_requests_total{method=\"\(parts[0])\",route=\"\(Self.escape(parts[1]))\",status=\"\(parts[2])\"} \(snapshot.requests[key] ?? 0)")
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
