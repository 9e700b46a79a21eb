import HTTPTypes
import Hummingbird
import RosterSCIM

/// Bearer-token authentication and rate limiting for everything under `/scim/v2`: 401 with a SCIM error body and
/// `WWW-Authenticate` for a missing or unknown token, 429 with `Retry-After` over the client's rate.
struct SCIMAuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let gate: ClientGate

    private static let challenge: HTTPFields = [HTTPField.Name("WWW-Authenticate")!: "Bearer realm=\"roster\""]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let challenge = Self.challenge
        guard let header = request.headers[.authorization], header.utf8.count > 7,
              header.utf8.prefix(7).elementsEqual("bearer ".utf8, by: { $0 | 0x20 == $1 })
        else {
            return SCIMHTTP.error(.unauthorized("a bearer token is required"), headers: challenge)
        }
        // Trimmed by hand: Foundation's trimmingCharacters bridges through NSString on every request.
        let utf8 = header.utf8.dropFirst(7)
        let start = utf8.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? utf8.endIndex
        let end = utf8.lastIndex { $0 != 0x20 && $0 != 0x09 }.map { utf8.index(after: $0) } ?? start
        let token = String(Substring(header.utf8[start..<max(start, end)]))
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
