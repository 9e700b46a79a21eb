import Foundation
import RosterCore
import RosterTesting
import Testing

/// Creating accounts against a real SQLite file in a temp folder.
struct AccountCreationTests {
    @Test func createsWithATemporaryPasswordThatMustBeChanged() throws {
        let test = try TestRoster()
        let created = try test.accounts.create(NewAccount(email: "ada@example.com"), by: TestRoster.operatorContext)
        let password = try #require(created.temporaryPassword)
        #expect(password.count == 16)
        #expect(created.account.userName == "ada")
        #expect(created.account.role == .guest)
        #expect(created.account.mustChangePassword)
        #expect(created.account.passwordHash?.hasPrefix("$argon2id$") == true)
        #expect(created.account.passwordHash?.contains(password) == false)
        #expect(test.accounts.verifyPassword(password, of: created.account))
        #expect(!test.accounts.verifyPassword("wrong-password", of: created.account))
    }

    @Test func infersUserNamesWithADeterministicSuffix() throws {
        let test = try TestRoster()
        let names = try ["ada@example.com", "ADA@example.org", "ada@example.net"].map {
            try test.accounts.create(NewAccount(email: $0, authMethod: .saml), by: TestRoster.operatorContext).account.userName
        }
        #expect(names == ["ada", "ada2", "ada3"])
    }

    @Test func userNamesAreUniqueCaseInsensitively() throws {
        let test = try TestRoster()
        _ = try test.accounts.create(NewAccount(email: "a@example.com", userName: "Grace", authMethod: .saml),
                                     by: TestRoster.operatorContext)
        #expect(throws: RosterError.matching(.userNameTaken)) {
            try test.accounts.create(NewAccount(email: "b@example.com", userName: "grace", authMethod: .saml),
                                     by: TestRoster.operatorContext)
        }
    }

    @Test func emailsAreUniqueCaseInsensitively() throws {
        let test = try TestRoster()
        _ = try test.accounts.create(NewAccount(email: "grace@example.com", authMethod: .saml), by: TestRoster.operatorContext)
        #expect(throws: RosterError.matching(.emailTaken)) {
            try test.accounts.create(NewAccount(email: "GRACE@Example.com.", userName: "other", authMethod: .saml),
                                     by: TestRoster.operatorContext)
        }
    }

    @Test func appliesTheConfiguredDefaults() throws {
        let test = try TestRoster(accounts: AccountSettings(defaultRole: .member, defaultAuthMethod: .saml))
        let created = try test.accounts.create(NewAccount(email: "x@example.com"), by: TestRoster.operatorContext)
        #expect(created.account.role == .member)
        #expect(created.account.authMethod == .saml)
        #expect(created.temporaryPassword == nil)
        #expect(created.account.passwordHash == nil)
    }

    @Test func aChosenPasswordMustMeetThePolicy() throws {
        let test = try TestRoster(accounts: AccountSettings(passwordPolicy: PasswordPolicy(minimumLength: 12)))
        #expect(throws: RosterError.matching(.invalidPassword)) {
            try test.accounts.create(NewAccount(email: "x@example.com", password: "short-pw"), by: TestRoster.operatorContext)
        }
        let created = try test.accounts.create(NewAccount(email: "x@example.com", password: "long-enough-pw"),
                                               by: TestRoster.operatorContext)
        #expect(!created.account.mustChangePassword)
        #expect(created.temporaryPassword == nil)
    }

    @Test func everyCreationIsAudited() throws {
        let test = try TestRoster()
        let created = try test.accounts.create(NewAccount(email: "ada@example.com"), by: TestRoster.operatorContext)
        let log = try test.accounts.auditLog(about: "ada", by: TestRoster.operatorContext)
        #expect(log.count == 1)
        #expect(log.first?.action == .accountCreated)
        #expect(log.first?.actor == "system")
        #expect(log.first?.via == "cli")
        #expect(log.first?.after?["role"] == .string("guest"))
        #expect(log.first?.targetID == created.account.id.uuidString.lowercased())
        let text = "\(log)"
        #expect(!text.contains(created.temporaryPassword ?? "-"))
        #expect(!text.contains("argon2id"))
    }

    @Test func listsNewestFirstWithCounts() throws {
        let test = try TestRoster()
        for email in ["ann@example.com", "bob@example.com", "cyd@example.com"] {
            _ = try test.accounts.create(NewAccount(email: email, authMethod: .saml), by: TestRoster.operatorContext)
        }
        let second = try test.accounts.show("bob", by: TestRoster.operatorContext).account
        _ = try test.accounts.openSession(accountID: second.id, lifetime: 3600, by: TestRoster.operatorContext)
        _ = try test.accounts.issueAPIToken(for: "bob", name: "ci", by: TestRoster.operatorContext)
        _ = try test.accounts.issueAPIToken(for: "bob", name: "laptop", by: TestRoster.operatorContext)
        let listing = try test.accounts.list(includeInactive: false, by: TestRoster.operatorContext)
        #expect(listing.map(\.account.userName) == ["cyd", "bob", "ann"])
        #expect(listing[1].sessionCount == 1)
        #expect(listing[1].apiTokenCount == 2)
    }

    @Test func resolvesAccountsByIdUserNameOrEmail() throws {
        let test = try TestRoster()
        let account = try test.accounts.create(NewAccount(email: "Ada@Example.com", authMethod: .saml),
                                               by: TestRoster.operatorContext).account
        for reference in [account.id.uuidString, "ADA", "ada@example.com"] {
            #expect(try test.accounts.show(reference, by: TestRoster.operatorContext).account.id == account.id)
        }
        #expect(throws: RosterError.matching(.accountNotFound)) {
            try test.accounts.show("nobody", by: TestRoster.operatorContext)
        }
    }

    @Test func auditSnapshotsRoundTripAnyText() throws {
        let test = try TestRoster()
        let name = "Zoë \"Q\" O'Brien\\\n\t\u{1}→"
        _ = try test.accounts.create(NewAccount(email: "zoe@example.com", displayName: name, authMethod: .saml),
                                     by: TestRoster.operatorContext)
        let entry = try #require(try test.accounts.auditLog(about: "zoe", by: TestRoster.operatorContext).first)
        #expect(entry.after?["displayName"] == .string(name))
        #expect(entry.after?["emails"] == .list(["zoe@example.com (primary)"]))
        #expect(entry.after?["active"] == .bool(true))
    }
}
