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
        let control = try self.control(cookie: cookie, "create DirSync control") { value, control in
            ldap_create_dirsync_control(ld, flags, 0, &value, &control)
        }
        defer { ldap_control_free(control) }
        let names = AttributeNames(attributes)
        let messageID = try startSearch(base: base, scope: LDAP_SCOPE_SUBTREE, filter: filter, attributes: attributes,
                                        controls: [control], operation: "DirSync search")
        var round = DirSyncRound()
        while true {
            let (type, message) = try nextMessage(of: messageID, "DirSync search")
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
