import RosterSCIM

/// `POST /Bulk` (RFC 7644 §3.7): operations run in order, each in its own transaction; `bulkId:` references in
/// later operations resolve to the ids of resources created earlier; `failOnErrors` stops after that many errors.
struct SCIMBulkProcessor {
    let service: SCIMService
    let client: SCIMClient

    func process(_ body: JSONValue) async throws(SCIMError) -> JSONValue {
        guard case .object = body else { throw .invalidSyntax("the bulk request must be a JSON object") }
        let urn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
        if let schemas = body[key: "schemas"]?.arrayValue, !schemas.contains(where: { $0.stringValue?.lowercased() == urn.lowercased() }) {
            throw .invalidValue("'schemas' must be [\"\(urn)\"]")
        }
        guard let operations = body[key: "Operations"]?.arrayValue else { throw .invalidSyntax("'Operations' must be an array") }
        guard operations.count <= service.settings.bulkMaxOperations else {
            throw .payloadTooLarge("at most \(service.settings.bulkMaxOperations) operations per bulk request")
        }
        var failOnErrors: Int?
        if let value = body[key: "failOnErrors"], !value.isNull {
            // An integer (RFC 7644 §3.7.3); `1e300` or `1.5` is refused, never converted with a trap.
            guard let integer = value.integerValue else { throw .invalidValue("'failOnErrors' must be an integer") }
            failOnErrors = integer
        }
        var created: [String: String] = [:]
        var results: [JSONValue] = []
        var errors = 0
        for operation in operations {
            if let failOnErrors, failOnErrors > 0, errors >= failOnErrors { break }
            let bulkId = operation[key: "bulkId"]?.stringValue
            let method = operation[key: "method"]?.stringValue?.uppercased() ?? ""
            var entry: [String: JSONValue] = ["method": .string(method)]
            if let bulkId { entry["bulkId"] = .string(bulkId) }
            do {
                let outcome = try await run(operation, method: method, bulkId: bulkId, created: created)
                if let location = outcome.location { entry["location"] = .string(location) }
                if let version = outcome.version { entry["version"] = .string(version) }
                entry["status"] = .string(String(outcome.status))
                if let bulkId, let id = outcome.createdID { created[bulkId] = id }
            } catch {
                errors += 1
                entry["status"] = .string(String(error.status))
                entry["response"] = InternalErrors.publicSCIMError(error, logger: InternalErrors.logger).jsonValue
            }
            results.append(.object(entry))
        }
        return .object([
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkResponse"],
            "Operations": .array(results),
        ])
    }

    private struct Outcome {
        var status: Int
        var location: String?
        var version: String?
        var createdID: String?
    }

    private func run(_ operation: JSONValue, method: String, bulkId: String?, created: [String: String]) async throws(SCIMError) -> Outcome {
        guard let rawPath = operation[key: "path"]?.stringValue else { throw .invalidValue("each operation needs a 'path'") }
        let path = try resolve(.string(rawPath), created).stringValue ?? rawPath
        let segments = path.split(separator: "/").map(String.init)
        guard let first = segments.first, let kind = [SCIMResourceKind.user, .group].first(where: { $0.endpoint.lowercased() == first.lowercased() }) else {
            throw .invalidPath("'\(path)' is not /Users or /Groups")
        }
        let data = try operation[key: "data"].map { value throws(SCIMError) in try resolve(value, created) }
        let version = operation[key: "version"]?.stringValue
        let projection = SCIMProjection(kind: kind, excludedAttributes: [SCIMAttributePath(attribute: "members")])
        switch (method, segments.count) {
        case ("POST", 1):
            guard let data else { throw .invalidValue("POST needs 'data'") }
            guard bulkId != nil else { throw .invalidValue("POST operations need a 'bulkId'") }
            let result = kind == .user ? try await service.createUser(data, client: client, projection: projection)
                : try await service.createGroup(data, client: client, projection: projection)
            return Outcome(status: 201, location: service.renderer.location(kind, id: result.id), version: result.etag, createdID: result.id)
        case ("PUT", 2), ("PATCH", 2):
            guard let data else { throw .invalidValue("\(method) needs 'data'") }
            let id = segments[1]
            let result: SCIMService.Result
            switch (method, kind) {
            case ("PUT", .user): result = try await service.replaceUser(id: id, data, ifMatch: version, client: client, projection: projection)
            case ("PUT", .group): result = try await service.replaceGroup(id: id, data, ifMatch: version, client: client, projection: projection)
            case (_, .user): result = try await service.patchUser(id: id, data, ifMatch: version, client: client, projection: projection)
            default: result = try await service.patchGroup(id: id, data, ifMatch: version, client: client, projection: projection)
            }
            return Outcome(status: 200, location: service.renderer.location(kind, id: result.id), version: result.etag)
        case ("DELETE", 2):
            if kind == .user {
                try await service.deleteUser(id: segments[1], ifMatch: version, client: client)
            } else {
                try await service.deleteGroup(id: segments[1], ifMatch: version, client: client)
            }
            return Outcome(status: 204, location: service.renderer.location(kind, id: segments[1]))
        default:
            throw .invalidValue("unsupported bulk operation \(method) \(path)")
        }
    }

    /// Replaces `bulkId:X` strings with the id created for X; an unknown reference is a 409 (RFC 7644 §3.7.2).
    private func resolve(_ value: JSONValue, _ created: [String: String]) throws(SCIMError) -> JSONValue {
        switch value {
        case .string(let text):
            guard text.contains("bulkId:") else { return value }
            var result = text
            for (bulkId, id) in created { result = result.replacingOccurrences(of: "bulkId:\(bulkId)", with: id) }
            if result.contains("bulkId:") { throw SCIMError.conflict("unresolved bulkId reference in '\(text)'") }
            return .string(result)
        case .array(let elements):
            var resolved: [JSONValue] = []
            for element in elements { resolved.append(try resolve(element, created)) }
            return .array(resolved)
        case .object(let members):
            var resolved: [String: JSONValue] = [:]
            for (name, member) in members { resolved[name] = try resolve(member, created) }
            return .object(resolved)
        default:
            return value
        }
    }
}
