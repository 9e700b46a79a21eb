import RosterLDAP

/// Reads a directory's own change marker: a value that changes whenever anything in the directory is written
/// (added, modified, renamed, moved or deleted), so that an incremental run can tell an unchanged directory from
/// one pass over the root DSE and the naming context, without reading a single entry.
///
/// - Active Directory: `highestCommittedUSN` of the root DSE, with `dsServiceName` (USNs are per domain
///   controller; another DC gives another marker, hence a real run).
/// - OpenLDAP: `contextCSN` of the naming context holding the bases (kept by the `syncprov` overlay, which every
///   replicated OpenLDAP runs; without it OpenLDAP has no marker).
/// - 389-DS / FreeIPA: `lastusn` of the root DSE (the USN plug-in).
///
/// Anything else (or a marker the bind DN may not read) gives nil, and the run reads the directory as usual.
enum DirectoryMarker {
    static func read(_ connection: LDAPConnection, bases: [String]) async -> String? {
        let rootAttributes = ["namingContexts", "highestCommittedUSN", "dsServiceName", "lastusn"]
        var root: LDAPEntry?
        let rootRequest = LDAPSearchRequest(base: "", scope: .base, filter: "(objectClass=*)", attributes: rootAttributes,
                                            pageSize: nil)
        guard (try? await connection.search(rootRequest, consume: { root = root ?? $0.first })) != nil, let root else {
            return nil
        }
        if let usn = root.string("highestCommittedUSN") {
            return "ad:\(root.string("dsServiceName") ?? ""):\(usn)"
        }
        let usns = root.attributes.filter { $0.key.hasPrefix("lastusn") }
            .map { "\($0.key)=\($0.value.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ","))" }.sorted()
        if !usns.isEmpty { return "usn:" + usns.joined(separator: ";") }
        // OpenLDAP: the contextCSN of every naming context that holds one of the bases.
        let baseKeys = bases.map(DistinguishedName.key)
        let contexts = root.strings("namingContexts").filter { context in
            let key = DistinguishedName.key(context)
            return baseKeys.contains { $0 == key || $0.hasSuffix("," + key) }
        }
        guard !contexts.isEmpty else { return nil }
        var parts: [String] = []
        for context in contexts.sorted() {
            var csns: [String] = []
            let request = LDAPSearchRequest(base: context, scope: .base, filter: "(objectClass=*)", attributes: ["contextCSN"],
                                            pageSize: nil)
            guard (try? await connection.search(request, consume: { csns += $0.first?.strings("contextCSN") ?? [] })) != nil,
                  !csns.isEmpty else { return nil }
            parts.append("\(DistinguishedName.key(context))=\(csns.sorted().joined(separator: ","))")
        }
        return "csn:" + parts.joined(separator: ";")
    }
}
