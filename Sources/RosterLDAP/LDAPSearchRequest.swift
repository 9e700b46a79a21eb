/// A subtree search: base, filter (built with ``LDAPFilter``), attributes, paging.
public struct LDAPSearchRequest: Sendable {
    public enum Scope: Int32, Sendable {
        case base = 0
        case oneLevel = 1
        case subtree = 2
    }

    public var base: String
    public var scope: Scope
    public var filter: String
    public var attributes: [String]
    /// RFC 2696 page size; nil sends one unpaged request (cut off by server size limits).
    public var pageSize: Int?
    /// Attributes whose values may come in ranges (AD `member;range=0-1499`); read to the end.
    public var rangedAttributes: [String]

    public init(base: String, scope: Scope = .subtree, filter: String, attributes: [String], pageSize: Int? = 500,
                rangedAttributes: [String] = []) {
        self.base = base
        self.scope = scope
        self.filter = filter
        self.attributes = attributes
        self.pageSize = pageSize
        self.rangedAttributes = rangedAttributes
    }
}
