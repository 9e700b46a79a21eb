import ArgumentParser
import Foundation

/// Entry point: parses, runs, and turns every error into a documented exit code with a one-line reason on stderr.
@main
enum RosterMain {
    static func main() async {
        do {
            var command = try RosterCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(ExitStatus.report(error))
        }
    }
}
