import Foundation
import HTTPTypes
import Hummingbird
import RosterCore
import RosterSCIM

/// JSON in and out for the access and admin routes; errors as `{"error": {"code", "message", "details"}}` with the
/// stable codes of ``RosterError`` and the status of their category.
enum APIResponse {
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("Cache-Control")!] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes())))
    }

    static func error(_ error: RosterError, retryAfter: Int? = nil) -> Response {
        var body: [String: JSONValue] = ["code": .string(error.code.identifier), "message": .string(error.message)]
        if !error.details.isEmpty { body["details"] = .array(error.details.map(JSONValue.string)) }
        var headers: HTTPFields = [:]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return json(status(for: error), ["error": .object(body)], headers: headers)
    }

    static func status(for error: RosterError) -> HTTPResponse.Status {
        switch error.code {
        case .invalidCredentials, .unauthenticated: return .unauthorized
        case .tooManyAttempts: return .tooManyRequests
        default: break
        }
        switch error.code.category {
        case .invalidInput: return .badRequest
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .refused: return .forbidden
        case .failure: return .internalServerError
        }
    }

    /// A JSON object body (at most `limit` bytes), or a 400/413.
    static func body(_ request: Request, limit: Int) async throws -> [String: JSONValue] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw RosterError(.invalidArgument, "the request body is larger than \(limit) bytes")
        }
        guard case .object(let members)? = try? JSONValue.parse(buffer.readableBytesView) else {
            throw RosterError(.invalidArgument, "the request body must be a JSON object")
        }
        return members
    }

    static func string(_ body: [String: JSONValue], _ key: String, required: Bool = true) throws -> String? {
        switch body[key] {
        case .string(let text)?: return text
        case nil, .null?:
            if required { throw RosterError(.invalidArgument, "'\(key)' is required") }
            return nil
        default: throw RosterError(.invalidArgument, "'\(key)' must be a string")
        }
    }

    static func date(_ date: Date) -> JSONValue { .string(SCIMDateTime.format(date)) }

    static func account(_ account: Account, sessions: Int? = nil, apiTokens: Int? = nil) -> JSONValue {
        var value: [String: JSONValue] = [
            "id": .string(account.id.lowercasedText), "userName": .string(account.userName),
            "emails": .array(account.emails.map { email in
                var item: [String: JSONValue] = ["value": .string(email.value), "primary": .bool(email.primary)]
                if let type = email.type { item["type"] = .string(type) }
                return .object(item)
            }),
            "active": .bool(account.active), "role": .string(account.role.rawValue),
            "authMethod": .string(account.authMethod.rawValue), "source": .string(account.source.rawValue),
            "mustChangePassword": .bool(account.mustChangePassword), "createdAt": date(account.createdAt),
            "updatedAt": date(account.updatedAt), "version": .number(Double(account.version)),
        ]
        if let displayName = account.displayName { value["displayName"] = .string(displayName) }
        if let givenName = account.givenName { value["givenName"] = .string(givenName) }
        if let familyName = account.familyName { value["familyName"] = .string(familyName) }
        if let deactivatedAt = account.deactivatedAt { value["deactivatedAt"] = date(deactivatedAt) }
        if let sessions { value["sessionCount"] = .number(Double(sessions)) }
        if let apiTokens { value["apiTokenCount"] = .number(Double(apiTokens)) }
        return .object(value)
    }

    static func invitation(_ invitation: Invitation, now: Date) -> JSONValue {
        var value: [String: JSONValue] = [
            "id": .string(invitation.id.lowercasedText), "email": .string(invitation.email),
            "role": .string(invitation.role.rawValue), "authMethod": .string(invitation.authMethod.rawValue),
            "state": .string(invitation.state(at: now).rawValue), "createdAt": date(invitation.createdAt),
            "expiresAt": date(invitation.expiresAt), "sendCount": .number(Double(invitation.sendCount)),
        ]
        if let userName = invitation.userName { value["userName"] = .string(userName) }
        if let lastSentAt = invitation.lastSentAt { value["lastSentAt"] = date(lastSentAt) }
        if let error = invitation.lastSendError { value["lastSendError"] = .string(error) }
        if let by = invitation.invitedBy { value["invitedBy"] = .string(by.lowercasedText) }
        return .object(value)
    }

    static func delivery(_ delivery: AccessService.Delivery) -> JSONValue {
        switch delivery {
        case .sent: ["mail": "sent"]
        case .failed(let reason): ["mail": "failed", "reason": .string(reason)]
        case .notConfigured(let link) where link.isEmpty: ["mail": "notConfigured"]
        case .notConfigured(let link): ["mail": "notConfigured", "link": .string(link)]
        }
    }

    static func domain(_ domain: SignupDomain) -> JSONValue {
        ["domain": .string(domain.domain), "authMethod": .string(domain.authMethod.rawValue), "role": .string(domain.role.rawValue),
         "includeSubdomains": .bool(domain.includeSubdomains), "origin": .string(domain.origin.rawValue)]
    }
}
