import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket on 127.0.0.1 that the test itself holds for as long as the value lives: bound to port 0 (the kernel
/// picks a free port, nothing is released and re-bound), so no other process can take the port meanwhile.
///
/// Listening (the default), it is a server that accepts connections and never answers, and `accept(timeout:)` tells
/// the test that the other side has connected. Not listening, connections to its port are refused at once: a
/// directory that is certainly unreachable.
public final class LoopbackListener: @unchecked Sendable {
    // @unchecked: the descriptors are only used by the test that owns the value.
    public let port: Int
    private let fd: Int32
    private var accepted: [Int32] = []
    private let lock = NSLock()

    public init(listening: Bool = true) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw CLIRunnerError(message: "socket failed: errno \(errno)") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, !listening || listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw CLIRunnerError(message: "could not bind a loopback socket: errno \(code)")
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to `timeout` for a connection and accepts it (it stays open, unanswered, until the value is
    /// released); returns false when nobody connected in time.
    public func accept(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return false }
            let connection = Glibc.accept(fd, nil, nil)
            if connection < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return false } }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            lock.lock()
            accepted.append(connection)
            lock.unlock()
            return true
        }
    }

    /// Closes the accepted connections (the other side sees the server hang up).
    public func hangUp() {
        lock.lock()
        let connections = accepted
        accepted = []
        lock.unlock()
        for connection in connections { close(connection) }
    }

    deinit {
        for connection in accepted { close(connection) }
        close(fd)
    }
}
