#!/usr/bin/env python3
"""Sync benchmark: Roster's sync against ldapsearch reading the same entries, in the same run.

    bench_sync.py [--users N] [--groups G] [--port P] [--roster PATH]

Generates a directory (gen_directory.py), loads it into a private slapd (scripts/slapd-harness.sh), then measures
wall time and peak memory (max RSS of the child, from wait4) of:
  1. ldapsearch reading all users and all groups with paging (the reference),
  2. roster sync --full into an empty store,
  3. roster sync again with no directory change (incremental),
  4. roster sync after changing 1% of the users (incremental, RFC 4533 content sync with the cookie of the run
     before), three rounds each changing another 1%, each after a fresh ldapsearch read; the median round is shown,
  5. the same after changing another 1% with the stored cookie removed (incremental, watermark + anchor scan),
and prints a Markdown table with each time as a ratio of the ldapsearch time (the median of its four reads), and the
change method each run reported.
slapd runs with syncprov and its session log; the reader's size limit is lifted (`--size-limit unlimited`), as a
content-sync refresh is one unpaged search (a replication consumer gets the same `limits`).
"""
import argparse
import json
import os
import sqlite3
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
# Changed-directory rounds with content sync (each another 1% of the users): the median is reported.
ROUNDS = 3


def measure(argv, env=None, stdout=subprocess.DEVNULL):
    """Wall time, max RSS, exit code, stderr and (for `roster sync --json` with stdout piped) the change method."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out if stdout == subprocess.PIPE else stdout, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.monotonic() - start
        err.seek(0)
        stderr = err.read().decode(errors="replace")
        method = "-"
        if stdout == subprocess.PIPE:
            out.seek(0)
            try:
                method = json.loads(out.read())[0].get("changeMethod", "-")
            except (ValueError, IndexError, KeyError):
                method = "?"
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, code, stderr, method


def store_floor(roster, work, env):
    """The time SQLite alone needs to write what the first sync wrote: an empty store (same schema, made by roster
    itself) gets the synced store's accounts, emails, audit entries, groups, memberships and run report with
    INSERT … SELECT in one transaction (no directory, no Swift, no planning): the least any sync writing these
    rows can cost on this machine."""
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
    subprocess.run(["bash", str(harness), "start", str(slapd_dir), str(args.port), "--no-base", "--size-limit",
                    "unlimited", str(ldif)], check=True, stdout=subprocess.DEVNULL)
    try:
        url = f"ldap://127.0.0.1:{args.port}"
        bind = ["-x", "-H", url, "-D", "cn=roster,dc=example,dc=com", "-w", "roster-demo", "-E", "pr=1000/noprompt",
                "-LLL"]

        def read_directory():
            users = measure(["ldapsearch", *bind, "-b", "ou=people,dc=example,dc=com", "(objectClass=inetOrgPerson)"])
            groups = measure(["ldapsearch", *bind, "-b", "ou=groups,dc=example,dc=com", "(objectClass=groupOfNames)"])
            return users[0] + groups[0], max(users[1], groups[1])

        # The reference is read again before each changed-directory round; the table gives the median of all reads.
        reference_samples = [read_directory()]
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
        rows = []

        def sync(label, *arguments, record=True):
            # The first sync's report lists 100,000 changes: it is not printed as JSON, as before this column existed.
            full = "--full" in arguments
            result = measure([roster, "sync", *([] if full else ["--json"]), *arguments], env=env,
                             stdout=subprocess.DEVNULL if full else subprocess.PIPE)
            if result[2] != 0:
                print(f"{label} exited {result[2]}: {result[3][-2000:]}", file=sys.stderr)
            row = (label, *result[:3], "full" if full else result[4])
            if record:
                rows.append(row)
            return row

        def change_one_percent(value):
            changes = work / "changes.ldif"
            step = 100
            with open(changes, "w") as out:
                for i in range(1, args.users + 1, step):
                    if i % 50 == 0:
                        continue
                    out.write(f"dn: uid=user{i:06d},ou=people,dc=example,dc=com\nchangetype: modify\n"
                              f"replace: cn\ncn: {value} {i}\n\n")
            subprocess.run(["ldapmodify", "-x", "-H", url, "-D", "cn=admin,dc=example,dc=com", "-w", "secret", "-f",
                            str(changes)], check=True, stdout=subprocess.DEVNULL)

        sync("roster sync --full, empty store", "--full")
        sync("roster sync, no change (incremental)")
        # Three rounds, each changing another 1% and each after a fresh reference read: the median is reported.
        rounds = []
        for round_number in range(1, ROUNDS + 1):
            reference_samples.append(read_directory())
            change_one_percent(f"Changed {round_number}")
            rounds.append(sync("content sync round", record=False))
            print(f"content sync round {round_number}: {rounds[-1][1]:.2f} s, ldapsearch {reference_samples[-1][0]:.2f} s",
                  file=sys.stderr)
        middle = sorted(rounds, key=lambda row: row[1])[len(rounds) // 2]
        rows.append((f"roster sync after changing 1% of users (incremental, content sync; median of {ROUNDS} rounds)",
                     *middle[1:]))
        change_one_percent("Changed again")
        db = sqlite3.connect(str(work / "store" / "roster.sqlite"))
        db.execute("UPDATE sync_state SET content_sync_cookies = NULL")
        db.commit()
        db.close()
        sync("roster sync after changing 1% of users, no cookie (incremental, anchor scan)")
        floor = store_floor(roster, work, env)
        rows.append(("store writes alone: SQLite copying the rows of the first sync into an empty store", floor, None, None,
                     "-"))
        reference = statistics.median(sample[0] for sample in reference_samples)
        ref_rss = max(sample[1] for sample in reference_samples)
        rows.insert(0, (f"ldapsearch users + groups, paged (reference; median of {len(reference_samples)} reads)",
                        reference, ref_rss, 0, "-"))
        print(f"\n{args.users} users, {args.groups} groups, slapd on loopback, same run:\n")
        print("| run | seconds | × ldapsearch | peak RSS MiB | exit | changeMethod |")
        print("|---|---|---|---|---|---|")
        for label, seconds, rss, code, method in rows:
            memory = "-" if rss is None else f"{rss:.0f}"
            print(f"| {label} | {seconds:.2f} | {seconds / reference:.2f} | {memory} | {'-' if code is None else code} "
                  f"| {method} |")
    finally:
        subprocess.run(["bash", str(harness), "stop", str(slapd_dir)], check=False)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
