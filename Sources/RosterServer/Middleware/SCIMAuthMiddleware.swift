import HTTPTypes
import Hummingbird
import RosterSCIM

/// Bearer-token authentication and rate limiting for everything under `/scim/v2`: 401 with a SCIM error body and
/// `WWW-Authenticate` for a missing or unknown token, 429 with `Retry-After` over the client's rate.
struct SCIMAuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let gate: ClientGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let challenge: HTTPFields = [HTTPField.Name("WWW-Authenticate")!: "Bearer realm=\"roster\""]
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer "
        else {
            return SCIMHTTP.error(.unauthorized("a bearer token is required"), headers: challenge)
        }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let client: SCIMClient
        switch try gate.decide(token: token) {
        case .allowed(let allowed):
            client = allowed
        case .unknownToken:
            return SCIMHTTP.error(.unauthorized("the bearer token is not valid"), headers: challenge)
        case .tooManyRequests(let wait):
            return SCIMHTTP.error(SCIMError(status: 429, detail: "too many requests; retry in \(wait) s"),
                                  headers: [.retryAfter: String(wait)])
        }
        var context = context
        context.client = client
        return try await next(request, context)
    }
}
