import Foundation

/// `scripts/smtp-sink.py` (aiosmtpd) on a loopback port it bound itself (port 0, reported on its stdout), writing each
/// received message to a folder and reporting it on its stdout; a test waits for those reports, read from the pipe as
/// they arrive, instead of polling the folder.
public final class SMTPSink: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public let port: Int
    private let process: Process
    private let output: OutputWatcher

    /// Whether the sink can run here (python3 with aiosmtpd); with `CI=true` tests must not skip.
    public static var isAvailable: Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    public static var shouldRun: Bool { ProcessInfo.processInfo.environment["CI"] == "true" || isAvailable }

    /// Starts the sink; `reject` refuses every recipient (to test failed sends).
    public init(reject: Bool = false) throws {
        directory = try TemporaryDirectory(prefix: "roster-smtp-sink")
        let output = try OutputWatcher()
        self.output = output
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SlapdHarness.repository.appendingPathComponent("scripts/smtp-sink.py").path,
                             directory.file("mail")] + (reject ? ["--reject"] : [])
        process.standardOutput = output.writeHandle
        process.standardError = output.writeHandle
        process.standardInput = FileHandle.nullDevice
        let process = process
        defer { output.childStarted() }
        try process.run()
        guard let found = output.waitForLine(prefix: "smtp-sink: listening on 127.0.0.1:", timeout: 15).flatMap({ Int($0) }) else {
            process.terminate()
            throw CLIRunnerError(message: "the SMTP sink did not start: \(output.output)")
        }
        port = found
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The messages received so far, oldest first (raw RFC 5322 text).
    public func messages() -> [String] {
        let folder = directory.file("mail")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    /// Waits up to `timeout` for at least `count` messages (the sink reports each one once it is stored, before the
    /// sender is told it was accepted) and returns the messages received by then.
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 10) -> [String] {
        _ = output.waitForLines(prefix: "smtp-sink: received ", count: count, timeout: timeout)
        return messages()
    }

    /// The envelope recipients of a message (as the sink recorded them).
    public static func recipients(of message: String) -> String? {
        message.split(whereSeparator: \.isNewline).first { $0.hasPrefix("X-Envelope-To: ") }
            .map { String($0.dropFirst("X-Envelope-To: ".count)) }
    }

    /// The first `…?token=…` link in a message.
    public static func link(in message: String) -> String? {
        message.split(whereSeparator: \.isNewline).map(String.init).first { $0.contains("?token=") }?
            .trimmingCharacters(in: .whitespaces)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
