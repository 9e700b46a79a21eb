import CLDAP
import Foundation

/// How one search request (one page, or one unpaged search) ended.
struct LDAPPageEnd {
    /// Search continuation references returned instead of entries (never chased).
    var references = 0
    /// The final result code (success, size/time limit, referral …).
    var result = LDAPResultCode.success
    /// The paged-results cookie; empty when this was the last page.
    var cookie: [UInt8] = []
}

extension LDAPHandle {
    /// Runs one search request, paged when `pageSize` is given (RFC 2696), and hands its entries to `onEntries` in
    /// batches of up to `batchSize` as they arrive (`ldap_search_ext` + `ldap_result` one message at a time), so the
    /// entries are decoded while the server is still sending the rest of the page.
    func searchPage(
        base: String, scope: Int32, filter: String, attributes: [String], pageSize: Int?, cookie: [UInt8],
        batchSize: Int = 256, onEntries: ([LDAPEntry]) throws -> Void
    ) throws -> LDAPPageEnd {
        var controls: [UnsafeMutablePointer<LDAPControl>?] = []
        defer { for control in controls { ldap_control_free(control) } }
        if let pageSize {
            controls.append(try control(cookie: cookie, "create paged-results control") { value, control in
                ldap_create_page_control(ld, Int32(pageSize), &value, 1, &control)
            })
        }
        let names = AttributeNames(attributes)
        let messageID = try startSearch(base: base, scope: scope, filter: filter, attributes: attributes,
                                        controls: controls, operation: "search")
        var end = LDAPPageEnd()
        var batch: [LDAPEntry] = []
        batch.reserveCapacity(batchSize)
        while true {
            let (type, message) = try nextMessage(of: messageID, "search")
            defer { ldap_msgfree(message) }
            switch type {
            case Int32(LDAP_RES_SEARCH_ENTRY):
                batch.append(readEntry(message, names: names))
                if batch.count >= batchSize {
                    try onEntries(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            case Int32(LDAP_RES_SEARCH_REFERENCE):
                end.references += 1
            case Int32(LDAP_RES_SEARCH_RESULT):
                if !batch.isEmpty { try onEntries(batch) }
                try readResult(message, into: &end)
                let tolerated: [LDAPResultCode] = [.success, .sizeLimitExceeded, .timeLimitExceeded, .referral,
                                                   .adminLimitExceeded]
                guard tolerated.contains(end.result) else {
                    throw LDAPError(code: end.result, operation: "search", diagnostic: diagnosticMessage())
                }
                return end
            default:
                continue
            }
        }
    }

    /// One search request's entries, collected (small reads: ranged attribute chunks, the root DSE).
    func searchPage(
        base: String, scope: Int32, filter: String, attributes: [String], pageSize: Int?, cookie: [UInt8]
    ) throws -> (entries: [LDAPEntry], end: LDAPPageEnd) {
        var entries: [LDAPEntry] = []
        let end = try searchPage(base: base, scope: scope, filter: filter, attributes: attributes, pageSize: pageSize,
                                 cookie: cookie) { entries += $0 }
        return (entries, end)
    }

    func lastResultCode() -> Int32 {
        var code: Int32 = 0
        _ = ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &code)
        return code == 0 ? -1 : code
    }

    private func readResult(_ message: OpaquePointer, into end: inout LDAPPageEnd) throws(LDAPError) {
        var code: Int32 = 0
        var serverControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        try check(ldap_parse_result(ld, message, &code, nil, nil, nil, &serverControls, 0), "read search result")
        defer { ldap_controls_free(serverControls) }
        end.result = LDAPResultCode(rawValue: code)
        guard let control = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, serverControls, nil) else { return }
        var estimate: ber_int_t = 0
        var cookie = berval(bv_len: 0, bv_val: nil)
        try check(ldap_parse_pageresponse_control(ld, control, &estimate, &cookie), "read paged-results control")
        defer { ber_memfree(cookie.bv_val) }
        if let bytes = cookie.bv_val, cookie.bv_len > 0 {
            end.cookie = Array(UnsafeRawBufferPointer(start: bytes, count: Int(cookie.bv_len)))
        }
    }

    /// Decodes an entry with `ldap_get_dn_ber` / `ldap_get_attribute_ber`: the DN, names and values are read in
    /// place from the message's BER (libldap copies nothing); each value is copied once, into its `[UInt8]`.
    func readEntry(_ entry: OpaquePointer, names: AttributeNames) -> LDAPEntry {
        var ber: OpaquePointer?
        var dnValue = berval(bv_len: 0, bv_val: nil)
        guard ldap_get_dn_ber(ld, entry, &ber, &dnValue) == LDAP_SUCCESS, let ber else {
            return LDAPEntry(dn: "", attributes: [:])
        }
        defer { ber_free(ber, 0) }
        let dn = dnValue.bv_val.map {
            String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(dnValue.bv_len)), as: UTF8.self)
        } ?? ""
        var attributes: [String: [[UInt8]]] = [:]
        attributes.reserveCapacity(names.count)
        while true {
            var name = berval(bv_len: 0, bv_val: nil)
            var values: UnsafeMutablePointer<berval>?
            guard ldap_get_attribute_ber(ld, entry, ber, &name, &values) == LDAP_SUCCESS, let nameBytes = name.bv_val else {
                if let values { ber_memfree(values) }
                break
            }
            var list: [[UInt8]] = []
            if let values {
                var index = 0
                while let bytes = values[index].bv_val {
                    list.append(Array(UnsafeRawBufferPointer(start: bytes, count: Int(values[index].bv_len))))
                    index += 1
                }
                ber_memfree(values)
            }
            attributes[names.key(UnsafeRawBufferPointer(start: nameBytes, count: Int(name.bv_len)))] = list
        }
        return LDAPEntry(dn: dn, attributes: attributes)
    }
}

/// The lower-cased keys of the attributes a search asked for, matched against the names the server returns
/// (`strcasecmp`, no string built); other names (options such as `;range=0-1499`) are lower-cased as they come.
struct AttributeNames {
    private let requested: [[CChar]]
    private let keys: [String]

    init(_ attributes: [String]) {
        requested = attributes.map { Array($0.utf8CString) }
        keys = attributes.map { $0.lowercased() }
    }

    var count: Int { keys.count }

    func key(_ name: UnsafeRawBufferPointer) -> String {
        for index in requested.indices where requested[index].count - 1 == name.count {
            let equal = requested[index].withUnsafeBufferPointer { requested in
                strncasecmp(requested.baseAddress!, name.baseAddress!.assumingMemoryBound(to: CChar.self), name.count) == 0
            }
            if equal { return keys[index] }
        }
        return String(decoding: name, as: UTF8.self).lowercased()
    }
}
