import Foundation
import Logging

/// Roster's swift-log handler: one line per event on stderr, as text (StreamLogHandler's format:
/// `2026-12-01T17:40:13+0000 info roster: key=value [Module] message`) or as a JSON object (time, level, label,
/// message, metadata). The handler's metadata is merged with the event's only when a line is written:
/// StreamLogHandler formats it on every change, and the HTTP server sets a request id on each request's logger,
/// which made that formatting a few percent of every SCIM request's CPU.
public struct LineLogHandler: LogHandler {
    public enum Format: Sendable {
        case text
        case json
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public let label: String
    public let format: Format

    public init(label: String, format: Format) {
        self.label = label
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra, uniquingKeysWith: { $1 }) }
        if let error = event.error { merged["error"] = "\(error)" }
        switch format {
        case .text:
            let pretty = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
            let line = "\(Self.timestamp()) \(event.level)\(label.isEmpty ? "" : " ")\(label):\(pretty) [\(event.source)] \(event.message)\n"
            FileHandle.standardError.write(Data(line.utf8))
        case .json:
            var object: [String: String] = [
                "time": Date().formatted(.iso8601), "level": event.level.rawValue, "label": label,
                "message": event.message.description,
            ]
            for (key, value) in merged { object[key] = value.description }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(object) else { return }
            FileHandle.standardError.write(data + Data("\n".utf8))
        }
    }

    private static func timestamp() -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
