import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RosterSCIM

/// The last line for every route: a 5xx answer (other than a deliberate 503) never carries the text of what failed.
/// Its body is replaced with a generic message and a reference, SCIM-shaped under `/scim/`, `{"error": {code,
/// message}}` elsewhere (the original `code` is kept: codes are stable and say nothing about the data); the original
/// text is logged under the reference. Errors nobody turned into a response get the same treatment.
struct InternalErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            throw error
        } catch let error as SCIMError where error.status < 500 || error.status == 503 {
            throw error
        } catch let error as SCIMError {
            return answer(request, context, status: error.status, code: nil, detail: error.detail)
        } catch {
            return answer(request, context, status: 500, code: nil, detail: "\(type(of: error)): \(error)")
        }
        let status = Int(response.status.code)
        guard status >= 500, status != 503 else { return response }
        let body = await Self.collect(response.body)
        var code: String?
        var detail = String(decoding: body.readableBytesView, as: UTF8.self)
        if let json = try? JSONValue.parse(body.readableBytesView) {
            if let error = json[key: "error"] {
                code = error[key: "code"]?.stringValue
                detail = error[key: "message"]?.stringValue ?? detail
            } else if let scim = json[key: "detail"]?.stringValue {
                detail = scim
                if scim.hasPrefix("internal error (reference ") { return response }  // already public
            }
        }
        return answer(request, context, status: status, code: code, detail: detail)
    }

    private func answer(_ request: Request, _ context: Context, status: Int, code: String?, detail: String) -> Response {
        let reference = InternalErrors.reference()
        context.logger.error("internal error", metadata: [
            "reference": "\(reference)", "status": "\(status)", "route": "\(context.endpointPath ?? "unmatched")",
            "code": "\(code ?? "-")", "detail": "\(detail)",
        ])
        let message = InternalErrors.message(reference: reference)
        if request.uri.path.hasPrefix("/scim/") {
            return SCIMHTTP.error(SCIMError(status: status, detail: message))
        }
        let body: JSONValue = ["error": ["code": .string(code ?? "failure.internal"), "message": .string(message)]]
        return Response(status: HTTPResponse.Status(code: status),
                        headers: [.contentType: "application/json", HTTPField.Name("Cache-Control")!: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.jsonBytes())))
    }

    /// The bytes of a response body (error bodies are small and already in memory).
    private static func collect(_ body: ResponseBody) async -> ByteBuffer {
        final class Box: @unchecked Sendable { var buffer = ByteBuffer() }  // used by one task, sequentially
        struct Collector: ResponseBodyWriter {
            let box: Box
            mutating func write(_ buffer: ByteBuffer) async throws { box.buffer.writeImmutableBuffer(buffer) }
            consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
        }
        let box = Box()
        try? await body.write(Collector(box: box))
        return box.buffer
    }
}
