#!/usr/bin/env python3
"""Sync benchmark: Roster's sync against ldapsearch reading the same entries, in the same run.

    bench_sync.py [--users N] [--groups G] [--port P] [--roster PATH]

Generates a directory (gen_directory.py), loads it into a private slapd (scripts/slapd-harness.sh), then measures
wall time and peak memory (max RSS of the child, from wait4) of:
  1. ldapsearch reading all users and all groups with paging (the reference),
  2. roster sync --full into an empty store,
  3. roster sync again with no directory change (incremental),
  4. roster sync after changing 1% of the users (incremental),
and prints a Markdown table with each time as a ratio of the ldapsearch time.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]


def measure(argv, env=None, stdout=subprocess.DEVNULL):
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    stderr = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, code, stderr


def store_floor(roster, work, env):
    """The time SQLite alone needs to write what the first sync wrote: an empty store (same schema, made by roster
    itself) gets the synced store's accounts, emails, audit entries, groups, memberships and run report with
    INSERT … SELECT in one transaction (no directory, no Swift, no planning): the least any sync writing these
    rows can cost on this machine."""
    import sqlite3
    synced = work / "store" / "roster.sqlite"
    empty = work / "floor" / "roster.sqlite"
    config = work / "floor.plist"
    config.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>storePath</key><string>{empty}</string></dict></plist>
""")
    subprocess.run([roster, "--config", str(config), "users", "list"], env=env, check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(str(empty), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA cache_size = -32768")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"ATTACH DATABASE '{synced}' AS src")
    tables = ["role_reason", "account", "account_email", "audit_event", "account_group", "group_member_account",
              "group_member_group", "sync_run"]
    start = time.monotonic()
    db.execute("BEGIN IMMEDIATE")
    without_rowid = {"account_email", "group_member_account", "group_member_group"}
    for table in tables:
        order = "" if table in without_rowid else " ORDER BY rowid"
        db.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}{order}")
    db.execute("COMMIT")
    elapsed = time.monotonic() - start
    db.close()
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=2_000)
    parser.add_argument("--port", type=int, default=3990)
    parser.add_argument("--roster", default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    roster = args.roster or str(REPO / ".build" / "release" / "roster")
    work = pathlib.Path(tempfile.mkdtemp(prefix="roster-bench-sync-"))
    harness = REPO / "scripts" / "slapd-harness.sh"
    ldif = work / "directory.ldif"
    print(f"generating {args.users} users, {args.groups} groups …", file=sys.stderr)
    with open(ldif, "w") as out:
        subprocess.run([sys.executable, str(REPO / "scripts/bench/gen_directory.py"), str(args.users), str(args.groups),
                        "--base"], stdout=out, check=True)
    slapd_dir = work / "slapd"
    print("loading slapd …", file=sys.stderr)
    subprocess.run(["bash", str(harness), "start", str(slapd_dir), str(args.port), "--no-base", str(ldif)], check=True,
                   stdout=subprocess.DEVNULL)
    try:
        url = f"ldap://127.0.0.1:{args.port}"
        bind = ["-x", "-H", url, "-D", "cn=roster,dc=example,dc=com", "-w", "roster-demo", "-E", "pr=1000/noprompt",
                "-LLL"]
        ref_users = measure(["ldapsearch", *bind, "-b", "ou=people,dc=example,dc=com", "(objectClass=inetOrgPerson)"])
        ref_groups = measure(["ldapsearch", *bind, "-b", "ou=groups,dc=example,dc=com", "(objectClass=groupOfNames)"])
        reference = ref_users[0] + ref_groups[0]
        ref_rss = max(ref_users[1], ref_groups[1])
        config = work / "roster.plist"
        config.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>storePath</key><string>{work}/store/roster.sqlite</string>
<key>logging</key><dict><key>level</key><string>warning</string></dict>
<key>ldap</key><array><dict>
  <key>name</key><string>bench</string>
  <key>url</key><string>{url}</string>
  <key>bindDN</key><string>cn=roster,dc=example,dc=com</string>
  <key>bindPassword</key><string>env:BENCH_BIND_PASSWORD</string>
  <key>userBaseDN</key><string>ou=people,dc=example,dc=com</string>
  <key>groupBaseDN</key><string>ou=groups,dc=example,dc=com</string>
  <key>mapping</key><string>openldap</string>
  <key>roles</key><string>{REPO}/Mappings/roles.plist</string>
  <key>pageSize</key><integer>1000</integer>
</dict></array>
</dict></plist>
""")
        env = dict(os.environ, ROSTER_CONFIG=str(config), BENCH_BIND_PASSWORD="roster-demo")
        rows = [("ldapsearch users + groups, paged (reference)", reference, ref_rss, 0)]
        first = measure([roster, "sync", "--full"], env=env)
        rows.append(("roster sync --full, empty store", *first[:3]))
        second = measure([roster, "sync"], env=env)
        rows.append(("roster sync, no change (incremental)", *second[:3]))
        changes = work / "changes.ldif"
        step = 100
        with open(changes, "w") as out:
            for i in range(1, args.users + 1, step):
                if i % 50 == 0:
                    continue
                out.write(f"dn: uid=user{i:06d},ou=people,dc=example,dc=com\nchangetype: modify\n"
                          f"replace: cn\ncn: Changed {i}\n\n")
        subprocess.run(["ldapmodify", "-x", "-H", url, "-D", "cn=admin,dc=example,dc=com", "-w", "secret", "-f",
                        str(changes)], check=True, stdout=subprocess.DEVNULL)
        third = measure([roster, "sync"], env=env)
        rows.append(("roster sync after changing 1% of users (incremental)", *third[:3]))
        floor = store_floor(roster, work, env)
        rows.append(("store writes alone: SQLite copying the rows of the first sync into an empty store", floor, None, None))
        for label, result in (("first", first), ("second", second), ("third", third)):
            if result[2] != 0:
                print(f"{label} run exited {result[2]}: {result[3][-2000:]}", file=sys.stderr)
        print(f"\n{args.users} users, {args.groups} groups, slapd on loopback, same run:\n")
        print("| run | seconds | × ldapsearch | peak RSS MiB | exit |")
        print("|---|---|---|---|---|")
        for label, seconds, rss, code in rows:
            memory = "-" if rss is None else f"{rss:.0f}"
            print(f"| {label} | {seconds:.2f} | {seconds / reference:.2f} | {memory} | {'-' if code is None else code} |")
    finally:
        subprocess.run(["bash", str(harness), "stop", str(slapd_dir)], check=False)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
