import Foundation

extension SCIMRenderer {
    /// The JSON text of ``user(_:)`` for a record read with its body unparsed (``SCIMUserRecord/bodyText``): the
    /// stored body's members are copied verbatim (Roster wrote that text itself) and the members the renderer owns
    /// (`id`, `userName`, `active`, `externalId`, `groups`, `schemas`, `meta`) are written from the record, by the
    /// same rules as ``user(_:)``. Nil when there is no stored text or it cannot be walked; callers then parse and
    /// render. This is the path of `GET /Users/{id}` without attribute selection, the hottest SCIM route.
    public func userJSON(_ record: SCIMUserRecord) -> [UInt8]? {
        guard var text = record.bodyText else { return nil }
        return text.withUTF8 { bytes -> [UInt8]? in
            guard let members = JSONMemberScanner.members(bytes) else { return nil }
            let account = record.account
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 512)
            out.append(UInt8(ascii: "{"))
            var storedActive: Range<Int>?
            var hasEnterprise = false
            func named(_ member: JSONMemberScanner.Member, _ name: StaticString) -> Bool {
                bytes[member.name].elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            }
            for member in members {
                if named(member, "active") {
                    storedActive = member.value
                    continue
                }
                if named(member, "id") || named(member, "userName") || named(member, "externalId") || named(member, "groups")
                    || named(member, "schemas") || named(member, "meta") {
                    continue
                }
                if named(member, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User") { hasEnterprise = true }
                if out.count > 1 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: bytes[member.quotedName])
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: bytes[member.value])
            }
            func member(_ name: StaticString, _ write: (inout [UInt8]) -> Void) {
                if out.count > 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
                out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
                write(&out)
            }
            let id = account.id.lowercasedText
            member("id") { JSONValue.writeString(id, into: &$0) }
            member("userName") { JSONValue.writeString(account.userName, into: &$0) }
            // As ``user(_:)``: a `null` marker means the client removed `active`; otherwise it is reported when the
            // client set it or the account is inactive.
            let removed = storedActive.map { bytes[$0].elementsEqual("null".utf8) } ?? false
            if !removed, storedActive != nil || !account.active {
                member("active") { JSONValue.bool(account.active).write(into: &$0) }
            }
            if let externalId = account.externalId { member("externalId") { JSONValue.writeString(externalId, into: &$0) } }
            if let groups = record.groups, !groups.isEmpty {
                member("groups") { out in
                    out.append(UInt8(ascii: "["))
                    for (index, group) in groups.enumerated() {
                        if index > 0 { out.append(UInt8(ascii: ",")) }
                        out.append(contentsOf: #"{"value":"#.utf8)
                        JSONValue.writeString(group.id, into: &out)
                        out.append(contentsOf: #","$ref":"#.utf8)
                        JSONValue.writeString(location(.group, id: group.id), into: &out)
                        out.append(contentsOf: #","type":"direct""#.utf8)
                        if let display = group.display {
                            out.append(contentsOf: #","display":"#.utf8)
                            JSONValue.writeString(display, into: &out)
                        }
                        out.append(UInt8(ascii: "}"))
                    }
                    out.append(UInt8(ascii: "]"))
                }
            }
            var schemas: [JSONValue] = [.string(SCIMSchemaCatalog.userSchemaID)]
            if hasEnterprise { schemas.append(.string(SCIMSchemaCatalog.enterpriseUserSchemaID)) }
            member("schemas") { JSONValue.array(schemas).write(into: &$0) }
            member("meta") { out in
                out.append(contentsOf: #"{"resourceType":"User","created":"#.utf8)
                JSONValue.writeString(SCIMDateTime.format(account.createdAt), into: &out)
                out.append(contentsOf: #","lastModified":"#.utf8)
                JSONValue.writeString(SCIMDateTime.format(account.updatedAt), into: &out)
                out.append(contentsOf: #","location":"#.utf8)
                JSONValue.writeString(location(.user, id: id), into: &out)
                out.append(contentsOf: #","version":"#.utf8)
                JSONValue.writeString(Self.etag(version: account.version), into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
            return out
        }
    }
}
