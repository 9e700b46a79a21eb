import CLDAP
import Foundation

/// One round of a DirSync search: its entries, the server's "more data" flag and the new cookie.
struct DirSyncRound {
    var entries: [LDAPEntry] = []
    var more = false
    var cookie: [UInt8] = []
}

extension LDAPHandle {
    /// Runs one DirSync search (critical control, `flags`, no attribute-count limit, the cookie; empty: none) to its
    /// end. Unpaged: DirSync pages itself through the "more data" flag. Any result but success throws (not permitted,
    /// a cookie the server cannot use, the control unknown): the caller then reads without DirSync.
    func dirSyncRound(
        base: String, filter: String, attributes: [String], flags: Int32, cookie: [UInt8]
    ) throws(LDAPError) -> DirSyncRound {
        var control: UnsafeMutablePointer<LDAPControl>?
        var cookieBytes = cookie.map { CChar(bitPattern: $0) }
        let created = cookieBytes.withUnsafeMutableBufferPointer { buffer in
            var value = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.count > 0 ? buffer.baseAddress : nil)
            return ldap_create_dirsync_control(ld, flags, 0, &value, &control)
        }
        try check(created, "create DirSync control")
        var controls: [UnsafeMutablePointer<LDAPControl>?] = [control, nil]
        defer { ldap_control_free(control) }
        var timeout = timeval(tv_sec: options.operationTimeout, tv_usec: 0)
        let names = AttributeNames(attributes)
        let attributeList = attributes.map { strdup($0) } + [nil]
        defer { attributeList.forEach { free($0) } }
        var messageID: Int32 = 0
        let rc = attributeList.withUnsafeBufferPointer { list in
            controls.withUnsafeMutableBufferPointer { serverControls in
                ldap_search_ext(
                    ld, base, LDAP_SCOPE_SUBTREE, filter, UnsafeMutablePointer(mutating: list.baseAddress), 0,
                    serverControls.baseAddress, nil, &timeout, 0, &messageID)
            }
        }
        try check(rc, "DirSync search")
        var round = DirSyncRound()
        while true {
            var message: OpaquePointer?
            var wait = timeval(tv_sec: options.operationTimeout, tv_usec: 0)
            let type = ldap_result(ld, messageID, Int32(LDAP_MSG_ONE), &wait, &message)
            guard type > 0, let message else {
                ldap_abandon_ext(ld, messageID, nil, nil)
                if type == 0 {
                    throw LDAPError(code: .timeout, operation: "DirSync search (no answer within \(options.operationTimeout) s)")
                }
                throw LDAPError(code: LDAPResultCode(rawValue: lastResultCode()), operation: "DirSync search",
                                diagnostic: diagnosticMessage())
            }
            defer { ldap_msgfree(message) }
            switch type {
            case Int32(LDAP_RES_SEARCH_ENTRY):
                round.entries.append(readEntry(message, names: names))
            case Int32(LDAP_RES_SEARCH_REFERENCE):
                // Continuation references (other naming contexts) name no entry of this domain.
                continue
            case Int32(LDAP_RES_SEARCH_RESULT):
                try readDirSyncResult(message, into: &round)
                return round
            default:
                continue
            }
        }
    }

    /// The search result: its code (anything but success throws) and the DirSync response control.
    private func readDirSyncResult(_ message: OpaquePointer, into round: inout DirSyncRound) throws(LDAPError) {
        var code: Int32 = 0
        var serverControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        try check(ldap_parse_result(ld, message, &code, nil, nil, nil, &serverControls, 0), "read DirSync result")
        defer { ldap_controls_free(serverControls) }
        guard code == LDAP_SUCCESS else {
            throw LDAPError(code: LDAPResultCode(rawValue: code), operation: "DirSync search", diagnostic: diagnosticMessage())
        }
        guard let control = ldap_control_find(LDAP_CONTROL_X_DIRSYNC, serverControls, nil) else {
            throw LDAPError(code: .localError, operation: "DirSync search (no DirSync response control)")
        }
        var more: Int32 = 0
        var cookie = berval(bv_len: 0, bv_val: nil)
        guard ldap_parse_dirsync_control(ld, control, &more, &cookie) == LDAP_SUCCESS else {
            throw LDAPError(code: .localError, operation: "DirSync search (malformed DirSync response control)")
        }
        defer { ber_memfree(cookie.bv_val) }
        round.more = more != 0
        if let bytes = cookie.bv_val, cookie.bv_len > 0 {
            round.cookie = Array(UnsafeRawBufferPointer(start: bytes, count: Int(cookie.bv_len)))
        }
    }
}
