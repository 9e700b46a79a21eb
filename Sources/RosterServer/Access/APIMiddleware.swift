import Hummingbird
import RosterCore

/// Errors of the access and admin routes as JSON error bodies.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as RosterError {
            return APIResponse.error(error)
        } catch let locked as AccessService.Locked {
            let seconds = max(1, Int(locked.until.timeIntervalSinceNow.rounded(.up)))
            return APIResponse.error(RosterError(.tooManyAttempts, "too many failed logins; try again later"), retryAfter: seconds)
        } catch let limited as AttemptLimiter.Limited {
            // Checked before any hashing: this address spent its bucket of password-hashing requests.
            return APIResponse.error(RosterError(.tooManyAttempts, "too many requests from this address; try again later"),
                                     retryAfter: max(1, Int(limited.retryAfter.rounded(.up))))
        } catch is HashingLimiter.Busy {
            // Every argon2id slot and queue place is taken: refused at once rather than queued.
            var response = APIResponse.json(.serviceUnavailable, ["error": ["code": "failure.busy", "message": "the server is busy; try again shortly"]])
            response.headers[.retryAfter] = "1"
            return response
        } catch let error as HTTPError {
            return APIResponse.json(error.status, ["error": ["code": "http", "message": .string(error.status.reasonPhrase)]])
        } catch {
            context.logger.error("API request failed", metadata: ["error": "\(type(of: error))"])
            return APIResponse.error(RosterError(.internalFailure, "internal error"))
        }
    }
}

/// A session or personal API token in `Authorization: Bearer …`. A session of an account with a temporary
/// password is refused everywhere except `POST /auth/password` and `POST /auth/logout`.
struct SessionAuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let access: AccessService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw RosterError(.unauthenticated, "a session or API token is required (Authorization: Bearer …)")
        }
        let authenticated = try await access.authenticate(token: String(header.dropFirst(7)))
        let path = request.uri.path
        if authenticated.passwordChangeOnly, path != "/auth/password", path != "/auth/logout" {
            throw RosterError(.passwordChangeRequired, "change the temporary password first (POST /auth/password)")
        }
        var context = context
        context.authenticated = authenticated
        return try await next(request, context)
    }
}
