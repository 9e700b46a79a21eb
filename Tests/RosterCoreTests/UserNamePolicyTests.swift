import Foundation
import RosterCore
import Testing

struct UserNamePolicyTests {
    @Test(arguments: ["ada", "ada.lovelace", "ada@example.com", "José", String(repeating: "x", count: 50)])
    func acceptsValidUserNames(_ name: String) throws {
        try UserNamePolicy.validate(name)
    }

    @Test(arguments: ["ab", "", String(repeating: "x", count: 51), "ada lovelace", "ada\n", "a/b/c", "tab\there"])
    func rejectsInvalidUserNames(_ name: String) {
        #expect(throws: RosterError.matching(.invalidUserName)) { try UserNamePolicy.validate(name) }
    }

    @Test(arguments: [
        ("ada@example.com", "ada"), ("Ada.Lovelace@Example.com", "ada.lovelace"), ("bo@example.com", "bo0"),
        ("ada+newsletter@example.com", "ada"), ("ñandú@example.com", "ñandú"), ("!!!@example.com", "user"),
        ("-x@example.com", "x00"),
    ])
    func infersBaseFromEmail(_ email: String, _ expected: String) {
        #expect(UserNamePolicy.base(fromEmail: email) == expected)
    }

    @Test func suffixesDeterministicallyOnCollision() {
        let taken: Set<String> = ["ada", "ada2"]
        #expect(UserNamePolicy.firstFree(base: "ada") { taken.contains($0) } == "ada3")
        #expect(UserNamePolicy.firstFree(base: "bob") { taken.contains($0) } == "bob")
    }

    @Test func comparesCaseInsensitively() {
        #expect(UserNamePolicy.key(for: "ADA") == UserNamePolicy.key(for: "ada"))
        #expect(UserNamePolicy.key(for: "Jose\u{301}") == UserNamePolicy.key(for: "JOSÉ"))
    }

    @Test func inferredNamesStayWithinTheLimitWithASuffix() {
        let long = String(repeating: "a", count: 80) + "@example.com"
        let base = UserNamePolicy.base(fromEmail: long)
        #expect(base.count + 6 <= UserNamePolicy.maximumLength)
    }
}

struct UUIDTextTests {
    @Test func matchesFoundationsFormLowerCased() {
        for _ in 0..<100 {
            let id = UUID()
            #expect(id.lowercasedText == id.uuidString.lowercased())
        }
    }
}
