import CCurl
import Dispatch
import Foundation
import RosterCore

/// Sends mail over SMTP with libcurl: `smtp://` upgrades with STARTTLS (required unless the host is exactly loopback),
/// `smtps://` is TLS from the start; certificates are verified unless `tlsVerify` is false, against the system store
/// or `caFile`. `curl_easy_perform` blocks, so every send runs on the mailer's own serial queue.
public final class SMTPMailer: Mailer, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var url: String
        public var username: String?
        public var password: String?
        public var from: String
        public var timeoutSeconds = 10
        public var caFile: String?
        public var tlsVerify = true

        public init(url: String, from: String) {
            self.url = url
            self.from = from
        }
    }

    private let configuration: Configuration
    private let queue = DispatchQueue(label: "roster.smtp")

    public init(configuration: Configuration) {
        self.configuration = configuration
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }

    public func send(_ message: MailMessage) async throws {
        let configuration = configuration
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                do {
                    try Self.perform(message, configuration)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The RFC 5322 text of a message (CRLF line ends, UTF-8 subject encoded per RFC 2047, dot-stuffing by curl).
    static func render(_ message: MailMessage, from: String, date: Date = Date(), id: String = UUID().uuidString) -> String {
        let subject = message.subject.unicodeScalars.allSatisfy(\.isASCII) ? message.subject
            : "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return [
            "Date: \(formatter.string(from: date))", "From: <\(from)>", "To: <\(message.to)>",
            "Message-ID: <\(id)@\(domain)>", "Subject: \(subject)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body, "",
        ].joined(separator: "\r\n")
    }

    /// How a URL's connection is protected.
    public enum TransportSecurity: Sendable, Equatable {
        case implicitTLS, startTLSRequired, startTLSOptional
    }

    /// `smtps://` is TLS from the start; anything else must upgrade with STARTTLS, which is only tried (not
    /// required) when the host is exactly this machine (`localhost`, 127.0.0.0/8, `::1`: test sinks). The scheme is
    /// compared without case, and a URL that does not parse gets the strictest treatment.
    public static func transportSecurity(url: String) -> TransportSecurity {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            return .startTLSRequired
        }
        if scheme == "smtps" { return .implicitTLS }
        guard let host = components.host, LoopbackHost.contains(host) else { return .startTLSRequired }
        return .startTLSOptional
    }

    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ text: String) { bytes = Array(text.utf8) }
    }

    private static func perform(_ message: MailMessage, _ configuration: Configuration) throws {
        for address in [message.to, configuration.from] where address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) {
            throw RosterError(.mailFailure, "refusing an address with line breaks or angle brackets")
        }
        guard let curl = curl_easy_init() else { throw RosterError(.mailFailure, "libcurl could not start") }
        defer { curl_easy_cleanup(curl) }
        var recipients: UnsafeMutablePointer<curl_slist>?
        recipients = curl_slist_append(recipients, "<\(message.to)>")
        defer { curl_slist_free_all(recipients) }
        let upload = Upload(render(message, from: configuration.from))
        let readCallback: ccurl_rw_callback = { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let upload = Unmanaged<Upload>.fromOpaque(userdata).takeUnretainedValue()
            let length = min(size * count, upload.bytes.count - upload.offset)
            if length > 0 {
                upload.bytes.withUnsafeBufferPointer { source in
                    buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
                        $0.update(from: source.baseAddress! + upload.offset, count: length)
                    }
                }
                upload.offset += length
            }
            return length
        }
        let url = configuration.url
        _ = ccurl_setopt_string(curl, CURLOPT_URL, url)
        _ = ccurl_setopt_string(curl, CURLOPT_MAIL_FROM, "<\(configuration.from)>")
        _ = ccurl_setopt_slist(curl, CURLOPT_MAIL_RCPT, recipients)
        _ = ccurl_setopt_callback(curl, CURLOPT_READFUNCTION, readCallback)
        _ = ccurl_setopt_pointer(curl, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque())
        _ = ccurl_setopt_long(curl, CURLOPT_UPLOAD, 1)
        _ = ccurl_setopt_long(curl, CURLOPT_TIMEOUT, configuration.timeoutSeconds)
        _ = ccurl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT, configuration.timeoutSeconds)
        _ = ccurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        switch transportSecurity(url: url) {
        case .startTLSRequired: _ = ccurl_setopt_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .startTLSOptional: _ = ccurl_setopt_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue))
        case .implicitTLS: break
        }
        _ = ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, configuration.tlsVerify ? 1 : 0)
        _ = ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, configuration.tlsVerify ? 2 : 0)
        if let caFile = configuration.caFile { _ = ccurl_setopt_string(curl, CURLOPT_CAINFO, caFile) }
        if let username = configuration.username { _ = ccurl_setopt_string(curl, CURLOPT_USERNAME, username) }
        if let password = configuration.password { _ = ccurl_setopt_string(curl, CURLOPT_PASSWORD, password) }
        let code = withExtendedLifetime(upload) { curl_easy_perform(curl) }
        guard code == CURLE_OK else {
            let reason = curl_easy_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
            throw RosterError(.mailFailure, "SMTP delivery failed: \(reason)")
        }
    }
}
