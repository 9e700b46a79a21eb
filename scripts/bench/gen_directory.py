#!/usr/bin/env python3
"""Generates a realistic LDIF directory for the sync benchmark (RFC 2849, for slapadd).

    gen_directory.py USERS GROUPS [--seed N] [--modify-percent P --modify-out FILE]

Shape: a group holding everyone; three large groups (15%, 12%, 10% of users, i.e. 10k+ at 100k); many small
groups; nested groups (small groups inside department groups inside roster-admins, plus a cycle); non-ASCII
names (base64-encoded values); escaped commas in some DNs (cn=Smith\\, John); about 5% of users without mail.
Entries carry entryUUID so they look like a real OpenLDAP export; slapadd keeps them.
At 100,000 users and 2,000 groups this makes about 310,000 memberships.
"""
import argparse
import base64
import random
import sys
import time
import uuid

BASE = "dc=example,dc=com"
PEOPLE = "ou=people," + BASE
GROUPS = "ou=groups," + BASE
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Leslie",
         "José", "Zoë", "Søren", "Łukasz", "Åsa", "Chloé", "Jürgen", "Ramón", "Françoise", "Björn"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lamport",
        "Müller", "García", "Øster", "Nowak", "Ström", "Dubois", "Weiß", "Núñez", "Lefèvre", "Söderberg"]


def attr(name, value):
    """An LDIF attribute line, base64 where the value is not safe ASCII."""
    raw = value.encode("utf-8")
    safe = all(32 <= b < 127 for b in raw) and not value.startswith((" ", ":", "<")) and not value.endswith(" ")
    return f"{name}: {value}" if safe else f"{name}:: {base64.b64encode(raw).decode('ascii')}"


def escape_dn_value(value):
    out = []
    for i, ch in enumerate(value):
        if ch in ',+"\\<>;=' or (ch == "#" and i == 0) or (ch == " " and (i == 0 or i == len(value) - 1)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def past_timestamp(rnd):
    """A modifyTimestamp in the past year: real directories are mostly old entries."""
    seconds = int(time.time()) - rnd.randint(3600, 365 * 86400)
    return time.strftime("%Y%m%d%H%M%SZ", time.gmtime(seconds))


def user_dn(i):
    return f"uid=user{i:06d},{PEOPLE}" if i % 50 else f"cn={escape_dn_value(f'Smith, John {i}')},{PEOPLE}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("users", type=int)
    parser.add_argument("groups", type=int)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--base", action="store_true", help="also emit the suffix, OUs and the roster bind account")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    out = sys.stdout
    ns = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
    if args.base:
        out.write(f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n\n")
        for ou in ("people", "groups"):
            out.write(f"dn: ou={ou},{BASE}\nobjectClass: organizationalUnit\nou: {ou}\n\n")
        out.write(f"dn: cn=roster,{BASE}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\n"
                  f"cn: roster\nuserPassword: roster-demo\n\n")
    n = args.users
    for i in range(1, n + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        dn = user_dn(i)
        lines = [f"dn: {dn}" if dn.isascii() else attr("dn", dn), "objectClass: inetOrgPerson",
                 attr("cn", f"{first} {last} {i}" if i % 50 else f"Smith, John {i}"), attr("sn", last),
                 attr("givenName", first), f"uid: user{i:06d}", attr("displayName", f"{first} {last}"),
                 f"entryUUID: {uuid.uuid5(ns, f'user-{i}')}", f"modifyTimestamp: {past_timestamp(rnd)}"]
        if i % 20:
            lines.append(f"mail: user{i:06d}@example.com")
        out.write("\n".join(lines) + "\n\n")
    # Groups: everyone, three large, department groups (nested), many small.
    g = max(args.groups, 8)
    members = {}
    members["everyone"] = list(range(1, n + 1))
    for name, share in (("large-a", 0.15), ("large-b", 0.12), ("large-c", 0.10)):
        members[name] = sorted(rnd.sample(range(1, n + 1), int(n * share)))
    small = g - 8
    remaining = 310_000 * n // 100_000 - sum(len(m) for m in members.values())
    per_group = max(2, remaining // max(small, 1))
    for k in range(small):
        members[f"team-{k:04d}"] = sorted(rnd.sample(range(1, n + 1), min(n, max(2, int(rnd.gauss(per_group, per_group / 3))))))
    nested = {
        "roster-superusers": (members.pop("team-0000", [1])[:2], []),
        "roster-admins": ([], ["platform-team", "security-team"]),
        "platform-team": ([], ["team-0001", "team-0002"]),
        "security-team": (members.get("team-0003", [2])[:5], ["cycle-a"]),
        "cycle-a": ([], ["cycle-b"]),
    }
    nested["cycle-b"] = ([], ["cycle-a"])
    for name, uids in members.items():
        nested.setdefault(name, (uids, []))
    for name, (uids, subgroups) in nested.items():
        lines = [f"dn: cn={name},{GROUPS}", "objectClass: groupOfNames", f"cn: {name}",
                 f"entryUUID: {uuid.uuid5(ns, f'group-{name}')}", f"modifyTimestamp: {past_timestamp(rnd)}"]
        lines += [attr("member", user_dn(u)) for u in uids]
        lines += [f"member: cn={s},{GROUPS}" for s in subgroups]
        if len(lines) == 4:
            lines.append(f"member: cn=roster,{BASE}")
        out.write("\n".join(lines) + "\n\n")


if __name__ == "__main__":
    main()
