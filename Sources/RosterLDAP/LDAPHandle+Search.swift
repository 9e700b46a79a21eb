import CLDAP
import Foundation

/// One page (or one unpaged result) of a search.
struct LDAPPage {
    var entries: [LDAPEntry] = []
    /// Search continuation references returned instead of entries (never chased).
    var references = 0
    /// The final result code (success, size/time limit, referral …).
    var result = LDAPResultCode.success
    /// The paged-results cookie; empty when this was the last page.
    var cookie: [UInt8] = []
}

extension LDAPHandle {
    /// Runs one search request, paged when `pageSize` is given (RFC 2696).
    func searchPage(
        base: String, scope: Int32, filter: String, attributes: [String], pageSize: Int?, cookie: [UInt8]
    ) throws(LDAPError) -> LDAPPage {
        var controls: [UnsafeMutablePointer<LDAPControl>?] = []
        defer { for control in controls { ldap_control_free(control) } }
        if let pageSize {
            var control: UnsafeMutablePointer<LDAPControl>?
            var cookieBytes = cookie.map { CChar(bitPattern: $0) }
            let rc = cookieBytes.withUnsafeMutableBufferPointer { buffer in
                var value = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.count > 0 ? buffer.baseAddress : nil)
                return ldap_create_page_control(ld, Int32(pageSize), &value, 1, &control)
            }
            try check(rc, "create paged-results control")
            controls.append(control)
        }
        controls.append(nil)
        var result: OpaquePointer?
        var timeout = timeval(tv_sec: options.operationTimeout, tv_usec: 0)
        let attributeList = attributes.map { strdup($0) } + [nil]
        defer { attributeList.forEach { free($0) } }
        let rc = attributeList.withUnsafeBufferPointer { names in
            controls.withUnsafeMutableBufferPointer { serverControls in
                ldap_search_ext_s(
                    ld, base, scope, filter, UnsafeMutablePointer(mutating: names.baseAddress), 0,
                    serverControls.baseAddress, nil, &timeout, 0, &result)
            }
        }
        defer { ldap_msgfree(result) }
        let code = LDAPResultCode(rawValue: rc)
        let tolerated: [LDAPResultCode] = [.success, .sizeLimitExceeded, .timeLimitExceeded, .referral, .adminLimitExceeded]
        guard let result, tolerated.contains(code) else {
            throw LDAPError(code: code, operation: "search", diagnostic: diagnosticMessage())
        }
        return try readPage(result)
    }

    private func readPage(_ chain: OpaquePointer) throws(LDAPError) -> LDAPPage {
        var page = LDAPPage()
        var message = ldap_first_message(ld, chain)
        while let current = message {
            switch ldap_msgtype(current) {
            case Int32(LDAP_RES_SEARCH_ENTRY):
                page.entries.append(readEntry(current))
            case Int32(LDAP_RES_SEARCH_REFERENCE):
                page.references += 1
            case Int32(LDAP_RES_SEARCH_RESULT):
                try readResult(current, into: &page)
            default:
                break
            }
            message = ldap_next_message(ld, current)
        }
        return page
    }

    private func readResult(_ message: OpaquePointer, into page: inout LDAPPage) throws(LDAPError) {
        var code: Int32 = 0
        var serverControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        try check(ldap_parse_result(ld, message, &code, nil, nil, nil, &serverControls, 0), "read search result")
        defer { ldap_controls_free(serverControls) }
        page.result = LDAPResultCode(rawValue: code)
        guard let control = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, serverControls, nil) else { return }
        var estimate: ber_int_t = 0
        var cookie = berval(bv_len: 0, bv_val: nil)
        try check(ldap_parse_pageresponse_control(ld, control, &estimate, &cookie), "read paged-results control")
        defer { ber_memfree(cookie.bv_val) }
        if let bytes = cookie.bv_val, cookie.bv_len > 0 {
            page.cookie = UnsafeRawBufferPointer(start: bytes, count: Int(cookie.bv_len)).map { $0 }
        }
    }

    private func readEntry(_ entry: OpaquePointer) -> LDAPEntry {
        var dn = ""
        if let text = ldap_get_dn(ld, entry) {
            dn = String(cString: text)
            ldap_memfree(text)
        }
        var attributes: [String: [[UInt8]]] = [:]
        var ber: OpaquePointer?
        var name = ldap_first_attribute(ld, entry, &ber)
        while let attribute = name {
            let key = String(cString: attribute).lowercased()
            if let values = ldap_get_values_len(ld, entry, attribute) {
                var index = 0
                var list: [[UInt8]] = []
                while let value = values[index] {
                    let bytes = value.pointee.bv_val.map {
                        UnsafeRawBufferPointer(start: $0, count: Int(value.pointee.bv_len)).map { $0 }
                    } ?? []
                    list.append(bytes)
                    index += 1
                }
                ldap_value_free_len(values)
                attributes[key] = list
            }
            ldap_memfree(attribute)
            name = ldap_next_attribute(ld, entry, ber)
        }
        if let ber { ber_free(ber, 0) }
        return LDAPEntry(dn: dn, attributes: attributes)
    }
}
