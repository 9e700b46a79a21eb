#ifndef CLDAP_SHIM_H
#define CLDAP_SHIM_H
/* Only the non-deprecated API is used; LDAP_DEPRECATED stays undefined. */
#include <lber.h>
#include <ldap.h>
#include <string.h>
/* LDAP_SASL_SIMPLE is ((char*)0), which Swift cannot import. */
static const char *const cldap_sasl_simple = LDAP_SASL_SIMPLE;

/*
 * RFC 4533 content synchronisation. Swift cannot call the variadic ber_printf/ber_scanf, so these wrappers encode
 * and decode the sync controls and messages with libldap's own BER code (as libldap's ldap_sync.c does).
 */

/* The OIDs, which are concatenated macros Swift cannot import. */
static const char *const cldap_control_sync_state = LDAP_CONTROL_SYNC_STATE;
static const char *const cldap_control_sync_done = LDAP_CONTROL_SYNC_DONE;
static const char *const cldap_sync_info = LDAP_SYNC_INFO;

/* The Sync Request control (critical): SEQUENCE { mode ENUMERATED, cookie OCTET STRING OPTIONAL,
 * reloadHint BOOLEAN DEFAULT FALSE }. An empty cookie is left out. Free *out with ldap_control_free. */
static inline int cldap_sync_request_control(int mode, const struct berval *cookie, LDAPControl **out) {
    BerElement *ber = ber_alloc_t(LBER_USE_DER);
    if (ber == NULL) return LDAP_NO_MEMORY;
    int rc = (cookie != NULL && cookie->bv_len > 0) ? ber_printf(ber, "{eO}", (ber_int_t)mode, cookie)
                                                    : ber_printf(ber, "{e}", (ber_int_t)mode);
    if (rc == -1) { ber_free(ber, 1); return LDAP_ENCODING_ERROR; }
    struct berval value = {0, NULL};
    if (ber_flatten2(ber, &value, 0) == -1) { ber_free(ber, 1); return LDAP_ENCODING_ERROR; }
    rc = ldap_control_create(LDAP_CONTROL_SYNC, 1, &value, 1, out);
    ber_free(ber, 1);
    return rc;
}

/* The Sync State control of an entry: SEQUENCE { state ENUMERATED, entryUUID OCTET STRING (16 bytes), cookie
 * OPTIONAL }. Returns 0 and the state and UUID, or -1 when the value is malformed. */
static inline int cldap_parse_sync_state(const struct berval *value, int *state, unsigned char uuid[16]) {
    BerElement *ber = ber_init((struct berval *)value);
    if (ber == NULL) return -1;
    ber_int_t st = 0;
    struct berval id = {0, NULL};
    int rc = -1;
    if (ber_scanf(ber, "{em" /*}*/, &st, &id) != LBER_ERROR && id.bv_len == 16) {
        memcpy(uuid, id.bv_val, 16);
        *state = (int)st;
        rc = 0;
    }
    ber_free(ber, 1);
    return rc;
}

/* The Sync Done control: SEQUENCE { cookie OCTET STRING OPTIONAL, refreshDeletes BOOLEAN DEFAULT FALSE }.
 * *cookie is a copy (free bv_val with ber_memfree); *refreshDeletes is 0 or 1. Returns 0, or -1 when malformed. */
static inline int cldap_parse_sync_done(const struct berval *value, struct berval *cookie, int *refreshDeletes) {
    cookie->bv_len = 0;
    cookie->bv_val = NULL;
    *refreshDeletes = 0;
    BerElement *ber = ber_init((struct berval *)value);
    if (ber == NULL) return -1;
    ber_len_t len;
    int rc = -1;
    if (ber_scanf(ber, "{" /*}*/) == LBER_ERROR) goto done;
    ber_tag_t tag = ber_peek_tag(ber, &len);
    if (tag == LDAP_TAG_SYNC_COOKIE) {
        if (ber_scanf(ber, "o", cookie) == LBER_ERROR) goto done;
        tag = ber_peek_tag(ber, &len);
    }
    if (tag == LDAP_TAG_REFRESHDELETES) {
        ber_int_t flag = 0;
        if (ber_scanf(ber, "b", &flag) == LBER_ERROR) goto done;
        *refreshDeletes = flag ? 1 : 0;
    }
    rc = 0;
done:
    ber_free(ber, 1);
    return rc;
}

