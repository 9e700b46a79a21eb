import Logging
import RosterCore
import ServiceLifecycle

/// A service of `roster serve` that removes self-signed accounts never verified once their links expired
/// (``AccessService/sweepExpiredSignups(limit:)``), every ``interval``, so that they do not squat userNames and
/// addresses. Claiming such an address or userName frees it at once as well; the sweep catches the rest. It also
/// forgets failed-login counts untouched for a day (``AccessService/pruneLoginThrottles()``).
public struct SignupSweep: Service {
    /// Between two sweeps (the first runs at start).
    public static let interval: Duration = .seconds(15 * 60)

    let access: AccessService
    let logger: Logger

    public init(access: AccessService, logger: Logger) {
        self.access = access
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await access.sweepExpiredSignups()
                    if removed > 0 { logger.info("removed expired unverified signups", metadata: ["count": "\(removed)"]) }
                    try await access.pruneLoginThrottles()
                } catch {
                    logger.warning("expired signup sweep failed", metadata: ["error": "\(type(of: error))"])
                }
                do { try await Task.sleep(for: Self.interval) } catch { return }  // cancelled: shutting down
            }
        }
    }
}
