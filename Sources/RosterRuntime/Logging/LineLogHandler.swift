import Logging

/// What Roster's two line handlers (text and JSON) share: metadata kept as a plain dictionary, merged with an
/// event's own metadata (and its error) only when a line is written.
public protocol LineLogHandler: LogHandler {
    var metadata: Logger.Metadata { get set }
}

extension LineLogHandler {
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The handler's metadata with the event's on top.
    public func metadata(of event: LogEvent) -> Logger.Metadata {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra, uniquingKeysWith: { $1 }) }
        if let error = event.error { merged["error"] = "\(error)" }
        return merged
    }
}