/* A Sync Info message (intermediate response value), a CHOICE:
 *   newcookie [0] OCTET STRING                                                         -> *kind 0x80
 *   refreshDelete [1] / refreshPresent [2] SEQUENCE { cookie OPTIONAL, refreshDone BOOLEAN DEFAULT TRUE }
 *                                                                      -> *kind 0xa1 / 0xa2, *flag = refreshDone
 *   syncIdSet [3] SEQUENCE { cookie OPTIONAL, refreshDeletes BOOLEAN DEFAULT FALSE, syncUUIDs SET OF OCTET STRING }
 *                                                                      -> *kind 0xa3, *flag = refreshDeletes
 * *cookie is a copy (ber_memfree its bv_val), *uuids a NULL-terminated array (ber_bvarray_free). Returns 0 or -1. */
static inline int cldap_parse_sync_info(const struct berval *value, unsigned int *kind, struct berval *cookie,
                                        int *flag, BerVarray *uuids) {
    cookie->bv_len = 0;
    cookie->bv_val = NULL;
    *flag = 0;
    *uuids = NULL;
    BerElement *ber = ber_init((struct berval *)value);
    if (ber == NULL) return -1;
    ber_len_t len;
    int rc = -1;
    ber_int_t b = 0;
    ber_tag_t tag = ber_peek_tag(ber, &len);
    *kind = (unsigned int)tag;
    switch (tag) {
    case LDAP_TAG_SYNC_NEW_COOKIE:
        if (ber_scanf(ber, "o", cookie) == LBER_ERROR) goto done;
        break;
    case LDAP_TAG_SYNC_REFRESH_DELETE:
    case LDAP_TAG_SYNC_REFRESH_PRESENT:
        *flag = 1;
        if (ber_scanf(ber, "{" /*}*/) == LBER_ERROR) goto done;
        tag = ber_peek_tag(ber, &len);
        if (tag == LDAP_TAG_SYNC_COOKIE) {
            if (ber_scanf(ber, "o", cookie) == LBER_ERROR) goto done;
            tag = ber_peek_tag(ber, &len);
        }
        if (tag == LDAP_TAG_REFRESHDONE) {
            if (ber_scanf(ber, "b", &b) == LBER_ERROR) goto done;
            *flag = b ? 1 : 0;
        }
        break;
    case LDAP_TAG_SYNC_ID_SET:
        if (ber_scanf(ber, "{" /*}*/) == LBER_ERROR) goto done;
        tag = ber_peek_tag(ber, &len);
        if (tag == LDAP_TAG_SYNC_COOKIE) {
            if (ber_scanf(ber, "o", cookie) == LBER_ERROR) goto done;
            tag = ber_peek_tag(ber, &len);
        }
        if (tag == LDAP_TAG_REFRESHDELETES) {
            if (ber_scanf(ber, "b", &b) == LBER_ERROR) goto done;
            *flag = b ? 1 : 0;
        }
        if (ber_scanf(ber, "[W]", uuids) == LBER_ERROR) goto done;
        break;
    default:
        goto done;
    }
    rc = 0;
done:
    if (rc != 0) {
        if (cookie->bv_val != NULL) { ber_memfree(cookie->bv_val); cookie->bv_val = NULL; cookie->bv_len = 0; }
        if (*uuids != NULL) { ber_bvarray_free(*uuids); *uuids = NULL; }
    }
    ber_free(ber, 1);
    return rc;
}
#endif
