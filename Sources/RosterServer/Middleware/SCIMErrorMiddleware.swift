import Hummingbird
import Logging
import RosterSCIM

/// Turns every error under `/scim/` into an RFC 7644 §3.12 error body (unknown routes and methods included).
/// Installed on the router, so it also sees requests no route matched.
struct SCIMErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/scim/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as SCIMError {
            return SCIMHTTP.error(error)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            let detail = status == 404 ? "no such endpoint or resource" : status == 405 ? "method not allowed here" : "request failed"
            return SCIMHTTP.error(SCIMError(status: status, detail: detail))
        } catch {
            context.logger.error("SCIM request failed", metadata: ["error": "\(type(of: error))"])
            return SCIMHTTP.error(SCIMService.scimError(error))
        }
    }
}
