import RosterSCIM

/// libFuzzer target for the SCIM filter grammar (`SCIMFilterParser.parseFilter`, RFC 7644 §3.4.2.2). Properties
/// checked on every accepted input, in lenient and strict mode:
/// - the canonical text (`description`) parses back to an equal filter, and is a fixed point;
/// - whatever strict mode accepts, lenient mode accepts as the same filter;
/// - the in-memory evaluator never traps, and `not (f)` is the negation of `f` on sample resources;
/// - list parameters built from the same text (`filter`, `sortBy`, `attributes`) are an answer or a SCIM error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    var strict = SCIMFilterParser.Options()
    strict.lenient = false
    let lenient = SCIMFilterParser.Options()
    let strictFilter = try? SCIMFilterParser.parseFilter(text, options: strict)
    let lenientFilter = try? SCIMFilterParser.parseFilter(text, options: lenient)
    if let strictFilter, strictFilter != lenientFilter {
        FuzzSupport.fail("strict accepts what lenient parses differently: \(strictFilter) vs \(String(describing: lenientFilter))", input: text)
    }
    for (filter, options) in [(strictFilter, strict), (lenientFilter, lenient)] {
        guard let filter else { continue }
        let rendered = filter.description
        // Escapes can make the canonical text longer than the input (NUL → \u0000): no length limit on the re-parse.
        var reparse = options
        reparse.maxLength = .max
        let again: SCIMFilter
        do {
            again = try SCIMFilterParser.parseFilter(rendered, options: reparse)
        } catch {
            FuzzSupport.fail("the canonical text \(rendered.debugDescription) does not parse: \(error.message)", input: text)
        }
        guard again == filter else { FuzzSupport.fail("canonical text \(rendered.debugDescription) parses to \(again)", input: text) }
        guard again.description == rendered else { FuzzSupport.fail("canonical text is not a fixed point", input: text) }
        let evaluator = SCIMFilterEvaluator(caseExact: { $0.attribute.lowercased() == "id" })
        for resource in FuzzSupport.resources {
            let matched = evaluator.matches(filter, resource)
            guard evaluator.matches(.not(filter), resource) == !matched else {
                FuzzSupport.fail("not (f) is not the negation of f", input: text)
            }
        }
    }
    for kind in [SCIMResourceKind.user, .group] {
        _ = try? SCIMListRequest.parse(["filter": text, "sortBy": text, "attributes": text, "count": text], kind: kind, mode: .lenient)
        _ = try? SCIMListRequest.parse(["excludedAttributes": text, "startIndex": text], kind: kind, mode: .strict)
    }
    return 0
}
