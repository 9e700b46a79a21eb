import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RosterCore
import RosterRuntime
import RosterSCIM
import RosterSecurity
import RosterServer
import RosterStore
import RosterTesting
import Synchronization
import Testing

/// The real application on a temp store for the signup/login/admin routes, with the access settings, hasher and
/// mailer a test chooses (a counting hasher, a recording mailer).
struct AccessHarness: @unchecked Sendable {  // immutable after init; the temp store is thread-safe
    let test: TestRoster
    let mailer: RecordingMailer

    /// Defaults generous enough that throttling only happens where a test asks for it.
    init(hasher: (any PasswordHasher)? = nil, withMail: Bool = true, configure: (inout AccessSettings) -> Void = { _ in }) throws {
        var access = AccessSettings()
        access.hashingRequestsPerMinute = 100_000
        access.hashingBurst = 100_000
        access.maxConcurrentHashes = 4
        access.hashQueueLength = 1_000
        access.signupEnabled = true
        access.configDomains = [SignupDomain(domain: "corp.example", authMethod: .password, role: .member,
                                             includeSubdomains: false, origin: .config)]
        configure(&access)
        mailer = RecordingMailer()
        test = try TestRoster(hasher: hasher, access: access, mailer: withMail ? mailer : nil)
    }

    var store: SQLiteAccountStore { test.roster.store }
    var access: AccessService { test.roster.access }

    func run(_ body: @Sendable (SCIMHarness.Client) async throws -> Void) async throws {
        var settings = ServerSettings()
        settings.port = 0
        let service = SCIMServiceFactory.service(roster: test.roster, settings: settings.scim)
        let app = try RosterServer.buildApplication(
            store: store, service: service, access: access, settings: settings, tokenHash: { _ in Data() },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.test(.router) { client in
            try await body(SCIMHarness.Client(client: client, token: ""))
        }
    }

    /// Creates a password account (operator) and returns it.
    @discardableResult
    func account(_ userName: String, role: Role = .member, password: String = "correct horse battery") throws -> Account {
        try test.accounts.create(NewAccount(email: "\(userName)@corp.example", userName: userName, role: role, password: password),
                                 by: .cliOperator).account
    }

    /// Signs in and returns the session token.
    func signIn(_ client: SCIMHarness.Client, _ userName: String, password: String = "correct horse battery") async throws -> String {
        let reply = try await client.send(.post, "/auth/login", ["userName": .string(userName), "password": .string(password)])
        return try #require(reply.body?[key: "token"]?.stringValue, "login of \(userName): \(reply.status)")
    }

    /// The link of the last mail to `address`.
    func link(to address: String) -> String? {
        mailer.messages.last { $0.to == address }.flatMap { message in
            message.body.split(whereSeparator: \.isWhitespace).first { $0.contains("token=") }.map(String.init)
        }
    }

    static func token(of link: String) -> String? {
        URLComponents(string: link)?.queryItems?.first { $0.name == "token" }?.value
    }
}

/// Keeps every message instead of sending it.
final class RecordingMailer: Mailer {
    private let sent = Mutex<[MailMessage]>([])
    var messages: [MailMessage] { sent.withLock { $0 } }
    func send(_ message: MailMessage) async throws { sent.withLock { $0.append(message) } }
}

/// The real (cheapest) argon2id hasher, counting verifications and optionally reporting each one as it starts.
final class CountingHasher: PasswordHasher {
    private let inner = Argon2idPasswordHasher(strength: .testingOnly)
    private let counts = Mutex((hashes: 0, verifications: 0))
    /// Called (on the hashing thread) when a verification starts; it may block to hold the slot.
    let onVerify: @Sendable () -> Void

    init(onVerify: @escaping @Sendable () -> Void = {}) { self.onVerify = onVerify }

    var verifications: Int { counts.withLock { $0.verifications } }
    var hashes: Int { counts.withLock { $0.hashes } }

    func hash(_ password: String) throws -> String {
        counts.withLock { $0.hashes += 1 }
        return try inner.hash(password)
    }

    func verify(_ password: String, against hash: String) -> Bool {
        counts.withLock { $0.verifications += 1 }
        onVerify()
        return inner.verify(password, against: hash)
    }
}
