import Foundation

/// `scripts/smtp-sink.py` (aiosmtpd) on a free loopback port, writing each received message to a folder.
public final class SMTPSink: @unchecked Sendable {
    public let directory: TemporaryDirectory
    public let port: Int
    private let process: Process

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
        let outputPath = directory.file("sink.out")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SlapdHarness.repository.appendingPathComponent("scripts/smtp-sink.py").path,
                             directory.file("mail")] + (reject ? ["--reject"] : [])
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("smtp-sink: listening on 127.0.0.1:") }) {
                found = Int(line.split(separator: ":").last ?? "")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let found else {
            process.terminate()
            throw CLIRunnerError(message: "the SMTP sink did not start: \((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")")
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

    /// Waits up to `timeout` for at least `count` messages.
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 10) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while messages().count < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return messages()
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
