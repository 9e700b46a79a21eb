import Foundation
import RosterCore
import Testing

struct AccountPolicyTests {
    static func account(_ role: Role, active: Bool = true, name: String = "someone") -> Account {
        Account(id: UUID(), userName: name, active: active, role: role, authMethod: .password, source: .local,
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func operatorMayDoEverything() throws {
        let target = Self.account(.superuser)
        try AccountPolicy.authorize(.setRole(to: .superuser), by: .system, on: target)
        try AccountPolicy.authorize(.delete, by: .system, on: target)
    }

    @Test(arguments: [Role.guest, .member, .admin])
    func onlyASuperuserGrantsSuperuser(_ actorRole: Role) {
        let actor = ActorState.account(Self.account(actorRole))
        #expect(throws: RosterError.matching(.superuserOnly)) {
            try AccountPolicy.authorize(.setRole(to: .superuser), by: actor, on: Self.account(.member))
        }
        #expect(throws: RosterError.matching(.superuserOnly)) {
            try AccountPolicy.authorize(.createAccount(role: .superuser), by: actor, on: nil)
        }
    }

    @Test func aSuperuserGrantsSuperuser() throws {
        try AccountPolicy.authorize(.setRole(to: .superuser), by: .account(Self.account(.superuser)),
                                    on: Self.account(.member))
    }

    @Test func anAdminCannotTouchASuperuser() {
        let admin = ActorState.account(Self.account(.admin))
        for action in [AdminAction.setRole(to: .member), .deactivate, .delete, .resetPassword, .editAccount] {
            #expect(throws: RosterError.matching(.superuserOnly)) {
                try AccountPolicy.authorize(action, by: admin, on: Self.account(.superuser))
            }
        }
    }

    @Test(arguments: [Role.guest, .member])
    func administrationNeedsAdmin(_ role: Role) {
        let actor = ActorState.account(Self.account(role))
        #expect(throws: RosterError.matching(.insufficientRole)) {
            try AccountPolicy.authorize(.setRole(to: .admin), by: actor, on: Self.account(.guest))
        }
        #expect(throws: RosterError.matching(.insufficientRole)) {
            try AccountPolicy.authorize(.viewAccounts, by: actor, on: nil)
        }
    }

    @Test func nobodyDeletesOrDeactivatesThemselves() {
        let me = Self.account(.superuser)
        #expect(throws: RosterError.matching(.selfAction)) { try AccountPolicy.authorize(.delete, by: .account(me), on: me) }
        #expect(throws: RosterError.matching(.selfAction)) { try AccountPolicy.authorize(.deactivate, by: .account(me), on: me) }
    }

    @Test func anyoneEditsTheirOwnProfile() throws {
        let guest = Self.account(.guest)
        try AccountPolicy.authorize(.editAccount, by: .account(guest), on: guest)
    }

    @Test func anInactiveAccountCannotAct() {
        let admin = Self.account(.admin, active: false)
        #expect(throws: RosterError.matching(.inactiveActor)) {
            try AccountPolicy.authorize(.viewAccounts, by: .account(admin), on: nil)
        }
    }

    @Test func theLastActiveSuperuserStays() throws {
        let last = Self.account(.superuser)
        #expect(throws: RosterError.matching(.lastSuperuser)) {
            try AccountPolicy.checkLastSuperuser(last, remainsActiveSuperuser: false, activeSuperuserCount: 1)
        }
        try AccountPolicy.checkLastSuperuser(last, remainsActiveSuperuser: false, activeSuperuserCount: 2)
        try AccountPolicy.checkLastSuperuser(Self.account(.superuser, active: false), remainsActiveSuperuser: false,
                                             activeSuperuserCount: 1)
    }

    @Test func ownedResourcesBlockADeleteAndAreListed() {
        let owner = Self.account(.member)
        do {
            try AccountPolicy.checkNoOwnedResources(owner, owned: [ResourceRef(type: "project", id: "2"),
                                                                   ResourceRef(type: "project", id: "1")])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .ownsResources)
            #expect(error.details == ["project:1", "project:2"])
        }
    }

    @Test func externalSourcesManageTheirAccounts() {
        var account = Self.account(.member)
        account.source = .ldap("corp")
        #expect(throws: RosterError.matching(.managedBySource)) {
            try AccountPolicy.checkLocallyManaged(account, attribute: "the role")
        }
    }

    @Test(arguments: ["project:42", "repo.git:a/b", "x:y"])
    func parsesResourceReferences(_ text: String) throws {
        #expect(try ResourceRef(parsing: text).description == text)
    }

    @Test(arguments: ["project", ":42", "project:", "pro ject:1"])
    func rejectsMalformedResourceReferences(_ text: String) {
        #expect(throws: RosterError.matching(.invalidResource)) { try ResourceRef(parsing: text) }
    }

    @Test func rolesAreOrdered() {
        #expect(Role.guest < .member && Role.member < .admin && Role.admin < .superuser)
        #expect(Role(parsing: "Admin") == .admin)
        #expect(AccountSource(rawValue: "ldap:corp") == .ldap("corp"))
        #expect(AccountSource(rawValue: "ldap:") == nil)
    }
}
