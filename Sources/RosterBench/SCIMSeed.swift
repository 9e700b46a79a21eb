import Foundation
import RosterCore
import RosterSCIM
import RosterStore

/// `RosterBench scim-seed STORE USERS [EXTRA]`: fills a store, through the store's own SCIM write path in one
/// transaction, with USERS users of the SCIM client `bench` (source `scim:bench`), one group "All Staff" holding all
/// of them, and EXTRA more users outside the group (for membership PATCHes). Prints `user0 ID`, `group ID` and one
/// `extra ID` line per extra user.
struct SCIMSeed {
    let storePath: String
    let users: Int
    let extra: Int

    func run() throws {
        let store = try SQLiteAccountStore(path: storePath)
        let source = AccountSource.scim("bench")
        let now = Date().millisecondPrecision
        let groupID = UUID()
        let total = users + extra
        let ids = (0..<total).map { _ in UUID() }
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        Task {
            do {
                try await store.scimWrite { tx in
                    for index in 0..<total {
                        let name = "user\(index)"
                        let email = "\(name)@bench.example"
                        let account = Account(
                            id: ids[index], userName: name, displayName: "User \(index)", givenName: "User",
                            familyName: "N\(index)", emails: [AccountEmail(value: email, type: "work", primary: true)],
                            role: .member, authMethod: .saml, source: source, externalId: "ext-\(index)",
                            createdAt: now, updatedAt: now)
                        try tx.insert(account)
                        try tx.setSCIMBody(accountID: account.id.lowercasedText, body: [
                            "userName": .string(name), "displayName": .string("User \(index)"), "active": true,
                            "name": ["givenName": "User", "familyName": .string("N\(index)")],
                            "emails": [["value": .string(email), "type": "work", "primary": true]],
                            "externalId": .string("ext-\(index)"), "title": "Engineer",
                        ])
                    }
                    try tx.insert(Group(id: groupID, source: source, displayName: "All Staff", createdAt: now, updatedAt: now))
                    try tx.addMemberIDs(GroupMemberIDs(accounts: Set(ids.prefix(users).map(\.lowercasedText))), toGroup: groupID.lowercasedText)
                }
            } catch {
                failure = error
            }
            semaphore.signal()
        }
        semaphore.wait()
        if let failure { throw failure }
        print("user0 \(ids[0].lowercasedText)")
        print("group \(groupID.lowercasedText)")
        for id in ids.suffix(extra) { print("extra \(id.lowercasedText)") }
    }
}
