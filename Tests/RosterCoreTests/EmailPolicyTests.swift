import RosterCore
import Testing

struct EmailPolicyTests {
    @Test(arguments: ["ada@example.com", "a.b+c@sub.example.org", "ada@example.com.", "ada@bücher.example", "ü@example.com"])
    func acceptsAddresses(_ email: String) throws {
        try EmailPolicy.validate(email)
    }

    @Test(arguments: [
        "ada", "@example.com", "ada@", "ada@@example.com", "ada lovelace@example.com", "ada@exa..mple.com",
        "ada@.", "ada@.example.com", "ada@example..", "ada@-example.com", "ada@exam\tple.com", "ada@exa mple.com",
        String(repeating: "a", count: 65) + "@example.com", "ada@bü..cher.example", "ä da@example.com",
    ])
    func rejectsMalformedAddresses(_ email: String) {
        #expect(throws: RosterError.matching(.invalidEmail)) { try EmailPolicy.validate(email) }
    }

    @Test func keysIgnoreCaseAndTrailingDot() {
        #expect(EmailPolicy.key(for: " Ada@Example.COM. ") == "ada@example.com")
        #expect(EmailPolicy.normalized("Ada@Example.COM.") == "Ada@example.com")
    }
}
