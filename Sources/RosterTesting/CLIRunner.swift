import Foundation

/// Runs the built `roster` executable as a separate process, as an operator would.
public struct CLIRunner: Sendable {
    /// What a run printed and how it exited.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public let executable: URL
    public let workingDirectory: URL
    public let environment: [String: String]

    /// Finds `roster` next to the test bundle (both live in the build folder), or at `$ROSTER_BINARY`.
    public init(workingDirectory: URL, environment: [String: String] = [:]) throws {
        self.workingDirectory = workingDirectory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ROSTER_CONFIG")
        self.environment = env.merging(environment) { $1 }
        executable = try Self.locateExecutable()
    }

    public static func locateExecutable() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["ROSTER_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("roster"))
            directory = directory.deletingLastPathComponent()
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw CLIRunnerError(message: "the roster executable was not found next to the tests; run `swift build` first "
            + "or set ROSTER_BINARY (looked in \(candidates.map(\.path)))")
    }

    /// Runs `roster ARGUMENTS…` to completion. Output goes through files, so large outputs cannot deadlock.
    public func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        try start(arguments, environment: extra).wait()
    }

    /// A `roster` process started in the background.
    public final class Running: @unchecked Sendable {
        // @unchecked: the process and handles are only touched by the thread that calls `wait()`.
        let process: Process
        let output: TemporaryDirectory
        /// Where stdout goes: a file, or a pipe read as it arrives (`start(…, watchingStdout: true)`).
        let stdout: FileHandle?
        let watcher: OutputWatcher?
        let stderr: FileHandle

        init(process: Process, output: TemporaryDirectory, stdout: FileHandle?, watcher: OutputWatcher?, stderr: FileHandle) {
            self.process = process
            self.output = output
            self.stdout = stdout
            self.watcher = watcher
            self.stderr = stderr
        }

        /// What the process has printed on stdout so far.
        public func stdoutSoFar() -> String {
            if let watcher { return watcher.output }
            return (try? String(contentsOfFile: output.file("stdout"), encoding: .utf8)) ?? ""
        }

        /// Waits (up to `timeout`) for a complete stdout line starting with `prefix` and returns the rest of it; nil
        /// when the process ended or the time passed without one. Only for a process started with `watchingStdout`.
        public func waitForLine(prefix: String, timeout: TimeInterval) -> String? {
            precondition(watcher != nil, "waitForLine needs start(…, watchingStdout: true)")
            return watcher?.waitForLine(prefix: prefix, timeout: timeout)
        }

        public var isRunning: Bool { process.isRunning }

        /// Sends SIGTERM.
        public func terminate() { process.terminate() }

        /// Waits for the process to end and returns what it printed.
        public func wait() throws -> Result {
            process.waitUntilExit()
            try stdout?.close()
            try stderr.close()
            let printed: String
            if let watcher {
                // The process has exited: the end of its output follows as soon as the pipe is drained.
                guard watcher.waitForEnd(timeout: 30) else {
                    throw CLIRunnerError(message: "the output of an exited roster process did not end")
                }
                printed = watcher.output
            } else {
                printed = try String(contentsOfFile: output.file("stdout"), encoding: .utf8)
            }
            return Result(
                status: process.terminationStatus,
                stdout: printed,
                stderr: try String(contentsOfFile: output.file("stderr"), encoding: .utf8))
        }
    }

    /// Starts `roster ARGUMENTS…` without waiting. With `watchingStdout`, stdout is a pipe read as it arrives, so a
    /// caller can wait for a line (`Running.waitForLine`) instead of polling.
    public func start(_ arguments: [String], environment extra: [String: String] = [:],
                      watchingStdout: Bool = false) throws -> Running {
        let outputDirectory = try TemporaryDirectory(prefix: "roster-cli")
        let stdoutURL = outputDirectory.url.appendingPathComponent("stdout")
        let stderrURL = outputDirectory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let watcher = watchingStdout ? try OutputWatcher() : nil
        let stdout = watchingStdout ? nil : try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = environment.merging(extra) { $1 }
        process.standardOutput = watcher?.writeHandle ?? stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        defer { watcher?.childStarted() }
        try process.run()
        return Running(process: process, output: outputDirectory, stdout: stdout, watcher: watcher, stderr: stderr)
    }
}

/// The runner could not find or start the executable.
public struct CLIRunnerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
