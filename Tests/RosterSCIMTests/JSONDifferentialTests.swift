import Foundation
import RosterSCIM
import Testing

/// `JSONValue.parse` against Foundation's `JSONSerialization` on one corpus (Fuzz/corpus/json, also the fuzz seeds),
/// every prefix of each seed, and a table of edge cases: both accept or both refuse, and where both accept they read
/// the same value. The intentional differences are asserted, not skipped:
/// - JSONSerialization accepts a trailing comma (`[1,]`, `{"a":1,}`); Roster keeps RFC 8259's grammar and refuses it.
/// - JSONSerialization guesses UTF-16 and UTF-32 from the first bytes; Roster reads UTF-8 only (RFC 8259 §8.1).
/// - Integers beyond 64 bits come back from JSONSerialization as NSDecimalNumber; Roster reads every number as a
///   Double, so those compare as the nearest Double.
/// Both refuse numbers beyond Double's range, lone surrogates, invalid UTF-8 and nesting deeper than 512, both
/// ignore a leading byte-order mark, and both keep the last of duplicate member names.
@Suite struct JSONDifferentialTests {
    static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/json")

    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path).sorted()
        return try names.map { ($0, Array(try Data(contentsOf: corpusDirectory.appendingPathComponent($0)))) }
    }

    enum Outcome: Equatable, CustomStringConvertible {
        case value(JSONValue)
        case refused(String)

        var description: String {
            switch self {
            case .value(let value): "accepted \(value.jsonText.prefix(120))"
            case .refused(let reason): "refused (\(reason.prefix(120)))"
            }
        }
    }

    static func roster(_ bytes: [UInt8]) -> Outcome {
        do { return .value(try JSONValue.parse(bytes)) } catch { return .refused("\(error.message) at \(error.offset)") }
    }

    static func foundation(_ bytes: [UInt8]) -> Outcome {
        do {
            let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            return .value(jsonValue(object))
        } catch {
            return .refused("\(error)")
        }
    }

    /// JSONSerialization's objects as a JSONValue (booleans are NSNumbers whose objCType is `c`).
    static func jsonValue(_ object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let text as String: return .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            if let decimal = number as? NSDecimalNumber { return .number(Double(decimal.stringValue) ?? decimal.doubleValue) }
            return .number(number.doubleValue)
        case let array as [Any]: return .array(array.map(jsonValue))
        case let members as [String: Any]: return .object(members.mapValues(jsonValue))
        default: Issue.record("unexpected \(type(of: object))"); return .null
        }
    }

    /// Whether Roster refused at a `]` or `}` that follows a `,` (JSONSerialization's trailing-comma leniency).
    static func refusedTrailingComma(_ bytes: [UInt8]) -> Bool {
        guard case .refused = roster(bytes) else { return false }
        var withoutTrailingCommas: [UInt8] = []
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                withoutTrailingCommas.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count { withoutTrailingCommas.append(bytes[index + 1]); index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: ",") {
                let next = bytes[(index + 1)...].first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
                if next != UInt8(ascii: "]") && next != UInt8(ascii: "}") { withoutTrailingCommas.append(byte) }
            } else {
                if byte == UInt8(ascii: "\"") { inString = true }
                withoutTrailingCommas.append(byte)
            }
            index += 1
        }
        return withoutTrailingCommas != bytes && roster(withoutTrailingCommas) == foundation(withoutTrailingCommas)
    }

    /// Compares one input; returns a description of an unexplained divergence.
    static func divergence(_ bytes: [UInt8]) -> String? {
        let ours = roster(bytes)
        let theirs = foundation(bytes)
        if ours == theirs { return nil }
        if case .refused = ours, case .refused = theirs { return nil }
        if case .refused = ours, case .value = theirs, refusedTrailingComma(bytes) { return nil }
        return "Roster \(ours), JSONSerialization \(theirs)"
    }

    @Test func corpusFilesAgree() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 30)
        for (name, bytes) in corpus {
            if let divergence = Self.divergence(bytes) { Issue.record("\(name): \(divergence)") }
        }
    }

    /// Every prefix of every seed: the error paths agree as well as the happy ones.
    @Test func everyPrefixOfTheCorpusAgrees() throws {
        var compared = 0
        for (name, bytes) in try Self.corpus() where bytes.count <= 4096 {
            for end in 0...bytes.count {
                compared += 1
                if let divergence = Self.divergence(Array(bytes[..<end])) { Issue.record("\(name)[..<\(end)]: \(divergence)") }
            }
        }
        #expect(compared > 1000)
    }

    @Test(arguments: [
        "[1e999]", "[-1e999]", "[1e-400]", "[1e308]", "[1.7976931348623157e308]", "[1.7976931348623159e308]", "[-0]",
        "[123456789012345678901234567890]", "[9007199254740993]", "[18446744073709551616]", "[0.1e1]", "[1E+2]", "[1e-2]",
        "[01]", "[1.]", "[.5]", "[-]", "[+1]", "[0x10]", "[NaN]", "[Infinity]", "[1e]", "[1e+]", "[--1]",
        #"["\ud800"]"#, #"["\udc00"]"#, #"["\ud800\u0041"]"#, #"["\ud83d\ude00"]"#, #"["\u0000"]"#, #"["\uFFFF"]"#, #"["\x"]"#,
        #"["\u12"]"#, "[\"a\u{01}\"]", "[\"\u{7F}\"]", "[\"\u{2028}\"]", #"{"a":1,"a":2}"#, #"{"a":1,"A":2}"#, "\u{FEFF}[1]",
        "\u{FEFF}", "[1] x", "[1]]", "{}", "[]", "{\"a\"}", "{\"a\":}", "{1:2}", "[true,false,null]", "[tru]", "nul", "\"x\"",
        "1", "-", "", " ", "[1,]", "{\"a\":1,}", "[,1]", "[1,,2]", "[1 2]",
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        String(repeating: "[", count: 512) + "1" + String(repeating: "]", count: 512),
        String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512),
        String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513),
        String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512),
    ])
    func edgeCasesAgree(_ text: String) {
        #expect(Self.divergence(Array(text.utf8)) == nil, "\(text.prefix(60).debugDescription)")
    }

    @Test(arguments: [[0x5B, 0x22, 0xFF, 0x22, 0x5D], [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D],
                      [0x5B, 0x31, 0x5D, 0x00], [0x00, 0x5B, 0x31, 0x5D]] as [[UInt8]])
    func invalidUTF8AndNULsAgree(_ bytes: [UInt8]) {
        #expect(Self.divergence(bytes) == nil)
    }

    /// Documented difference: UTF-16 input (with or without a byte-order mark) is refused by Roster and read by
    /// JSONSerialization.
    @Test(arguments: [[0xFF, 0xFE, 0x5B, 0x00, 0x31, 0x00, 0x5D, 0x00], [0xFE, 0xFF, 0x00, 0x5B, 0x00, 0x31, 0x00, 0x5D]] as [[UInt8]])
    func utf16IsRefusedOnPurpose(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
        guard case .value = Self.foundation(bytes) else { Issue.record("JSONSerialization refused it"); return }
    }

    /// The documented differences hold: exactly these are accepted by JSONSerialization and refused by Roster.
    @Test(arguments: ["[1,]", "{\"a\":1,}", "[[1,],]", "{\"a\":[1 , ] }"])
    func trailingCommasAreRefusedOnPurpose(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        guard case .value = Self.foundation(Array(text.utf8)) else { Issue.record("JSONSerialization refused \(text)"); return }
        #expect(Self.refusedTrailingComma(Array(text.utf8)))
    }
}
