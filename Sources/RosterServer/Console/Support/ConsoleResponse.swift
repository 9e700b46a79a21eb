import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Responses of the console. The security headers and `Server-Timing` are added by ``ConsoleHeadersMiddleware``.
enum ConsoleResponse {
    static func html(_ status: HTTPResponse.Status = .ok, _ body: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// 303 See Other (POST-redirect-GET).
    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .contentType: "text/plain; charset=utf-8"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "See \(location)\n")))
    }

    static func asset(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
