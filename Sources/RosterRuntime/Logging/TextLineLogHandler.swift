import Foundation
import Logging

/// A swift-log handler writing StreamLogHandler's line format to stderr
/// (`2026-12-01T17:40:13+0000 info roster: key=value [Module] message`), with the handler's metadata formatted
/// only when a line is written. StreamLogHandler formats it on every metadata change, and the HTTP server sets a
/// request id on each request's logger: that formatting was a few percent of every SCIM request's CPU.
public struct TextLineLogHandler: LineLogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public let label: String

    public init(label: String) {
        self.label = label
    }

    public func log(event: LogEvent) {
        let merged = metadata(of: event)
        let pretty = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
        let line = "\(Self.timestamp()) \(event.level)\(label.isEmpty ? "" : " ")\(label):\(pretty) [\(event.source)] \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
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
