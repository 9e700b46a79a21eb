import Foundation
import Logging
import RosterConfig
import RosterRuntime

/// Bootstraps swift-log once for the process from the config's `logging` section (stderr; text or JSON lines).
enum LoggingSetup {
    /// Guarded by `lock`: `LoggingSystem.bootstrap` may be called once per process.
    nonisolated(unsafe) private static var bootstrapped = false
    private static let lock = NSLock()

    static func logger(for configuration: RosterConfiguration) -> Logger {
        lock.lock()
        defer { lock.unlock() }
        let level = Logger.Level(rawValue: configuration.logging.level.rawValue) ?? .info
        if !bootstrapped {
            bootstrapped = true
            let json = configuration.logging.format == .json
            LoggingSystem.bootstrap { label in
                var handler = LineLogHandler(label: label, format: json ? .json : .text)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "roster")
        logger.logLevel = level
        return logger
    }
}
