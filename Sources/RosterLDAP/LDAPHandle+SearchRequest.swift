import CLDAP
import Foundation

/// The parts every search of this module shares, whatever control it carries (paged results, RFC 4533 content sync,
/// DirSync): a control built from a cookie, the asynchronous `ldap_search_ext`, and `ldap_result` one message at a time
/// with the operation timeout, abandoning the search when no answer comes.
extension LDAPHandle {
    /// A control built by `create` from `cookie` (libldap's create functions take the cookie as a `berval`; an empty
    /// cookie is passed as an empty one). The caller frees it with `ldap_control_free`.
    func control(
        cookie: [UInt8], _ operation: String,
        _ create: (inout berval, inout UnsafeMutablePointer<LDAPControl>?) -> Int32
    ) throws(LDAPError) -> UnsafeMutablePointer<LDAPControl>? {
        var control: UnsafeMutablePointer<LDAPControl>?
        var cookieBytes = cookie.map { CChar(bitPattern: $0) }
        let rc = cookieBytes.withUnsafeMutableBufferPointer { buffer in
            var value = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.count > 0 ? buffer.baseAddress : nil)
            return create(&value, &control)
        }
        try check(rc, operation)
        return control
    }

    /// Sends a search with `controls` (server controls, without the terminating nil) and returns its message id.
    func startSearch(
        base: String, scope: Int32, filter: String, attributes: [String],
        controls: [UnsafeMutablePointer<LDAPControl>?], operation: String
    ) throws(LDAPError) -> Int32 {
        var serverControls = controls + [nil]
        var timeout = timeval(tv_sec: options.operationTimeout, tv_usec: 0)
        let attributeList = attributes.map { strdup($0) } + [nil]
        defer { attributeList.forEach { free($0) } }
        var messageID: Int32 = 0
        let rc = attributeList.withUnsafeBufferPointer { list in
            serverControls.withUnsafeMutableBufferPointer { pointers in
                ldap_search_ext(
                    ld, base, scope, filter, UnsafeMutablePointer(mutating: list.baseAddress), 0,
                    pointers.baseAddress, nil, &timeout, 0, &messageID)
            }
        }
        try check(rc, operation)
        return messageID
    }

    /// The next message of search `messageID` and its type; the caller frees it with `ldap_msgfree`. No answer within
    /// the operation timeout, or a failed read, abandons the search and throws.
    func nextMessage(of messageID: Int32, _ operation: String) throws(LDAPError) -> (type: Int32, message: OpaquePointer) {
        var message: OpaquePointer?
        var wait = timeval(tv_sec: options.operationTimeout, tv_usec: 0)
        let type = ldap_result(ld, messageID, Int32(LDAP_MSG_ONE), &wait, &message)
        guard type > 0, let message else {
            ldap_abandon_ext(ld, messageID, nil, nil)
            if type == 0 {
                throw LDAPError(code: .timeout, operation: "\(operation) (no answer within \(options.operationTimeout) s)")
            }
            throw LDAPError(code: LDAPResultCode(rawValue: lastResultCode()), operation: operation, diagnostic: diagnosticMessage())
        }
        return (type, message)
    }
}
