import HTTPTypes
import Hummingbird
import RosterSCIM

/// The `/scim/v2` routes: discovery, `/Users`, `/Groups`, `/Bulk`, each mapped onto ``SCIMService``.
struct SCIMController: Sendable {
    let service: SCIMService
    let settings: ServerSettings
    /// Charges a Bulk request's operations to the client's rate limit.
    let gate: ClientGate
    let baseURL: PublicBaseURL

    func register(on group: RouterGroup<ServerContext>) {
        group.get("ServiceProviderConfig") { request, _ in SCIMHTTP.response(.ok, discovery(request).serviceProviderConfig) }
        group.get("Schemas") { request, _ in SCIMHTTP.response(.ok, discovery(request).schemas) }
        group.get("Schemas/:id") { request, context in
            SCIMHTTP.response(.ok, try discovery(request).schema(try context.parameters.require("id")))
        }
        group.get("ResourceTypes") { request, _ in SCIMHTTP.response(.ok, discovery(request).resourceTypes) }
        group.get("ResourceTypes/:id") { request, context in
            SCIMHTTP.response(.ok, try discovery(request).resourceType(try context.parameters.require("id")))
        }
        for kind in [SCIMResourceKind.user, .group] {
            let endpoint = kind.endpoint
            group.get(RouterPath(endpoint)) { request, context in try await list(kind, request, context, search: nil) }
            group.post(RouterPath("\(endpoint)/.search")) { request, context in
                try await list(kind, request, context, search: try await SCIMHTTP.body(request, limit: settings.maxBodyBytes))
            }
            group.post(RouterPath(endpoint)) { request, context in try await create(kind, request, context) }
            group.get(RouterPath("\(endpoint)/:id")) { request, context in try await get(kind, request, context) }
            group.put(RouterPath("\(endpoint)/:id")) { request, context in try await replace(kind, request, context) }
            group.patch(RouterPath("\(endpoint)/:id")) { request, context in try await patch(kind, request, context) }
            group.delete(RouterPath("\(endpoint)/:id")) { request, context in try await delete(kind, request, context) }
        }
        group.post(".search") { request, context in
            let body = try await SCIMHTTP.body(request, limit: settings.maxBodyBytes)
            return SCIMHTTP.response(.ok, try await scoped(request).searchAll(body, client: try client(context)))
        }
        // Read-only endpoints and collections answer other methods with 405.
        let notAllowed: @Sendable (Request, ServerContext) async throws -> Response = { _, _ in
            throw SCIMError.methodNotAllowed("method not allowed on this endpoint")
        }
        for path in ["ServiceProviderConfig", "Schemas", "ResourceTypes", "Schemas/:id", "ResourceTypes/:id"] {
            group.post(RouterPath(path), use: notAllowed)
            group.put(RouterPath(path), use: notAllowed)
            group.patch(RouterPath(path), use: notAllowed)
            group.delete(RouterPath(path), use: notAllowed)
        }
        for path in ["Users", "Groups"] {
            group.put(RouterPath(path), use: notAllowed)
            group.patch(RouterPath(path), use: notAllowed)
            group.delete(RouterPath(path), use: notAllowed)
        }
        group.get("Bulk", use: notAllowed)
        group.post("Bulk") { request, context in
            let body = try await SCIMHTTP.body(request, limit: min(settings.maxBodyBytes, settings.scim.bulkMaxPayloadBytes))
            // Each operation counts as a request: the middleware took one token, the other N-1 are taken here, all
            // or nothing, before any operation runs (a Bulk over bulkMaxOperations is refused by the processor).
            let operations = body[key: "Operations"]?.arrayValue?.count ?? 0
            if operations > 1, operations <= settings.scim.bulkMaxOperations,
               let wait = gate.admit(try client(context), cost: operations - 1) {
                return SCIMHTTP.error(SCIMError(status: 429, detail: "too many requests; retry in \(wait) s"),
                                      headers: [.retryAfter: String(wait)])
            }
            let bulk = SCIMBulkProcessor(service: scoped(request), client: try client(context))
            return SCIMHTTP.response(.ok, try await bulk.process(body))
        }
    }

    // MARK: handlers

