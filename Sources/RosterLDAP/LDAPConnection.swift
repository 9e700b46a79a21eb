import CLDAP
import Foundation

/// One connection to a directory, owned by an actor whose executor is its own dispatch queue: blocking libldap
/// calls run there, never on the cooperative pool, and the handle is never shared.
public actor LDAPConnection {
    private let executor: DispatchQueueExecutor
    let handle: LDAPHandle

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Connects (lazily: the first operation opens the socket), runs StartTLS if asked, and binds.
    public init(_ options: LDAPConnectionOptions, bindDN: String?, password: String?) async throws(LDAPError) {
        executor = DispatchQueueExecutor(label: "roster.ldap")
        handle = try LDAPHandle(options)
        try setUp(startTLS: options.startTLS, bindDN: bindDN, password: password)
    }

    private func setUp(startTLS: Bool, bindDN: String?, password: String?) throws(LDAPError) {
        if startTLS { try handle.startTLS() }
        try handle.bind(dn: bindDN, password: password)
    }

    /// Runs a search to the end, page by page, handing entries to `consume` in batches as they arrive (so a large
    /// directory is never held twice, and entries are converted while the server still sends). Ranged attributes
    /// are read to the end before an entry is handed over (pages of such searches are collected first: the extra
    /// range reads go over the same connection). The returned completeness says whether everything in scope was read.
    public func search(
        _ request: LDAPSearchRequest, consume: ([LDAPEntry]) throws -> Void
    ) throws -> SearchCompleteness {
        var completeness = SearchCompleteness()
        var cookie: [UInt8] = []
        var pages = 0
        repeat {
            let end: LDAPPageEnd
            if request.rangedAttributes.isEmpty {
                end = try handle.searchPage(
                    base: request.base, scope: request.scope.rawValue, filter: request.filter,
                    attributes: request.attributes, pageSize: request.pageSize, cookie: cookie, onEntries: consume)
            } else {
                var page = try handle.searchPage(
                    base: request.base, scope: request.scope.rawValue, filter: request.filter,
                    attributes: request.attributes, pageSize: request.pageSize, cookie: cookie)
                for index in page.entries.indices {
                    try completeRanges(&page.entries[index], request.rangedAttributes, &completeness)
                }
                try consume(page.entries)
                end = page.end
            }
            pages += 1
            switch end.result {
            case .success: break
            case .sizeLimitExceeded: completeness.record("size limit exceeded after \(pages) page(s) (server sizelimit)")
            case .timeLimitExceeded: completeness.record("time limit exceeded")
            case .adminLimitExceeded: completeness.record("administrative limit exceeded")
            case .referral: completeness.record("the server returned a referral, which is not followed")
            default: completeness.record("search ended with \(end.result)")
            }
            if end.references > 0 {
                completeness.record("\(end.references) continuation reference(s) not followed")
            }
            cookie = end.cookie
            if end.result != .success { break }
        } while request.pageSize != nil && !cookie.isEmpty
        return completeness
    }

    /// Replaces `member;range=0-1499` style values with the whole list, requesting the next ranges by DN.
    private func completeRanges(
        _ entry: inout LDAPEntry, _ attributes: [String], _ completeness: inout SearchCompleteness
    ) throws {
        for attribute in attributes.map({ $0.lowercased() }) {
            guard let key = entry.attributes.keys.first(where: { $0.hasPrefix(attribute + ";range=") }),
                  var values = entry.attributes.removeValue(forKey: key) else { continue }
            var range = RangeOption(key)
            var rounds = 0
            while let next = range?.nextRequest(attribute), rounds < 10_000 {
                rounds += 1
                let page = try handle.searchPage(base: entry.dn, scope: LDAPSearchRequest.Scope.base.rawValue,
                                                 filter: "(objectClass=*)", attributes: [next], pageSize: nil, cookie: [])
                guard let chunk = page.entries.first,
                      let chunkKey = chunk.attributes.keys.first(where: { $0.hasPrefix(attribute + ";range=") }) else {
                    completeness.record("ranged attribute \(attribute) of an entry could not be read to the end")
                    break
                }
                values += chunk.attributes[chunkKey] ?? []
                range = RangeOption(chunkKey)
            }
            entry.attributes[attribute] = values
        }
    }
}

/// The `;range=LOW-HIGH` option of an AD attribute; HIGH `*` marks the last chunk.
struct RangeOption {
    var high: Int?

    init?(_ key: String) {
        guard let option = key.split(separator: ";").first(where: { $0.hasPrefix("range=") }) else { return nil }
        let bounds = option.dropFirst("range=".count).split(separator: "-")
        guard bounds.count == 2 else { return nil }
        high = bounds[1] == "*" ? nil : Int(bounds[1])
        if bounds[1] != "*", high == nil { return nil }
    }

    /// The next attribute description to request, or nil after the last chunk.
    func nextRequest(_ attribute: String) -> String? {
        high.map { "\(attribute);range=\($0 + 1)-*" }
    }
}
