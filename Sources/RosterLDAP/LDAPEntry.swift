/// One entry of a search result: its DN and its attribute values as raw bytes (attribute names lower-cased).
public struct LDAPEntry: Sendable, Hashable {
    public var dn: String
    /// Values by lower-cased attribute name (options such as `;range=…` stripped after ranged reads).
    public var attributes: [String: [[UInt8]]]

    public init(dn: String, attributes: [String: [[UInt8]]]) {
        self.dn = dn
        self.attributes = attributes
    }

    /// The raw values of an attribute by its lower-cased name (no case folding here: the hot path).
    public func values(lowercased key: String) -> [[UInt8]]? {
        attributes[key]
    }

    /// The values of `name` as UTF-8 strings.
    public func strings(_ name: String) -> [String] {
        (attributes[name.lowercased()] ?? []).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The first value of `name` as a string.
    public func string(_ name: String) -> String? {
        attributes[name.lowercased()]?.first.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The first value of `name` as bytes.
    public func bytes(_ name: String) -> [UInt8]? {
        attributes[name.lowercased()]?.first
    }
}
