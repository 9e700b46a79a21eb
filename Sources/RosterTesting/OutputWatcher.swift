import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The read end of a child process's output pipe, read on its own thread as the output arrives. A test waits for
/// what it expects (a readiness line, the Nth "received" line) on a condition variable that every new piece of output
/// and the end of the output signal, up to a deadline: no polling, no sleeps.
///
/// Give `writeHandle` to the `Process` (as `standardOutput`, and `standardError` too if wanted), then call
/// `childStarted()` once `run()` returned so that the end of the output is seen when the child exits. The pipe is
/// created close-on-exec, so no other process started meanwhile keeps it open.
public final class OutputWatcher: @unchecked Sendable {
    // @unchecked: `data` and `ended` are guarded by `condition`; the file descriptors are owned by one thread each.
    private let condition = NSCondition()
    private var data = Data()
    private var ended = false
    private let readFD: Int32
    private var writeFD: Int32
    /// The end the child writes to.
    public let writeHandle: FileHandle

    public init() throws {
        var fds: [Int32] = [-1, -1]
        guard Self.closeOnExecPipe(&fds) == 0 else {
            throw CLIRunnerError(message: "pipe2 failed: errno \(errno)")
        }
        readFD = fds[0]
        writeFD = fds[1]
        writeHandle = FileHandle(fileDescriptor: fds[1], closeOnDealloc: false)
        let thread = Thread { [self] in readUntilEnd() }
        thread.name = "OutputWatcher"
        thread.start()
    }

    /// `pipe2(fds, O_CLOEXEC)`: both ends close-on-exec from the start (Glibc's module does not export `pipe2`, so it
    /// is looked up in the C library).
    private static func closeOnExecPipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        if let symbol = dlsym(dlopen(nil, RTLD_NOW), "pipe2") {
            return unsafeBitCast(symbol, to: Pipe2.self)(fds, O_CLOEXEC)
        }
        guard pipe(fds) == 0 else { return -1 }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return 0
    }

    /// Closes this process's copy of the write end (after the child was started, or when it could not be): the
    /// output then ends when the child exits.
    public func childStarted() {
        condition.lock()
        let fd = writeFD
        writeFD = -1
        condition.unlock()
        if fd >= 0 { close(fd) }
    }

    private func readUntilEnd() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            condition.lock()
            data.append(contentsOf: buffer[0..<count])
            condition.broadcast()
            condition.unlock()
        }
        close(readFD)
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Everything read so far.
    public var output: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the child's output has ended (it exited and closed the pipe).
    public var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// Waits until `match` finds what it looks for in the output so far (it is asked again after every new piece of
    /// output), the output ends without it, or `timeout` passes; returns what `match` found, or nil.
    public func wait<T>(timeout: TimeInterval, for match: (String) -> T?) -> T? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let found = match(String(decoding: data, as: UTF8.self)) { return found }
            if ended { return nil }
            if !condition.wait(until: deadline) { return match(String(decoding: data, as: UTF8.self)) }
        }
    }

    /// The complete (newline-terminated) lines of `text`.
    public static func completeLines(_ text: String) -> [Substring] {
        guard let last = text.lastIndex(of: "\n") else { return [] }
        return text[..<last].split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Waits for the first complete line starting with `prefix` and returns the rest of it.
    public func waitForLine(prefix: String, timeout: TimeInterval) -> String? {
        wait(timeout: timeout) { text in
            Self.completeLines(text).first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// Waits until at least `count` complete lines start with `prefix`; returns whether they did in time.
    public func waitForLines(prefix: String, count: Int, timeout: TimeInterval) -> Bool {
        wait(timeout: timeout) { text in
            Self.completeLines(text).filter { $0.hasPrefix(prefix) }.count >= count ? true : nil
        } ?? false
    }

    /// Waits for the end of the output; returns whether it ended in time.
    @discardableResult public func waitForEnd(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !ended {
            if !condition.wait(until: deadline) { return ended }
        }
        return true
    }

    deinit {
        if writeFD >= 0 { close(writeFD) }
    }
}
