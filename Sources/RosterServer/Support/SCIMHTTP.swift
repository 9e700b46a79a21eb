import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import RosterSCIM

/// Building SCIM responses and reading SCIM requests.
enum SCIMHTTP {
    static let mediaType = "application/scim+json"
    static let prefer = HTTPField.Name("Prefer")!

    static func response(_ status: HTTPResponse.Status, _ value: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = mediaType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.jsonBytes())))
    }

    /// A response whose JSON text is already written.
    static func response(_ status: HTTPResponse.Status, json: [UInt8], headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = mediaType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    static func error(_ error: SCIMError, headers: HTTPFields = [:]) -> Response {
        response(HTTPResponse.Status(code: error.status), error.jsonValue, headers: headers)
    }

    /// One resource, with its ETag (and Location when created).
    static func resource(_ result: SCIMService.Result, status: HTTPResponse.Status = .ok, location: String? = nil) -> Response {
        var headers: HTTPFields = [.eTag: result.etag]
        if let location { headers[.location] = location }
        if let json = result.json { return response(status, json: json, headers: headers) }
        return response(status, .object(result.resource), headers: headers)
    }

    /// Reads and parses a JSON body, enforcing the size limit (413) and the media type (415 for anything that is
    /// neither SCIM nor plain JSON).
    static func body(_ request: Request, limit: Int) async throws -> JSONValue {
        if let type = request.headers[.contentType]?.lowercased(),
           !type.hasPrefix("application/scim+json"), !type.hasPrefix("application/json") {
            throw SCIMError(status: 415, detail: "send application/scim+json (or application/json)")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw SCIMError.payloadTooLarge("the request body is larger than \(limit) bytes")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw SCIMError.payloadTooLarge("the request body is larger than \(limit) bytes")
        } catch {
            // A body the HTTP layer could not read (a malformed chunk, a connection cut mid-body) is the client's.
            throw SCIMError.invalidSyntax("the request body could not be read")
        }
        guard buffer.readableBytes > 0 else { throw SCIMError.invalidSyntax("the request body is empty") }
        do {
            return try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw SCIMError.invalidSyntax("the request body is not valid JSON (\(error.message) at byte \(error.offset))")
        }
    }

    /// Query parameters with `+` as space and percent-escapes decoded (as form-encoded clients send them).
    static func queryParameters(_ request: Request) -> [String: String] {
        guard let query = request.uri.query, !query.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            result[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
