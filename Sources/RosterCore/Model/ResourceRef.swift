/// A resource registered in the ownership registry, written `TYPE:ID` (e.g. `project:42`).
public struct ResourceRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// Parses `TYPE:ID`. The type is 1–64 of `[A-Za-z0-9_.-]`; the id is 1–256 printable characters.
    public init(parsing text: String) throws(RosterError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw RosterError(.invalidResource, "a resource is written TYPE:ID")
        }
        let type = String(text[..<colon])
        let id = String(text[text.index(after: colon)...])
        let typeOK = (1...64).contains(type.count)
            && type.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || "_.-".unicodeScalars.contains($0) }
        guard typeOK else {
            throw RosterError(.invalidResource, "resource type must be 1-64 letters, digits, '_', '.' or '-'")
        }
        guard (1...256).contains(id.count), !id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RosterError(.invalidResource, "resource id must be 1-256 printable characters")
        }
        self.init(type: type, id: id)
    }

    public var description: String { "\(type):\(id)" }

    public static func < (lhs: ResourceRef, rhs: ResourceRef) -> Bool {
        (lhs.type, lhs.id) < (rhs.type, rhs.id)
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        isASCII && (("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self))
    }
}
