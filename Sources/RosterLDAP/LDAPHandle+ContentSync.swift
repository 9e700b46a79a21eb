import CLDAP
import Foundation

extension LDAPHandle {
    /// Runs one RFC 4533 refreshOnly search (critical Sync Request control, mode refreshOnly, the cookie,
    /// reloadHint FALSE) to its end. Added and modified entries go to `onEntries` in batches as they arrive;
    /// present and deleted UUIDs (Sync State controls of entries, Sync Info `syncIdSet` messages) and the final cookie
    /// (Sync Done control, or the last Sync Info cookie) are collected in the result.
    ///
    /// Unpaged on purpose: OpenLDAP answers a sync search combined with a paged-results control with the first page
    /// and a Sync Done, losing the rest of the changes. Any result but success throws (a size limit, a refused or
    /// unknown control, `e-syncRefreshRequired`): the refresh is then no proof of anything and the caller reads
    /// the directory as without content sync.
    func contentSyncRefresh(
        base: String, scope: Int32, filter: String, attributes: [String], cookie: [UInt8], batchSize: Int = 256,
        onEntries: ([LDAPEntry]) throws -> Void
    ) throws -> ContentSyncRefresh {
        let control = try self.control(cookie: cookie, "create sync request control") { value, control in
            cldap_sync_request_control(Int32(LDAP_SYNC_REFRESH_ONLY), &value, &control)
        }
        defer { ldap_control_free(control) }
        let names = AttributeNames(attributes)
        let messageID = try startSearch(base: base, scope: scope, filter: filter, attributes: attributes,
                                        controls: [control], operation: "content sync search")
        var refresh = ContentSyncRefresh()
        var batch: [LDAPEntry] = []
        batch.reserveCapacity(batchSize)
        while true {
            let (type, message) = try nextMessage(of: messageID, "content sync search")
            defer { ldap_msgfree(message) }
            switch type {
            case Int32(LDAP_RES_SEARCH_ENTRY):
                guard let (state, uuid) = syncState(message) else {
                    throw LDAPError(code: .localError, operation: "content sync search (an entry without a valid Sync State control)")
                }
                switch Int32(state) {
                case LDAP_SYNC_ADD, LDAP_SYNC_MODIFY:
                    refresh.changed += 1
                    batch.append(readEntry(message, names: names))
                    if batch.count >= batchSize {
                        try onEntries(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                case LDAP_SYNC_PRESENT:
                    refresh.present.insert(uuid)
                case LDAP_SYNC_DELETE:
                    refresh.deleted.insert(uuid)
                default:
                    throw LDAPError(code: .localError, operation: "content sync search (unknown Sync State \(state))")
                }
            case Int32(LDAP_RES_INTERMEDIATE):
                try readSyncInfo(message, into: &refresh)
            case Int32(LDAP_RES_SEARCH_REFERENCE):
                // A referral instead of entries: the refresh did not see everything.
                ldap_abandon_ext(ld, messageID, nil, nil)
                throw LDAPError(code: .referral, operation: "content sync search (continuation reference)")
            case Int32(LDAP_RES_SEARCH_RESULT):
                if !batch.isEmpty { try onEntries(batch) }
                try readSyncDone(message, into: &refresh)
                return refresh
            default:
                continue
            }
        }
    }

    /// The state and UUID of an entry's Sync State control.
    private func syncState(_ entry: OpaquePointer) -> (Int32, String)? {
        var controls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        guard ldap_get_entry_controls(ld, entry, &controls) == LDAP_SUCCESS else { return nil }
        defer { ldap_controls_free(controls) }
        guard let control = ldap_control_find(cldap_control_sync_state, controls, nil) else { return nil }
        var state: Int32 = 0
        var uuid = [UInt8](repeating: 0, count: 16)
        guard cldap_parse_sync_state(&control.pointee.ldctl_value, &state, &uuid) == 0,
              let text = ContentSyncRefresh.uuidText(uuid) else { return nil }
        return (state, text)
    }

    /// A Sync Info intermediate response: a new cookie, the end of a refresh phase, or a set of UUIDs (deleted when
    /// `refreshDeletes` is TRUE, present otherwise).
    private func readSyncInfo(_ message: OpaquePointer, into refresh: inout ContentSyncRefresh) throws(LDAPError) {
        var oid: UnsafeMutablePointer<CChar>?
        var data: UnsafeMutablePointer<berval>?
        try check(ldap_parse_intermediate(ld, message, &oid, &data, nil, 0), "read sync info")
        defer {
            ldap_memfree(oid)
            ber_bvfree(data)
        }
        guard let oid, String(cString: oid) == String(cString: cldap_sync_info), let data else { return }
        var kind: UInt32 = 0
        var cookie = berval(bv_len: 0, bv_val: nil)
        var flag: Int32 = 0
        var uuids: BerVarray?
        guard cldap_parse_sync_info(data, &kind, &cookie, &flag, &uuids) == 0 else {
            throw LDAPError(code: .localError, operation: "read sync info (malformed)")
        }
        defer {
            ber_memfree(cookie.bv_val)
            ber_bvarray_free(uuids)
        }
        if let bytes = cookie.bv_val, cookie.bv_len > 0 {
            refresh.cookie = Array(UnsafeRawBufferPointer(start: bytes, count: Int(cookie.bv_len)))
        }
        switch UInt(kind) {
        case UInt(LDAP_TAG_SYNC_REFRESH_PRESENT):
            refresh.presentPhase = true
        case UInt(LDAP_TAG_SYNC_ID_SET):
            var index = 0
            while let uuids, let bytes = uuids[index].bv_val {
                let raw = Array(UnsafeRawBufferPointer(start: bytes, count: Int(uuids[index].bv_len)))
                guard let text = ContentSyncRefresh.uuidText(raw) else {
                    throw LDAPError(code: .localError, operation: "read sync info (a UUID without 16 bytes)")
                }
                if flag != 0 { refresh.deleted.insert(text) } else { refresh.present.insert(text) }
                index += 1
            }
        default:
            break
        }
    }

    /// The search result: its code (anything but success throws) and the Sync Done control's cookie and
    /// `refreshDeletes` (FALSE: the refresh was a present phase).
    private func readSyncDone(_ message: OpaquePointer, into refresh: inout ContentSyncRefresh) throws(LDAPError) {
        var code: Int32 = 0
        var serverControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        try check(ldap_parse_result(ld, message, &code, nil, nil, nil, &serverControls, 0), "read content sync result")
        defer { ldap_controls_free(serverControls) }
        guard code == LDAP_SUCCESS else {
            throw LDAPError(code: LDAPResultCode(rawValue: code), operation: "content sync search",
                            diagnostic: diagnosticMessage())
        }
        guard let control = ldap_control_find(cldap_control_sync_done, serverControls, nil) else {
            throw LDAPError(code: .localError, operation: "content sync search (no Sync Done control)")
        }
        var cookie = berval(bv_len: 0, bv_val: nil)
        var refreshDeletes: Int32 = 0
        guard cldap_parse_sync_done(&control.pointee.ldctl_value, &cookie, &refreshDeletes) == 0 else {
            throw LDAPError(code: .localError, operation: "content sync search (malformed Sync Done control)")
        }
        defer { ber_memfree(cookie.bv_val) }
        if let bytes = cookie.bv_val, cookie.bv_len > 0 {
            refresh.cookie = Array(UnsafeRawBufferPointer(start: bytes, count: Int(cookie.bv_len)))
        }
        if refreshDeletes == 0 { refresh.presentPhase = true }
    }
}
