import Foundation
import RosterTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `roster serve` survives a corpus of hostile requests (Fuzz/corpus/http, one raw HTTP/1.1 request per
/// file): huge numbers wherever a number is read, deep nesting, invalid UTF-8, NUL bytes, huge headers, bad content
/// types, bad filters and PATCH paths, bulk bombs, path traversal in ids, overlong bodies and lying framing, against
/// SCIM, `/signup`, `/auth/login`, `/me` and `/api/admin`. After every request the process is alive and `/healthz`
/// answers, and no response is a 5xx (429 is fine: the limits are another test's business; so is the deliberate
/// 503 `failure.busy` with which login and signup shed load while passwords are being hashed).
///
/// Corpus files are sent as raw bytes after expanding `{{TOKEN}}` (a SCIM client's bearer token), `{{ADMIN}}` (an
/// admin session), `{{USER_ID}}`, `{{GROUP_ID}}` and `{{REPEAT n}}text{{END}}`; header lines end in CRLF,
/// `Host` and `Connection: close` are added when missing and `Content-Length` when the file sets no framing.
@Suite(.serialized, .timeLimit(.minutes(6)))
struct HostileRequestTests {
    static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/http")

    /// 5xx answers found by this corpus whose fix lies outside the SCIM parsing code (reported, not yet fixed).
    /// `withKnownIssue` fails the test once they are fixed, so this list cannot go stale.
    static let knownServerErrors: Set<String> = []

    @Test func serveSurvivesTheHostileCorpus() throws {
        let env = try CLIEnvironment(extraKeys: """
            <key>passwordPolicy</key><dict><key>hashStrength</key><string>interactive</string></dict>
            <key>signup</key><dict>
              <key>enabled</key><true/>
              <key>domains</key><array><dict><key>domain</key><string>example.com</string><key>role</key><string>member</string></dict></array>
            </dict>
            <key>scim</key><dict><key>requestsPerMinute</key><integer>100000</integer></dict>
            """, environment: ["ROSTER_MAPPINGS": SlapdHarness.repository.appendingPathComponent("Mappings").path])
        let scimToken = try #require(try env.run("scim-clients", "add", "hostile").stdout.split(separator: "\n").last.map(String.init))
        let created = try env.run("users", "create", "--email", "hostile.admin@example.com", "--role", "admin")
        try #require(created.status == 0, "\(created.stderr)")
        let temporary = try #require(created.stdout.split(separator: "\n").last.map(String.init))

        let server = try ServerProcess(runner: env.runner)
        defer { _ = try? server.stop() }
        let endpoint = try #require(Endpoint(baseURL: server.baseURL))

        // An admin session (the temporary password must be changed first) so /api/admin routes parse their bodies.
        var admin = "not-a-session"
        let login = try server.request("POST", "/auth/login", body: ["login": "hostile.admin@example.com", "password": temporary])
        if let first = login.json["token"] as? String {
            let changed = try server.request("POST", "/auth/password", body: ["currentPassword": temporary, "newPassword": "a long new password 42"],
                                             token: first)
            admin = changed.json["token"] as? String ?? first
        }
        #expect(admin != "not-a-session", "no admin session: \(login.status)")
        let user = try server.request("POST", "/scim/v2/Users", body: ["userName": "hostile.target", "emails": [["value": "target@example.com"]]],
                                      token: scimToken)
        let userID = try #require(user.json["id"] as? String, "\(user.status)")
        let group = try server.request("POST", "/scim/v2/Groups", body: ["displayName": "Hostile Targets", "members": [["value": userID]]],
                                       token: scimToken)
        let groupID = try #require(group.json["id"] as? String, "\(group.status)")

        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path).filter { $0.hasSuffix(".http") }.sorted()
        #expect(names.count >= 60)
        var statuses: [String: Int] = [:]
        for name in names {
            let template = Array(try Data(contentsOf: Self.corpusDirectory.appendingPathComponent(name)))
            let request = Self.request(template, endpoint: endpoint, values: [
                "TOKEN": scimToken, "ADMIN": admin, "USER_ID": userID, "GROUP_ID": groupID,
            ])
            let (status, response) = endpoint.exchange(request)
            statuses[name] = status ?? 0
            if let status, !(status == 503 && response.contains("failure.busy")) {
                if Self.knownServerErrors.contains(name) {
                    withKnownIssue("a malformed chunked body is a 500 on SCIM routes: SCIMHTTP.body lets the body stream's parse error through") {
                        #expect(status < 500, "\(name) answered \(status)")
                    }
                } else {
                    #expect(status < 500, "\(name) answered \(status)")
                }
            }
            #expect(server.running.isRunning, "roster serve died on \(name)")
            guard server.running.isRunning else { break }
            let health = endpoint.exchange(Array("GET /healthz HTTP/1.1\r\nHost: \(endpoint.host)\r\nConnection: close\r\n\r\n".utf8))
            #expect(health.status == 200, "/healthz after \(name): \(health.status.map(String.init) ?? "no answer")")
        }
        // Most of the corpus gets a real answer (a closed connection is fine for malformed framing, not as a habit).
        #expect(statuses.values.filter { $0 != 0 }.count >= names.count * 3 / 4, "\(statuses)")
        #expect(try server.request("GET", "/scim/v2/Users/\(userID)", token: scimToken).status == 200)
        #expect(try server.stop().status == 0)
    }

    /// The request bytes of a corpus file: placeholders expanded, CRLF header lines, Host, Connection and framing.
    static func request(_ template: [UInt8], endpoint: Endpoint, values: [String: String]) -> [UInt8] {
        var bytes = expandRepeats(template)
        for (key, value) in values { bytes = replacing(bytes, Array("{{\(key)}}".utf8), with: Array(value.utf8)) }
        let separator = Array("\n\n".utf8)
        let split = firstRange(of: separator, in: bytes)
        let head = split.map { Array(bytes[..<$0.lowerBound]) } ?? bytes
        let body = split.map { Array(bytes[$0.upperBound...]) } ?? []
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let lowered = String(decoding: head, as: UTF8.self).lowercased()
        if !lowered.contains("\nhost:") && !lowered.hasPrefix("garbage") && !lowered.contains(" http/1.0") {
            lines.append(Array("Host: \(endpoint.host)".utf8))
        }
        if !lowered.contains("\nconnection:") { lines.append(Array("Connection: close".utf8)) }
        if !lowered.contains("\ncontent-length:") && !lowered.contains("\ntransfer-encoding:") && !body.isEmpty {
            lines.append(Array("Content-Length: \(body.count)".utf8))
        }
        var request: [UInt8] = []
        for line in lines { request += line + [13, 10] }
        return request + [13, 10] + body
    }

    static func expandRepeats(_ bytes: [UInt8]) -> [UInt8] {
        let open = Array("{{REPEAT ".utf8)
        let end = Array("{{END}}".utf8)
        var result: [UInt8] = []
        var rest = bytes[...]
        while let start = firstRange(of: open, in: Array(rest)).map({ rest.startIndex + $0.lowerBound }) {
            result += rest[..<start]
            let afterOpen = start + open.count
            guard let close = rest[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
                  let count = Int(String(decoding: rest[afterOpen..<close], as: UTF8.self)),
                  let stop = firstRange(of: end, in: Array(rest[(close + 2)...])).map({ close + 2 + $0.lowerBound }) else { break }
            let text = rest[(close + 2)..<stop]
            for _ in 0..<count { result += text }
            rest = rest[(stop + end.count)...]
        }
        return result + rest
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }

    static func replacing(_ bytes: [UInt8], _ needle: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + needle.count <= bytes.count, bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle {
                result += replacement
                index += needle.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// The server's loopback address, and one raw request per connection.
    struct Endpoint {
        var host: String
        var port: UInt16

        init?(baseURL: String) {
            guard let components = URLComponents(string: baseURL), let host = components.host, let port = components.port else { return nil }
            self.host = "\(host):\(port)"
            self.port = UInt16(port)
        }

        /// Sends `bytes` on a new connection and reads until the server closes it (or 15 s pass): the final status
        /// code (nil when the server closed without an answer) and the response text.
        func exchange(_ bytes: [UInt8]) -> (status: Int?, text: String) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return (nil, "") }
            defer { close(fd) }
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { return (nil, "") }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { break }  // the server may answer (413) and close before reading everything
                offset += written
            }
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                response += buffer[..<count]
            }
            // The last status line that is not 1xx (a 100 Continue may come first).
            let text = String(decoding: response.prefix(1 << 20), as: UTF8.self)
            var status: Int?
            for line in text.split(separator: "\r\n") where line.hasPrefix("HTTP/1.") {
                let parts = line.split(separator: " ")
                if parts.count >= 2, let code = Int(parts[1]), code >= 200 { status = code }
            }
            return (status, text)
        }
    }
}
