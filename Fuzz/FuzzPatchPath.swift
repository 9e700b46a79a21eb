import RosterSCIM

/// libFuzzer target for PATCH paths (`SCIMFilterParser.parsePath`, RFC 7644 §3.5.2) and the PATCH engine that
/// follows them. Properties checked on every input:
/// - an accepted path's canonical text parses back to an equal path (strict and lenient), and strict ⊆ lenient;
/// - `add`, `replace` and `remove` on that path, against a full user and a group, end in a patched body or a
///   SCIM 4xx error (never a trap or a 5xx), and a patched body is canonical (normalizing it again changes nothing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatchPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    var strict = SCIMFilterParser.Options()
    strict.lenient = false
    let lenient = SCIMFilterParser.Options()
    let strictPath = try? SCIMFilterParser.parsePath(text, options: strict)
    let lenientPath = try? SCIMFilterParser.parsePath(text, options: lenient)
    if let strictPath, strictPath != lenientPath {
        FuzzSupport.fail("strict accepts what lenient parses differently: \(strictPath) vs \(String(describing: lenientPath))", input: text)
    }
    for (path, options) in [(strictPath, strict), (lenientPath, lenient)] {
        guard let path else { continue }
        let rendered = path.description
        var reparse = options
        reparse.maxLength = .max
        let again: SCIMPatchPath
        do {
            again = try SCIMFilterParser.parsePath(rendered, options: reparse)
        } catch {
            FuzzSupport.fail("the canonical text \(rendered.debugDescription) does not parse: \(error.message)", input: text)
        }
        guard again == path else { FuzzSupport.fail("canonical text \(rendered.debugDescription) parses to \(again)", input: text) }
    }
    let values: [JSONValue] = [
        "x", true, ["value": "fuzz@example.com", "type": "work", "primary": true], [["value": "2819c223-7f76-453a-919d-413861904646"]],
        .number(1e300),
    ]
    // Two of the values per input (chosen by its length) keep a run fast enough to explore paths.
    let chosen = [values[0], values[1 + size % (values.count - 1)]]
    for (kind, resource) in [(SCIMResourceKind.user, FuzzSupport.user), (.group, FuzzSupport.group)] {
        for mode in [SCIMInputMode.lenient, .strict] {
            let normalizer = SCIMResourceNormalizer(kind: kind, mode: mode)
            guard case .object(let members) = resource, let body = try? normalizer.canonical(members) else {
                FuzzSupport.fail("the sample \(kind) does not normalize", input: text)
            }
            let engine = SCIMPatchEngine(kind: kind, mode: mode)
            for operation in [SCIMPatchOperation(op: .remove, path: text)]
                + chosen.flatMap({ [SCIMPatchOperation(op: .add, path: text, value: $0), SCIMPatchOperation(op: .replace, path: text, value: $0)] }) {
                do {
                    let outcome = try engine.apply([operation], to: body)
                    let again = try normalizer.canonical(outcome.body)
                    guard again == outcome.body else {
                        FuzzSupport.fail("a patched body is not canonical: \(JSONValue.object(outcome.body).jsonText) → \(JSONValue.object(again).jsonText)", input: text)
                    }
                } catch {
                    guard (400..<500).contains(error.status) else {
                        FuzzSupport.fail("\(operation.op) answered \(error)", input: text)
                    }
                }
            }
        }
    }
    return 0
}
