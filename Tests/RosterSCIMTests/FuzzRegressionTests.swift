import Foundation
import RosterSCIM
import Testing

/// Findings of the fuzz targets in Fuzz/ (scripts/fuzz.sh), each kept as a regression case.
@Suite struct FuzzRegressionTests {
    /// Found by fuzz-json: invalid UTF-8 inside a string was accepted (repaired to U+FFFD) although RFC 8259 §8.1
    /// requires UTF-8 and JSONSerialization refuses it.
    @Test(arguments: [[0x22, 0xFF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0x61, 0xE2, 0x82, 0x22],
                      [0x22, 0x5C, 0x6E, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22]] as [[UInt8]])
    func jsonStringsMustBeValidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
    }

    /// Found by fuzz-patchpath: a bare schema URN path rendered with a trailing colon, which does not parse.
    @Test(arguments: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                      "URN:IETF:params:scim:schemas:core:2.0:Group"])
    func bareSchemaURNPathsRoundTrip(_ text: String) throws {
        let path = try SCIMFilterParser.parsePath(text)
        #expect(path.description == text)
        #expect(try SCIMFilterParser.parsePath(path.description) == path)
    }
}
