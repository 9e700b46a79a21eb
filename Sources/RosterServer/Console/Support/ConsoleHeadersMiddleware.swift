import Foundation
import HTTPTypes
import Hummingbird

/// On every `/admin` response: the Content-Security-Policy (no inline script or style), `nosniff`, no referrer,
/// `no-store`, and on HTML `Server-Timing: app;dur=…` from the request's arrival to the body being ready. Console
/// errors become their pages here.
struct ConsoleHeadersMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: ConsolePages

    static let policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ConsoleError {
            response = pages.error(error)
        } catch let error as HTTPError {
            response = pages.error(ConsoleError(code: error.status == .notFound ? .notFound : .forbidden,
                                                message: error.status.reasonPhrase))
            response.status = error.status
        } catch {
            context.logger.error("console request failed", metadata: ["error": "\(type(of: error))"])
            response = ConsoleResponse.html(.internalServerError, pages.plain(title: "Error", message: "Internal error."))
        }
        Self.secure(&response)
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            let elapsed = ContinuousClock.now - started
            let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            response.headers[HTTPField.Name("Server-Timing")!] = "app;dur=" + String(format: "%.1f", millis)
        }
        return response
    }

    /// The security headers every `/admin` response carries.
    static func secure(_ response: inout Response) {
        response.headers[HTTPField.Name("Content-Security-Policy")!] = policy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
    }
}
