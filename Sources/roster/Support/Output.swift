import Foundation
import RosterCore
import RosterRuntime

/// Human-readable output helpers (JSON output goes through ``JSONOutput``).
enum Output {
    static func json(_ value: some Encodable) throws {
        Swift.print(try JSONOutput.string(value))
    }

    /// A left-aligned text table with a header row.
    static func table(_ header: [String], _ rows: [[String]]) {
        let rows = rows.map { $0.map { Terminal.escaped($0) } }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    static func date(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon))
    }

    /// A multi-line description of one account.
    static func describe(_ account: Account, sessions: Int? = nil, tokens: Int? = nil) {
        var fields: [(String, String)] = [
            ("id", account.id.lowercasedText), ("userName", account.userName),
            ("displayName", account.displayName ?? "-"),
            ("emails", account.emails.isEmpty ? "-" : account.emails.map { $0.primary ? "\($0.value) (primary)" : $0.value }
                .joined(separator: ", ")),
            ("active", account.active ? "yes" : "no"), ("role", account.role.rawValue),
            ("authMethod", account.authMethod.rawValue), ("source", account.source.rawValue),
            ("mustChangePassword", account.mustChangePassword ? "yes" : "no"),
            ("createdAt", date(account.createdAt)), ("updatedAt", date(account.updatedAt)),
        ]
        if let sessions { fields.append(("sessions", String(sessions))) }
        if let tokens { fields.append(("apiTokens", String(tokens))) }
        let width = fields.map(\.0.count).max() ?? 0
        for (key, value) in fields {
            print("\(key.padding(toLength: width, withPad: " ", startingAt: 0))  \(Terminal.escaped(value))")
        }
    }
}
