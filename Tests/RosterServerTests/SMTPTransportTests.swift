import RosterMail
import Testing

/// SMTP needs TLS towards anything but this machine: the scheme is compared case-insensitively and loopback is an
/// exact host (`localhost`, 127.0.0.0/8, `::1`), not a prefix.
struct SMTPTransportTests {
    @Test(arguments: [
        ("smtp://mail.example.com:587", SMTPMailer.TransportSecurity.startTLSRequired),
        ("SMTP://mail.example.com:587", .startTLSRequired),
        ("Smtp://mail.example.com", .startTLSRequired),
        ("smtp://localhost.x:25", .startTLSRequired),
        ("smtp://localhost.evil.example", .startTLSRequired),
        ("smtp://127.0.0.1.evil.example:25", .startTLSRequired),
        ("smtp://user@127.0.0.1@evil.example", .startTLSRequired),
        ("smtp://localhost:1025", .startTLSOptional),
        ("smtp://LOCALHOST:1025", .startTLSOptional),
        ("smtp://127.0.0.1:1025", .startTLSOptional),
        ("smtp://127.3.4.5", .startTLSOptional),
        ("smtp://[::1]:1025", .startTLSOptional),
        ("smtps://mail.example.com", .implicitTLS),
        ("SMTPS://mail.example.com", .implicitTLS),
    ])
    func tlsIsRequiredExceptOnLoopback(url: String, expected: SMTPMailer.TransportSecurity) {
        #expect(SMTPMailer.transportSecurity(url: url) == expected, "\(url)")
    }
}
