import Foundation
import RosterSCIM

/// libFuzzer target for `JSONValue.parse` (see scripts/fuzz.sh). Beyond "does not crash", every accepted input must
/// round-trip: parse → jsonBytes → parse gives an equal value, and the written text is itself valid JSON for
/// Foundation's JSONSerialization. An accepted input is valid UTF-8 (RFC 8259 §8.1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    guard String(validating: bytes, as: UTF8.self) != nil else {
        fatalError("accepted invalid UTF-8: \(bytes)")
    }
    let written = value.jsonBytes()
    let reparsed: JSONValue
    do {
        reparsed = try JSONValue.parse(written)
    } catch {
        fatalError("the writer's own output does not parse (\(error.message) at \(error.offset)): \(String(decoding: written, as: UTF8.self))")
    }
    guard reparsed == value else {
        fatalError("round trip changed the value: \(value) → \(String(decoding: written, as: UTF8.self)) → \(reparsed)")
    }
    guard (try? JSONSerialization.jsonObject(with: Data(written), options: [.fragmentsAllowed])) != nil else {
        fatalError("JSONSerialization rejects the writer's output: \(String(decoding: written, as: UTF8.self))")
    }
    // The member lookups SCIM uses on every body must not trap on any shape.
    _ = value[key: "schemas"]
    _ = value.memberName(matching: "USERNAME")
    _ = try? SCIMResourceNormalizer(kind: .user).normalize(value)
    _ = try? SCIMResourceNormalizer(kind: .group, mode: .strict).normalize(value)
    _ = try? SCIMPatchOperation.parseRequest(value, mode: .lenient)
    _ = try? SCIMListRequest.parse(searchBody: value, kind: .user, mode: .lenient)
    return 0
}
