import Foundation
import Synchronization

/// A message for the page after a redirect (POST-redirect-GET), kept in memory under a random id that travels in a
/// short-lived cookie: the message text (and a one-time secret such as a temporary password) never leaves the server
/// except in the page that shows it once.
struct ConsoleFlash: Sendable, Hashable {
    enum Kind: String, Sendable { case ok, error }
    var kind: Kind
    var message: String
    /// Extra lines (e.g. the resources an account still owns).
    var details: [String] = []
    /// Shown once in `#one-time-secret` (a temporary password, a SCIM token, an invitation link).
    var secret: String?
    var secretLabel: String?

    static func ok(_ message: String) -> ConsoleFlash { ConsoleFlash(kind: .ok, message: message) }
    static func error(_ message: String, details: [String] = []) -> ConsoleFlash {
        ConsoleFlash(kind: .error, message: message, details: details)
    }
}

/// Flashes waiting to be shown, each readable once and for at most a minute, bound to the session that made them.
final class ConsoleFlashes: Sendable {
    private struct Entry {
        var flash: ConsoleFlash
        var owner: String
        var expires: Date
    }
    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: TimeInterval = 60

    /// Stores `flash` for `owner` (a session token hash or the login cookie) and returns its id.
    func put(_ flash: ConsoleFlash, owner: String, id: String) {
        let now = Date()
        entries.withLock { entries in
            entries = entries.filter { $0.value.expires > now }
            if entries.count > 10_000 { entries.removeAll() }
            entries[id] = Entry(flash: flash, owner: owner, expires: now.addingTimeInterval(lifetime))
        }
    }

    /// Takes (and forgets) the flash `id` if it belongs to `owner`.
    func take(_ id: String, owner: String) -> ConsoleFlash? {
        entries.withLock { entries in
            guard let entry = entries[id], entry.owner == owner else { return nil }
            entries[id] = nil
            return entry.expires > Date() ? entry.flash : nil
        }
    }
}
