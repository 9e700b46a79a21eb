import Foundation
import RosterCore
import RosterStore

/// Why an account has its role (`roster explain` and the admin console's "Why this role?"): the stored rule and
/// group path of a directory account, or that the role was set locally.
public struct RoleExplanation: Sendable, Hashable {
    public var account: Account
    /// The directory's rule and group path; nil for local accounts and accounts no sync has explained yet.
    public var assignment: RoleAssignment?
    /// One line for humans, the same on the CLI and in the console.
    public var text: String

    /// Reads the stored explanation of `account` (already resolved and authorized by the caller).
    public static func of(_ account: Account, in store: SQLiteAccountStore) throws -> RoleExplanation {
        let stored = try store.syncRead { try $0.roleExplanation(accountID: account.id) }
        var assignment = stored?.explanation.flatMap {
            try? JSONDecoder().decode(RoleAssignment.self, from: Data($0.utf8))
        }
        assignment?.user = account.userName
        let text: String
        if let assignment {
            text = "\(account.userName) is \(account.role) (source \(account.source)): \(assignment.description)"
        } else if account.source.isExternal {
            text = "\(account.userName) is \(account.role) (source \(account.source)); no explanation is stored yet"
        } else {
            text = "\(account.userName) is \(account.role): set locally (source \(account.source)); see 'roster audit --user \(account.userName)'"
        }
        return RoleExplanation(account: account, assignment: assignment, text: text)
    }
}
