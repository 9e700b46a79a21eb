/// The query parameters of a list request (RFC 7644 §3.4.2), from a URL query or a `POST /.search` body.
public struct SCIMListRequest: Sendable, Hashable {
    public var filter: SCIMFilter?
    public var sortBy: SCIMAttributePath?
    public var descending = false
    /// 1-based, as SCIM counts.
    public var startIndex = 1
    public var count: Int?
    public var projection: SCIMProjection

    public init(kind: SCIMResourceKind) { projection = SCIMProjection(kind: kind) }

    /// Parses the parameters. Values below 1 for `startIndex` count as 1 and negative counts as 0 (RFC 7644
    /// §3.4.2.4); a malformed filter is `invalidFilter`, a malformed attribute list `invalidPath`.
    public static func parse(
        _ parameters: [String: String], kind: SCIMResourceKind, mode: SCIMInputMode
    ) throws(SCIMError) -> SCIMListRequest {
        var request = SCIMListRequest(kind: kind)
        var options = SCIMFilterParser.Options()
        options.lenient = mode.lenient
        func value(_ name: String) -> String? {
            parameters.first { $0.key.lowercased() == name.lowercased() }?.value
        }
        if let text = value("filter"), !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                request.filter = try SCIMFilterParser.parseFilter(text, options: options)
            } catch {
                throw .invalidFilter(error.message)
            }
        }
        if let text = value("sortBy"), !text.isEmpty {
            do {
                guard let path = try SCIMFilterParser.parseAttributeList(text).first else { throw SCIMError.invalidPath("sortBy is empty") }
                request.sortBy = path
            } catch let error as SCIMFilterError {
                throw .invalidPath("sortBy: \(error.message)")
            } catch {
                throw .invalidPath("sortBy is invalid")
            }
        }
        if let text = value("sortOrder") {
            switch text.lowercased() {
            case "ascending": request.descending = false
            case "descending": request.descending = true
            default: throw .invalidValue("sortOrder must be ascending or descending")
            }
        }
        if let text = value("startIndex") {
            guard let number = Int(text) else { throw .invalidValue("startIndex must be an integer") }
            request.startIndex = max(1, number)
        }
        if let text = value("count") {
            guard let number = Int(text) else { throw .invalidValue("count must be an integer") }
            request.count = max(0, number)
        }
        request.projection = SCIMProjection(
            kind: kind, attributes: try attributeList(value("attributes")),
            excludedAttributes: try attributeList(value("excludedAttributes"))
        )
        return request
    }

    /// Parses a `POST /.search` body (RFC 7644 §3.4.3) into the same parameters.
    public static func parse(searchBody body: JSONValue, kind: SCIMResourceKind, mode: SCIMInputMode) throws(SCIMError) -> SCIMListRequest {
        guard case .object(let members) = body else { throw .invalidSyntax("the search request must be a JSON object") }
        var parameters: [String: String] = [:]
        for (name, value) in members {
            switch value {
            case .string(let text): parameters[name] = text
            case .number(let number):
                // Every numeric search parameter (startIndex, count) is an integer; `1e300` or `1.5` is refused,
                // never converted with a trap or truncated.
                guard let integer = Int(exactly: number) else { throw .invalidValue("'\(name)' must be an integer") }
                parameters[name] = String(integer)
            case .array(let values): parameters[name] = values.compactMap(\.stringValue).joined(separator: ",")
            default: continue
            }
        }
        return try parse(parameters, kind: kind, mode: mode)
    }

    public static func attributeList(_ text: String?) throws(SCIMError) -> [SCIMAttributePath] {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        do {
            return try SCIMFilterParser.parseAttributeList(text)
        } catch {
            throw .invalidPath("attribute list: \(error.message)")
        }
    }

    /// The store query, with the page size capped at `maxPageSize`.
    public func storeQuery(maxPageSize: Int) -> SCIMStoreQuery {
        SCIMStoreQuery(
            filter: filter, sortBy: sortBy, descending: descending, offset: startIndex - 1,
            limit: min(count ?? maxPageSize, maxPageSize)
        )
    }

    /// A ListResponse (RFC 7644 §3.4.2).
    public static func listResponse(total: Int, startIndex: Int, resources: [JSONValue]) -> JSONValue {
        .object([
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": .number(Double(total)),
            "startIndex": .number(Double(startIndex)),
            "itemsPerPage": .number(Double(resources.count)),
            "Resources": .array(resources),
        ])
    }
}
