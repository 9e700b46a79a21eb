#!/usr/bin/python3
"""Seeds a freshly provisioned (stopped) Samba AD DC for Roster's directory tests, writing straight into its sam.ldb.

    /usr/bin/python3 seed.py SMB_CONF [BULK_MEMBERS]

Run by scripts/samba-ad-harness.sh while it builds its cached template, before samba starts: one transaction,
no LDAP, no server (samba-tool in a loop needs about a second a user; this adds 1,600 in a few seconds).

Realm ROSTER.TEST, base DC=roster,DC=test. Everything Roster syncs is under OU=Roster:

  OU=People,OU=Roster   ada, alan, edsger, grace (mail ada@example.com …), ken (no mail, no userPrincipalName),
                        linus (no mail, userPrincipalName linus@roster.test), frances (disabled: userAccountControl
                        514 = NORMAL_ACCOUNT | ACCOUNTDISABLE), and u0001 … u1600 (members of the large group)
  OU=Groups,OU=Roster   roster-admins ∋ platform-team ∋ {alan, edsger}; roster-superusers ∋ grace;
                        staff ∋ {grace, ada, u0001 … u1600} (1,602 members: above AD's MaxValRange of 1,500)

The domain locks an account out after three wrong passwords (30 minutes). And the account Roster binds as, CN=roster-sync,CN=Users,DC=roster,DC=test / Roster-Sync-1 (an ordinary domain
user: authenticated users may read what Roster reads). Named users have the password Roster-User-1.
"""
import base64
import sys

from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

BASE = "DC=roster,DC=test"
ROOT = "OU=Roster," + BASE
PEOPLE = "OU=People," + ROOT
GROUPS = "OU=Groups," + ROOT
USER_PASSWORD = "Roster-User-1"
BIND_PASSWORD = "Roster-Sync-1"
NORMAL = 512
DISABLED = 514
# NORMAL_ACCOUNT | PASSWD_NOTREQD: an enabled account without a password (the bulk members: no Kerberos keys to derive)
NO_PASSWORD = 544


def pwd(password):
    return base64.b64encode(('"%s"' % password).encode("utf-16-le")).decode()


def user(name, given, family, mail=None, upn=True, uac=NORMAL, password=USER_PASSWORD, base=PEOPLE):
    lines = [
        "dn: CN=%s %s,%s" % (given, family, base) if family else "dn: CN=%s,%s" % (given, base),
        "objectClass: user",
        "sAMAccountName: %s" % name,
        "givenName: %s" % given,
        "displayName: %s %s" % (given, family) if family else "displayName: %s" % given,
        "userAccountControl: %d" % uac,
    ]
    if family:
        lines.append("sn: %s" % family)
    if upn:
        lines.append("userPrincipalName: %s@roster.test" % name)
    if mail:
        lines.append("mail: %s" % mail)
    if password:
        lines.append("unicodePwd:: %s" % pwd(password))
    return "\n".join(lines) + "\n"


def group(name, members):
    return "dn: CN=%s,%s\nobjectClass: group\nsAMAccountName: %s\n%s" % (
        name, GROUPS, name, "".join("member: %s\n" % m for m in members))


def main():
    conf = sys.argv[1]
    bulk = int(sys.argv[2]) if len(sys.argv) > 2 else 1600
    lp = LoadParm()
    lp.load(conf)
    samdb = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
    named = [
        ("ada", "Ada", "Lovelace", "ada@example.com", True, NORMAL),
        ("alan", "Alan", "Turing", "alan@example.com", True, NORMAL),
        ("edsger", "Edsger", "Dijkstra", "edsger@example.com", True, NORMAL),
        ("grace", "Grace", "Hopper", "grace@example.com", True, NORMAL),
        ("ken", "Ken", "Thompson", None, False, NORMAL),
        ("linus", "Linus", "Torvalds", None, True, NORMAL),
        ("frances", "Frances", "Allen", "frances@example.com", True, DISABLED),
    ]
    dn = {n[0]: "CN=%s %s,%s" % (n[1], n[2], PEOPLE) for n in named}
    records = ["dn: %s\nobjectClass: organizationalUnit\n" % ROOT,
               "dn: %s\nobjectClass: organizationalUnit\n" % PEOPLE,
               "dn: %s\nobjectClass: organizationalUnit\n" % GROUPS,
               user("roster-sync", "roster-sync", None, upn=True, password=BIND_PASSWORD, base="CN=Users," + BASE)]
    for name, given, family, mail, upn, uac in named:
        records.append(user(name, given, family, mail, upn, uac))
    bulk_dns = []
    for index in range(1, bulk + 1):
        name = "u%04d" % index
        records.append(user(name, name, None, mail="%s@example.com" % name, uac=NO_PASSWORD, password=None))
        bulk_dns.append("CN=%s,%s" % (name, PEOPLE))
    records.append(group("platform-team", [dn["alan"], dn["edsger"]]))
    records.append(group("roster-admins", ["CN=platform-team," + GROUPS]))
    records.append(group("roster-superusers", [dn["grace"]]))
    records.append(group("staff", [dn["grace"], dn["ada"]] + bulk_dns))
    # The domain's lockout policy (off in a fresh provision): three wrong passwords lock an account for 30 minutes
    # (durations are negative 100 ns intervals), so a test can lock one out over LDAP the way users do.
    lockout = ("dn: %s\nchangetype: modify\nreplace: lockoutThreshold\nlockoutThreshold: 3\n-\n"
               "replace: lockoutDuration\nlockoutDuration: -18000000000\n-\n"
               "replace: lockOutObservationWindow\nlockOutObservationWindow: -18000000000\n" % BASE)
    samdb.transaction_start()
    try:
        samdb.add_ldif("\n".join(records))
        samdb.modify_ldif(lockout)
    except Exception:
        samdb.transaction_cancel()
        raise
    samdb.transaction_commit()


if __name__ == "__main__":
    main()
