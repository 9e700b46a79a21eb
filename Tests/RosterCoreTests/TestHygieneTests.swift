import Foundation
import RosterTesting
import Testing

/// Keeps the tests honest about time, by reading their sources (`Tests/` and `Sources/RosterTesting/`):
/// - no sleep stands in for waiting on an event (a test waits for a line on a pipe, a connection on a socket it holds,
///   a condition variable, each with a deadline);
/// - no port is found free by binding and releasing it (a server binds port 0 and reports its port, or the test holds
///   the socket itself);
/// - every suite with async tests, or whose tests start processes or servers, has a `.timeLimit` trait.
///
/// A justified exception carries the marker `hygiene-allow:` and its reason on the offending line (for a suite, on
/// its `@Suite` line).
@Suite(.timeLimit(.minutes(1)))
struct TestHygieneTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let allowMarker = "hygiene-allow:"

    struct SourceFile {
        var path: String  // relative to the repository
        var lines: [String]
    }

    /// The Swift files under `Tests/` and `Sources/RosterTesting/`, this file excepted (it names what it looks for).
    static func sources() throws -> [SourceFile] {
        let own = URL(fileURLWithPath: #filePath).standardizedFileURL.path
        var files: [SourceFile] = []
        for folder in ["Tests", "Sources/RosterTesting"] {
            let root = repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".swift") {
                let url = root.appendingPathComponent(relative).standardizedFileURL
                guard url.path != own else { continue }
                let text = try String(contentsOf: url, encoding: .utf8)
                files.append(SourceFile(path: folder + "/" + relative,
                                        lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Lines matching `pattern` without the allow marker, as "path:line: text".
    static func offending(_ pattern: String, in files: [SourceFile]) throws -> [String] {
        // Simple word boundaries: with Unicode's (the default), "Thread.sleep" would be one word.
        let regex = try Regex(pattern).wordBoundaryKind(.simple)
        return files.flatMap { file in
            file.lines.enumerated().compactMap { index, line in
                guard line.contains(regex), !line.contains(allowMarker) else { return nil }
                return "\(file.path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))"
            }
        }
    }

    @Test func theSourcesAreFound() throws {
        let files = try Self.sources()
        #expect(files.contains { $0.path.hasSuffix("RosterTesting/ServerProcess.swift") })
        #expect(files.contains { $0.path.hasSuffix("RosterCLITests/SyncCommandTests.swift") })
        #expect(!files.contains { $0.path.hasSuffix("TestHygieneTests.swift") })
    }

    @Test func noSleepStandsInForAnEvent() throws {
        // Thread.sleep(…), Task.sleep(…), clock.sleep(…), usleep, nanosleep, sleep(…), Python's time.sleep(…), and a
        // shell `sleep N` in an embedded script.
        let sleeps = try Self.offending(#"\b(u|nano)?sleep\s*\(|\bsleep\s+[0-9.]+"#, in: Self.sources())
        #expect(sleeps.isEmpty, """
            wait for the event itself (a line on a pipe, an accepted connection, a condition) with a deadline:
            \(sleeps.joined(separator: "\n"))
            """)
    }

    @Test func noPortIsFoundFreeByBindingAndReleasingIt() throws {
        // freePort()/isFree(port) helpers, and ports drawn at random from a numeric range.
        let races = try Self.offending(#"\bfreePort\w*\b|\bisFree\s*\(|\bInt\.random\(in:\s*[0-9_]{4,}\s*\.\.[.<]"#,
                                       in: Self.sources())
        #expect(races.isEmpty, """
            let the server bind port 0 and report it, or hold the socket in the test (LoopbackListener):
            \(races.joined(separator: "\n"))
            """)
    }

    /// A top-level type (or extension) of a test file: its name, the attributes and comments above it, its body.
    struct Declaration {
        var path: String
        var line: Int
        var name: String
        var isExtension: Bool
        var header: String
        var body: String
    }

    static func declarations(in file: SourceFile) throws -> [Declaration] {
        let start = try Regex(#"^(?:@\w+(?:\([^\n]*?\))?\s+)*(?:(?:public|private|fileprivate|internal|final)\s+)*(struct|class|enum|actor|extension)\s+(\w+)"#)
        var found: [(line: Int, kind: String, name: String)] = []
        for (index, line) in file.lines.enumerated() {
            guard let match = line.prefixMatch(of: start),
                  let kind = match.output[1].substring, let name = match.output[2].substring else { continue }
            found.append((index, String(kind), String(name)))
        }
        return found.enumerated().map { position, entry in
            // The header: the declaration line and the attribute and comment lines right above it.
            var first = entry.line
            while first > 0 {
                let above = file.lines[first - 1].trimmingCharacters(in: .whitespaces)
                guard !above.isEmpty, !above.hasPrefix("}"), !above.hasPrefix("import ") else { break }
                first -= 1
            }
            let end = position + 1 < found.count ? found[position + 1].line : file.lines.count
            return Declaration(path: file.path, line: entry.line + 1, name: entry.name, isExtension: entry.kind == "extension",
                               header: file.lines[first...entry.line].joined(separator: "\n"),
                               body: file.lines[entry.line..<end].joined(separator: "\n"))
        }
    }

    /// Whether a declaration's body holds an async `@Test` or tests that start processes or servers.
    static func needsTimeLimit(_ body: String) -> Bool {
        guard body.contains("@Test") else { return false }
        var rest = Substring(body)
        while let test = rest.range(of: "@Test") {
            rest = rest[test.upperBound...]
            guard let function = rest.range(of: "func ") else { break }
            let signature = rest[function.upperBound...].prefix { $0 != "{" }
            let words = signature.split { !($0.isLetter || $0.isNumber || $0 == "_") }
            if words.contains("async") { return true }
        }
        let starters = ["ServerProcess(", "SlapdHarness(", "SMTPSink(", "CLIEnvironment(", "CLIRunner(", "Process()",
                        ".runner.", "LoopbackListener("]
        return starters.contains { body.contains($0) }
    }

    @Test func everySuiteWithAsyncTestsOrProcessesHasATimeLimit() throws {
        let files = try Self.sources().filter { $0.path.hasPrefix("Tests/") }
        let declarations = try files.flatMap { try Self.declarations(in: $0) }
        let types = Dictionary(declarations.filter { !$0.isExtension }.map { ($0.name, $0) }) { first, _ in first }
        var missing: [String] = []
        for declaration in declarations where Self.needsTimeLimit(declaration.body) {
            let owner = declaration.isExtension ? types[declaration.name] : declaration
            guard let owner else { continue }  // an extension of a type outside the tests
            if owner.header.contains("timeLimit") || owner.header.contains(Self.allowMarker) { continue }
            missing.append("\(owner.path):\(owner.line): \(owner.name)"
                + (declaration.isExtension ? " (tests in \(declaration.path):\(declaration.line))" : ""))
        }
        #expect(missing.isEmpty, """
            give these suites @Suite(.timeLimit(.minutes(N))):
            \(Set(missing).sorted().joined(separator: "\n"))
            """)
    }

    /// The checks themselves find what they look for.
    @Test func theChecksRecogniseWhatTheyForbid() throws {
        let sample = SourceFile(path: "Tests/Sample.swift", lines: [
            "        Thread" + ".sleep(forTimeInterval: 0.5)",
            "        try await Task" + ".sleep(for: .seconds(1))",
            "        \"import time\\ntime" + ".sleep(20)\"",
            "        let port = ServerProcess.free" + "Port()",
            "        let port = Int.random" + "(in: 46000...49000)",
            "        Thread" + ".sleep(forTimeInterval: 0.5)  // " + Self.allowMarker + " a reason",
            "        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255) }",
        ])
        #expect(try Self.offending(#"\b(u|nano)?sleep\s*\(|\bsleep\s+[0-9.]+"#, in: [sample]).count == 3)
        #expect(try Self.offending(#"\bfreePort\w*\b|\bisFree\s*\(|\bInt\.random\(in:\s*[0-9_]{4,}\s*\.\.[.<]"#, in: [sample]).count == 2)
        let suite = SourceFile(path: "Tests/Sample.swift", lines: [
            "import Testing", "", "@Suite struct A {", "    @Test func a() async throws {}", "}", "",
            "/// Doc.", "@Suite(.serialized, .timeLimit(.minutes(1)))", "struct B {", "    @Test func b() async {}", "}",
            "struct C {", "    @Test func c() throws { _ = try CLIEnvironment() }", "}",
            "struct D {", "    @Test func d() throws {}", "}",
        ])
        let found = try Self.declarations(in: suite)
        #expect(found.map(\.name) == ["A", "B", "C", "D"])
        #expect(found.map { Self.needsTimeLimit($0.body) } == [true, true, true, false])
        #expect(found.map { $0.header.contains("timeLimit") } == [false, true, false, false])
    }
}

/// The helpers tests synchronise on instead of sleeping.
@Suite(.timeLimit(.minutes(1)))
struct SynchronisationHelperTests {
    private func shell(_ script: String, _ watcher: OutputWatcher) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = watcher.writeHandle
        process.standardInput = FileHandle.nullDevice
        defer { watcher.childStarted() }
        try process.run()
        return process
    }

    @Test func aLineIsSeenOnceComplete() throws {
        let watcher = try OutputWatcher()
        let process = try shell("printf 'listening on 12'; printf '34\\nreceived 1\\nreceived 2\\n'", watcher)
        #expect(watcher.waitForLine(prefix: "listening on ", timeout: 30) == "1234")
        #expect(watcher.waitForLines(prefix: "received ", count: 2, timeout: 30))
        process.waitUntilExit()
        #expect(watcher.waitForEnd(timeout: 30))
    }

    @Test func theEndOfTheOutputEndsAWaitAtOnce() throws {
        let watcher = try OutputWatcher()
        let process = try shell("echo starting; exit 3", watcher)
        let started = Date()
        // The child exits without the line: the wait ends with the output, long before its deadline.
        #expect(watcher.waitForLine(prefix: "listening on ", timeout: 60) == nil)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(watcher.output == "starting\n")
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
    }

    private func connect(to port: Int) -> (fd: Int32, result: Int32, error: Int32) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return (fd, result, result == 0 ? 0 : errno)
    }

    @Test func aListenerTellsWhenSomeoneConnected() throws {
        let listener = try LoopbackListener()
        #expect(listener.port > 0)
        #expect(!listener.accept(timeout: 0.1))  // nobody yet
        let client = connect(to: listener.port)
        defer { close(client.fd) }
        #expect(client.result == 0)
        #expect(listener.accept(timeout: 30))
        listener.hangUp()
        var byte: UInt8 = 0
        #expect(recv(client.fd, &byte, 1, 0) == 0)  // the server hung up
    }

    @Test func aBoundPortThatDoesNotListenRefuses() throws {
        let closed = try LoopbackListener(listening: false)
        let client = connect(to: closed.port)
        defer { close(client.fd) }
        #expect(client.result == -1)
        #expect(client.error == ECONNREFUSED)
    }
}
