import ArgumentParser
import Foundation
import RosterConfig
import RosterCore

/// The documented exit codes.
enum ExitStatus {
    static let ok: Int32 = 0
    /// A runtime failure (store, directory, network).
    static let failure: Int32 = 1
    /// A usage or configuration error, or bad input.
    static let usage: Int32 = 2
    /// A sync held by a threshold or an incomplete read (issue: LDAP sync).
    static let held: Int32 = 3
    /// Another sync holds the lock.
    static let locked: Int32 = 4
    /// Refused by a rule (superuser grant by a non-superuser, deleting oneself, the last superuser …).
    static let refused: Int32 = 5

    /// Prints `error` on stderr (or help on stdout) and returns the exit code for it.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let error as RosterError:
            StandardError.write("roster: \(error.message) [\(error.code)]")
            for detail in error.details { StandardError.write("  \(detail)") }
            return code(for: error.code.category)
        case let error as ConfigurationError:
            for issue in error.issues { StandardError.write(issue.description) }
            return usage
        case let error as CommandFailure:
            if !error.message.isEmpty { StandardError.write("roster: \(error.message)") }
            return error.status
        default:
            let parserCode = RosterCommand.exitCode(for: error)
            let message = RosterCommand.fullMessage(for: error)
            if parserCode == .success {
                if !message.isEmpty { print(message) }
                return ok
            }
            if !message.isEmpty { StandardError.write(message) }
            if parserCode == .validationFailure { return usage }
            if let error = error as? ExitCode { return error.rawValue }
            return failure
        }
    }

    static func code(for category: RosterError.Category) -> Int32 {
        switch category {
        case .invalidInput, .notFound, .conflict: usage
        case .refused: refused
        case .failure: failure
        }
    }
}

/// A command's own failure with an explicit exit code.
struct CommandFailure: Error {
    var status: Int32
    var message: String
}

/// Writes lines to standard error.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((Terminal.escaped(line, keepingLayout: true) + "\n").utf8))
    }

    static func writeRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
