import Foundation
import Testing

/// Values from the store reach a terminal only with their control characters shown as escapes, so a name cannot
/// recolour, move the cursor, retitle the window or forge lines.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct OutputEscapingTests {
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
        }
    }

    @Test func controlCharactersInNamesAreShownAsEscapes() throws {
        let env = try CLIEnvironment()
        let name = "Eve\u{1B}[31mRed\u{1B}]0;owned\u{07}\u{9B}2J\nforged line"
        let created = try env.run("users", "create", "--email", "eve@example.com", "--display-name", name, "--role", "member")
        #expect(created.status == 0, "\(created.stderr)")
        for arguments in [["users", "show", "eve"], ["users", "list"], ["users", "edit", "eve", "--display-name", name + "!"],
                          ["users", "set-role", "eve", "guest"], ["users", "deactivate", "eve"]] {
            let result = try env.runner.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!Self.hasControlCharacters(result.stdout), "\(arguments): \(result.stdout.debugDescription)")
            #expect(!Self.hasControlCharacters(result.stderr), "\(arguments): \(result.stderr.debugDescription)")
        }
        let shownText = try env.run("users", "show", "eve").stdout
        #expect(shownText.contains("Eve\\u{1B}[31mRed\\u{1B}]0;owned\\u{07}\\u{9B}2J\\u{0A}forged line!"), "\(shownText)")
        // JSON output keeps the value exactly (JSON escapes it).
        let json = try env.run("users", "show", "eve", "--json")
        let object = try #require(try env.json(json.stdout) as? [String: Any])
        #expect(object["displayName"] as? String == name + "!")
    }
}
