import CLDAP
import Foundation

/// The one owner of a libldap `LDAP*` handle: every C call goes through here, synchronously.
///
/// `@unchecked Sendable` because the handle is only ever used from the serial executor of the ``LDAPConnection``
/// actor that owns it (see `LDAPConnection.unownedExecutor`); nothing else holds a reference.
final class LDAPHandle: @unchecked Sendable {
    let ld: OpaquePointer
    let options: LDAPConnectionOptions

    /// Initialises the handle (no network yet) with protocol v3, timeouts, referrals off and TLS settings.
    init(_ options: LDAPConnectionOptions) throws(LDAPError) {
        self.options = options
        var pointer: OpaquePointer?
        let rc = ldap_initialize(&pointer, options.url)
        guard rc == LDAP_SUCCESS, let pointer else {
            throw LDAPError(code: LDAPResultCode(rawValue: rc), operation: "initialize (check the URL)")
        }
        ld = pointer
        var version = LDAP_VERSION3
        try check(ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version), "set protocol version")
        var network = timeval(tv_sec: options.networkTimeout, tv_usec: 0)
        try check(ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network), "set network timeout")
        var operation = timeval(tv_sec: options.operationTimeout, tv_usec: 0)
        try check(ldap_set_option(ld, LDAP_OPT_TIMEOUT, &operation), "set operation timeout")
        try check(ldap_set_option(ld, LDAP_OPT_REFERRALS, nil), "turn referral chasing off")
        var require = options.tlsVerify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER
        try check(ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require), "set certificate verification")
        if let ca = options.caFile {
            let rc = ca.withCString { path in ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, path) }
            try check(rc, "set CA file")
        }
        // Without a new TLS context the per-handle TLS options above are ignored.
        var zero: Int32 = 0
        try check(ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &zero), "create TLS context")
    }

    deinit {
        ldap_unbind_ext(ld, nil, nil)
    }

    func check(_ rc: Int32, _ operation: String) throws(LDAPError) {
        guard rc != LDAP_SUCCESS else { return }
        throw LDAPError(code: LDAPResultCode(rawValue: rc), operation: operation, diagnostic: diagnosticMessage())
    }

    func diagnosticMessage() -> String? {
        var message: UnsafeMutablePointer<CChar>?
        guard ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) == LDAP_SUCCESS, let message else { return nil }
        defer { ldap_memfree(message) }
        return String(cString: message)
    }

    func startTLS() throws(LDAPError) {
        try check(ldap_start_tls_s(ld, nil, nil), "StartTLS")
    }

    /// Simple bind; an empty DN binds anonymously. The password is never logged or kept.
    func bind(dn: String?, password: String?) throws(LDAPError) {
        var bytes = Array((password ?? "").utf8).map { CChar(bitPattern: $0) }
        let rc = bytes.withUnsafeMutableBufferPointer { buffer in
            var credential = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.baseAddress)
            return ldap_sasl_bind_s(ld, dn ?? "", cldap_sasl_simple, &credential, nil, nil, nil)
        }
        for index in bytes.indices { bytes[index] = 0 }
        try check(rc, "bind")
    }
}