    private func list(_ kind: SCIMResourceKind, _ request: Request, _ context: ServerContext, search: JSONValue?) async throws -> Response {
        let parsed = try search.map { body throws(SCIMError) in try SCIMListRequest.parse(searchBody: body, kind: kind, mode: settings.scim.mode) }
            ?? SCIMListRequest.parse(SCIMHTTP.queryParameters(request), kind: kind, mode: settings.scim.mode)
        let service = scoped(request)
        if kind == .user {
            return SCIMHTTP.response(.ok, json: try await service.listUsersJSON(parsed, client: try client(context)))
        }
        return SCIMHTTP.response(.ok, try await service.listGroups(parsed, client: try client(context)))
    }

    private func get(_ kind: SCIMResourceKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let projection = try projection(kind, request)
        let service = scoped(request)
        let result = kind == .user ? try await service.getUser(id: id, client: try client(context), projection: projection)
            : try await service.getGroup(id: id, client: try client(context), projection: projection)
        if let ifNoneMatch = request.headers[.ifNoneMatch],
           ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == result.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: [.eTag: result.etag])
        }
        return SCIMHTTP.resource(result)
    }

    private func create(_ kind: SCIMResourceKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await SCIMHTTP.body(request, limit: settings.maxBodyBytes)
        let projection = try projection(kind, request)
        let service = scoped(request)
        let result = kind == .user ? try await service.createUser(body, client: try client(context), projection: projection)
            : try await service.createGroup(body, client: try client(context), projection: projection)
        return SCIMHTTP.resource(result, status: .created, location: service.renderer.location(kind, id: result.id))
    }

    private func replace(_ kind: SCIMResourceKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await SCIMHTTP.body(request, limit: settings.maxBodyBytes)
        let projection = try projection(kind, request)
        let ifMatch = request.headers[.ifMatch]
        let service = scoped(request)
        let result = kind == .user
            ? try await service.replaceUser(id: id, body, ifMatch: ifMatch, client: try client(context), projection: projection)
            : try await service.replaceGroup(id: id, body, ifMatch: ifMatch, client: try client(context), projection: projection)
        return SCIMHTTP.resource(result)
    }

    /// PATCH answers 200 with the resource, or 204 when the client prefers a minimal answer (RFC 7240).
    private func patch(_ kind: SCIMResourceKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await SCIMHTTP.body(request, limit: settings.maxBodyBytes)
        let minimal = request.headers[SCIMHTTP.prefer]?.lowercased().contains("return=minimal") == true
        var projection = try projection(kind, request)
        if minimal, kind == .group { projection.excludedAttributes.append(SCIMAttributePath(attribute: "members")) }
        let ifMatch = request.headers[.ifMatch]
        let service = scoped(request)
        let result = kind == .user
            ? try await service.patchUser(id: id, body, ifMatch: ifMatch, client: try client(context), projection: projection)
            : try await service.patchGroup(id: id, body, ifMatch: ifMatch, client: try client(context), projection: projection)
        if minimal { return Response(status: .noContent, headers: [.eTag: result.etag]) }
        return SCIMHTTP.resource(result)
    }

    private func delete(_ kind: SCIMResourceKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let ifMatch = request.headers[.ifMatch]
        let service = scoped(request)
        if kind == .user {
            try await service.deleteUser(id: id, ifMatch: ifMatch, client: try client(context))
        } else {
            try await service.deleteGroup(id: id, ifMatch: ifMatch, client: try client(context))
        }
        return Response(status: .noContent)
    }

    // MARK: helpers

    private func client(_ context: ServerContext) throws -> SCIMClient {
        guard let client = context.client else { throw SCIMError.unauthorized("a bearer token is required") }
        return client
    }

    /// The service with `meta.location` and `$ref` built from the public base URL (never from the request).
    private func scoped(_ request: Request) -> SCIMService {
        var scimSettings = service.settings
        scimSettings.baseURL = baseURL.scim
        scimSettings.bulkMaxOperations = settings.scim.bulkMaxOperations  // at most the rate limit's burst
        return SCIMService(store: service.store, hasher: service.hasher, clock: service.clock, ids: service.ids, settings: scimSettings)
    }

    private func discovery(_ request: Request) -> SCIMDiscovery {
        SCIMDiscovery(baseURL: baseURL.scim, settings: settings)
    }

    private func projection(_ kind: SCIMResourceKind, _ request: Request) throws -> SCIMProjection {
        let parameters = SCIMHTTP.queryParameters(request)
        func value(_ name: String) -> String? { parameters.first { $0.key.lowercased() == name.lowercased() }?.value }
        return SCIMProjection(
            kind: kind, attributes: try SCIMListRequest.attributeList(value("attributes")),
            excludedAttributes: try SCIMListRequest.attributeList(value("excludedAttributes"))
        )
    }
}
