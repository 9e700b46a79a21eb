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
        let stdout: FileHandle
        let stderr: FileHandle

        init(process: Process, output: TemporaryDirectory, stdout: FileHandle, stderr: FileHandle) {
            self.process = process
            self.output = output
            self.stdout = stdout
            self.stderr = stderr
        }

        /// What the process has printed on stdout so far.
        public func stdoutSoFar() -> String {
            (try? String(contentsOfFile: output.file("stdout"), encoding: .utf8)) ?? ""
        }

        public var isRunning: Bool { process.isRunning }

        /// Sends SIGTERM.
        public func terminate() { process.terminate() }

        /// Waits for the process to end and returns what it printed.
        public func wait() throws -> Result {
            process.waitUntilExit()
            try stdout.close()
            try stderr.close()
            return Result(
                status: process.terminationStatus,
                stdout: try String(contentsOfFile: output.file("stdout"), encoding: .utf8),
                stderr: try String(contentsOfFile: output.file("stderr"), encoding: .utf8))
        }
    }

    /// Starts `roster ARGUMENTS…` without waiting.
    public func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Running {
        let outputDirectory = try TemporaryDirectory(prefix: "roster-cli")
        let stdoutURL = outputDirectory.url.appendingPathComponent("stdout")
        let stderrURL = outputDirectory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = environment.merging(extra) { $1 }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, output: outputDirectory, stdout: stdout, stderr: stderr)
    }
}

/// The runner could not find or start the executable.
public struct CLIRunnerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
