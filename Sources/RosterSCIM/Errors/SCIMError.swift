/// An error answered with the RFC 7644 §3.12 error body: an HTTP status, an optional `scimType` and a detail.
public struct SCIMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `scimType` values of RFC 7644 Table 9.
    public enum SCIMType: String, Sendable, Hashable {
        case invalidFilter, tooMany, uniqueness, mutability, invalidSyntax, invalidPath, noTarget, invalidValue
        case invalidVers, sensitive
    }

    public var status: Int
    public var scimType: SCIMType?
    public var detail: String

    public init(status: Int, scimType: SCIMType? = nil, detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    public var description: String { "\(status) \(scimType?.rawValue ?? "-"): \(detail)" }

    /// The error body: `{"schemas": [Error URN], "status": "400", "scimType": …, "detail": …}`.
    public var jsonValue: JSONValue {
        var body: [String: JSONValue] = [
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status": .string(String(status)),
            "detail": .string(detail),
        ]
        if let scimType { body["scimType"] = .string(scimType.rawValue) }
        return .object(body)
    }

    public static func invalidFilter(_ detail: String) -> SCIMError { .init(status: 400, scimType: .invalidFilter, detail: detail) }
    public static func invalidPath(_ detail: String) -> SCIMError { .init(status: 400, scimType: .invalidPath, detail: detail) }
    public static func invalidValue(_ detail: String) -> SCIMError { .init(status: 400, scimType: .invalidValue, detail: detail) }
    public static func invalidSyntax(_ detail: String) -> SCIMError { .init(status: 400, scimType: .invalidSyntax, detail: detail) }
    public static func noTarget(_ detail: String) -> SCIMError { .init(status: 400, scimType: .noTarget, detail: detail) }
    public static func mutability(_ detail: String) -> SCIMError { .init(status: 400, scimType: .mutability, detail: detail) }
    public static func tooMany(_ detail: String) -> SCIMError { .init(status: 400, scimType: .tooMany, detail: detail) }
    public static func uniqueness(_ detail: String) -> SCIMError { .init(status: 409, scimType: .uniqueness, detail: detail) }
    public static func badRequest(_ detail: String) -> SCIMError { .init(status: 400, detail: detail) }
    public static func notFound(_ detail: String) -> SCIMError { .init(status: 404, detail: detail) }
    public static func unauthorized(_ detail: String) -> SCIMError { .init(status: 401, detail: detail) }
    public static func forbidden(_ detail: String) -> SCIMError { .init(status: 403, detail: detail) }
    public static func preconditionFailed(_ detail: String) -> SCIMError { .init(status: 412, detail: detail) }
    public static func payloadTooLarge(_ detail: String) -> SCIMError { .init(status: 413, detail: detail) }
    public static func methodNotAllowed(_ detail: String) -> SCIMError { .init(status: 405, detail: detail) }
    public static func notImplemented(_ detail: String) -> SCIMError { .init(status: 501, detail: detail) }
    public static func conflict(_ detail: String) -> SCIMError { .init(status: 409, detail: detail) }
    public static func internalError(_ detail: String) -> SCIMError { .init(status: 500, detail: detail) }
}
