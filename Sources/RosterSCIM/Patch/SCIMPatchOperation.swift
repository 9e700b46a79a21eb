/// One operation of a PATCH request (RFC 7644 §3.5.2).
public struct SCIMPatchOperation: Sendable, Hashable {
    public enum Op: String, Sendable, Hashable { case add, remove, replace }

    public var op: Op
    /// The target; nil for path-less `add`/`replace`, whose value is an object of attributes.
    public var path: String?
    public var value: JSONValue?

    public init(op: Op, path: String? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// Parses a PatchOp request body. Lenient mode accepts `op` in any case (`Replace`, as Entra ID sends it) and a
    /// missing `schemas`.
    public static func parseRequest(_ body: JSONValue, mode: SCIMInputMode) throws(SCIMError) -> [SCIMPatchOperation] {
        guard case .object = body else { throw .invalidSyntax("the request body must be a JSON object") }
        let patchURN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
        if let schemas = body[key: "schemas"] {
            guard let list = schemas.arrayValue, list.contains(where: { $0.stringValue?.lowercased() == patchURN.lowercased() }) else {
                throw .invalidValue("'schemas' must be [\"\(patchURN)\"]")
            }
        } else if !mode.lenient {
            throw .invalidValue("'schemas' must be [\"\(patchURN)\"]")
        }
        guard let operations = body[key: "Operations"]?.arrayValue else {
            throw .invalidSyntax("'Operations' must be an array of operations")
        }
        guard !operations.isEmpty else { throw .invalidValue("'Operations' is empty") }
        var result: [SCIMPatchOperation] = []
        for (index, operation) in operations.enumerated() {
            guard case .object = operation, let opText = operation[key: "op"]?.stringValue else {
                throw .invalidSyntax("Operations[\(index)] needs an 'op'")
            }
            let spelled = mode.lenient ? opText.lowercased() : opText
            guard let op = Op(rawValue: spelled) else {
                throw .invalidValue("Operations[\(index)].op must be add, remove or replace, not '\(opText)'")
            }
            let path: String?
            switch operation[key: "path"] {
            case nil, .null?: path = nil
            case .string(let text)?: path = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
            default: throw .invalidPath("Operations[\(index)].path must be a string")
            }
            let value = operation[key: "value"]
            if op != .remove && (value == nil || value == .null) {
                throw .invalidValue("Operations[\(index)] (\(op.rawValue)) needs a 'value'")
            }
            if op == .remove && path == nil {
                throw .noTarget("Operations[\(index)]: remove needs a 'path'")
            }
            result.append(SCIMPatchOperation(op: op, path: path, value: value == .null ? nil : value))
        }
        return result
    }
}
