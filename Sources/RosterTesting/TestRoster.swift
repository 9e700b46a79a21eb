import Foundation
import Logging
import RosterCore
import RosterRuntime
import RosterSecurity

/// Builds the real composition root on a SQLite file in a temp folder, with libsodium's cheapest argon2id cost
/// so tests can create many accounts.
public struct TestRoster {
    public let directory: TemporaryDirectory
    public let roster: Roster
    public let clock: TestClock

    public init(accounts: AccountSettings = AccountSettings(), hasher: (any PasswordHasher)? = nil) throws {
        directory = try TemporaryDirectory()
        clock = TestClock()
        roster = try Roster.build(
            settings: RuntimeSettings(storePath: directory.file("roster.sqlite"), accounts: accounts,
                                      hashStrength: .testingOnly),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            clock: clock, ids: TimeOrderedIDGenerator(), hasher: hasher ?? Argon2idPasswordHasher(strength: .testingOnly)
        )
    }

    public var accounts: AccountService { roster.accounts }

    /// Acting as the local operator on the CLI.
    public static let operatorContext = ActingContext.cliOperator

    /// Acting as `account` on the CLI.
    public static func acting(as account: Account) -> ActingContext {
        ActingContext(actor: .account(account.id), via: "cli")
    }
}
