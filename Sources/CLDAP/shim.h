#ifndef CLDAP_SHIM_H
#define CLDAP_SHIM_H
/* Only the non-deprecated API is used; LDAP_DEPRECATED stays undefined. */
#include <lber.h>
#include <ldap.h>
/* LDAP_SASL_SIMPLE is ((char*)0), which Swift cannot import. */
static const char *const cldap_sasl_simple = LDAP_SASL_SIMPLE;
#endif
