#!/usr/bin/env python3
"""SCIM load benchmark: roster serve (release) against a trivial Hummingbird endpoint, measured with wrk in one run.

Usage: bench_scim.py BIN_DIR [USERS] [SECONDS]
  BIN_DIR  folder holding release builds of `roster` and `RosterBench`
  USERS    users in the large store (default 100000); a 1,000-user store is measured too
Prints a table of throughput and latency, and the ratios the SCIM issue asks for.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

BIN, USERS, SECONDS = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000, int(sys.argv[3]) if len(sys.argv) > 3 else 10
ROSTER, BENCH = os.path.join(BIN, "roster"), os.path.join(BIN, "RosterBench")
HERE = os.path.dirname(os.path.abspath(__file__))
MAPPINGS = os.path.normpath(os.path.join(HERE, "..", "..", "Mappings"))


def start(argv, env=None, pattern=r"listening on (http://\S+)", log=None):
    stderr = open(log, "w") if log else subprocess.DEVNULL
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    line = process.stdout.readline()
    match = re.search(pattern, line)
    if not match:
        process.kill()
        raise SystemExit(f"could not start {argv[0]}: {line!r}")
    return process, match.group(1)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wrk(url, threads=1, connections=32, script=None, env=None):
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    if script:
        argv += ["-s", script]
    run = subprocess.run(argv + [url], capture_output=True, text=True, env={**os.environ, **(env or {})})
    if run.returncode != 0:
        raise SystemExit(f"wrk failed on {url}: {run.stderr or run.stdout}")
    out = run.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def percentile(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": percentile(50), "p99": percentile(99), "errors": int(errors.group(1)) if errors else 0}


def lua(path, body):
    with open(path, "w") as f:
        f.write(body)
    return path


def seeded_server(work, users, extra):
    store = os.path.join(work, f"store-{users}.sqlite")
    config = os.path.join(work, f"roster-{users}.plist")
    with open(config, "w") as f:
        f.write(f"""<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>
<key>storePath</key><string>{store}</string>
<key>logging</key><dict><key>level</key><string>error</string></dict>
<key>scim</key><dict><key>port</key><integer>0</integer><key>requestsPerMinute</key><integer>10000000</integer>
<key>maxPageSize</key><integer>200</integer></dict></dict></plist>""")
    seeded = subprocess.run([BENCH, "scim-seed", store, str(users), str(extra)], capture_output=True, text=True, check=True).stdout
    ids = {"extra": []}
    for line in seeded.splitlines():
        key, value = line.split()
        if key == "extra":
            ids["extra"].append(value)
        else:
            ids[key] = value
    env = {**os.environ, "ROSTER_MAPPINGS": MAPPINGS}
    # The seed wrote users of source scim:bench: the client must be named bench.
    token = subprocess.run([ROSTER, "--config", config, "scim-clients", "add", "bench"], capture_output=True, text=True,
                           check=True, env=env).stdout.strip().splitlines()[-1]
    process, url = start([ROSTER, "--config", config, "serve"], env=env, log=os.path.join(work, f"serve-{users}.log"))
    return process, url, token, ids


def main():
    work = tempfile.mkdtemp(prefix="roster-bench-scim-")
    rows = []
    # The reference server stays up for the whole run: GET by id is measured alternately with it (three rounds
    # each, medians), so that both see the same machine (these machines are shared and noisy).
    trivial, trivial_url = start([BENCH, "trivial-server", "0"])
    reference_runs = []

    auth = lambda token: lua(os.path.join(work, f"auth-{token[:6]}.lua"),
                             f'wrk.headers["Authorization"] = "Bearer {token}"\n')
    results = {}
    try:
        for users in (1000, USERS):
            process, url, token, ids = seeded_server(work, users, 200)
            try:
                base = f"{url}/scim/v2"
                if users == USERS:
                    runs = []
                    for _ in range(3):
                        reference_runs.append(wrk(f"{trivial_url}/trivial"))
                        runs.append(wrk(f"{base}/Users/{ids['user0']}", script=auth(token)))
                    results[(users, "get")] = sorted(runs, key=lambda r: r["rps"])[1]
                else:
                    results[(users, "get")] = wrk(f"{base}/Users/{ids['user0']}", script=auth(token))
                rows.append((f"GET /Users/{{id}}", users, results[(users, "get")]))
                middle = users // 2
                results[(users, "filter")] = wrk(f"{base}/Users?filter=userName%20eq%20%22user{middle}%22", script=auth(token))
                rows.append(('GET /Users?filter=userName eq "…"', users, results[(users, "filter")]))
                if users == USERS:
                    post = lua(os.path.join(work, "post.lua"), f"""
    local counter = 0
    local id = 0
    local threads = {{}}
    function setup(thread) id = id + 1; thread:set("tid", id) end
    function init(args) math.randomseed(os.time() + tid * 7919) end
    request = function()
      counter = counter + 1
      local name = string.format("post-%d-%d-%d", tid, counter, math.random(1, 1000000000))
      local body = '{{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. name ..
        '","name":{{"givenName":"Post","familyName":"Bench"}},"emails":[{{"value":"' .. name .. '@post.example","type":"work","primary":true}}],"active":true}}'
      return wrk.format("POST", "/scim/v2/Users", {{["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer {token}"}}, body)
    end
    """)
                    results["post"] = wrk(url, threads=2, connections=4, script=post)
                    rows.append(("POST /Users (4 concurrent clients)", users, results["post"]))
                    members = ",".join(f'"{i}"' for i in ids["extra"])
                    for suffix, label in (("?excludedAttributes=members", "PATCH add/remove 1 member, answer without members"),
                                          ("", "PATCH add/remove 1 member, full answer")):
                        patch = lua(os.path.join(work, f"patch{len(suffix)}.lua"), f"""
    local members = {{{members}}}
    local n = 0
    request = function()
      n = n + 1
      local member = members[math.floor((n - 1) / 2) % #members + 1]
      local op = (n % 2 == 1) and "add" or "remove"
      local body
      if op == "add" then
        body = '{{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{"op":"add","path":"members","value":[{{"value":"' .. member .. '"}}]}}]}}'
      else
        body = '{{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{"op":"remove","path":"members[value eq \\\\"' .. member .. '\\\\"]"}}]}}'
      end
      return wrk.format("PATCH", "/scim/v2/Groups/{ids['group']}{suffix}", {{["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer {token}"}}, body)
    end
    """)
                        key = "patch" + suffix
                        results[key] = wrk(url, threads=1, connections=1, script=patch)
                        rows.append((label + f" (group of {users:,})", users, results[key]))
            finally:
                stop(process)
    finally:
        stop(trivial)
    rows.insert(0, ("trivial Hummingbird GET (reference, median of 3)", "-", sorted(reference_runs, key=lambda r: r["rps"])[1]))

    print()
    print(f"{'measurement':<62} {'store':>8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for label, users, r in rows:
        store = f"{users:,}" if isinstance(users, int) else users
        print(f"{label:<62} {store:>8} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['errors']:>8}")
    reference = rows[0][2]["rps"]
    get_ratio = results[(USERS, "get")]["rps"] / reference
    filter_cost = (1 / results[(USERS, "filter")]["rps"]) / (1 / results[(1000, "filter")]["rps"])
    print()
    print(f"GET by id at {USERS:,} users: {get_ratio:.0%} of the trivial endpoint's throughput (target >= 40%)")
    print(f"userName eq at {USERS:,} vs 1,000 users: {filter_cost:.2f}x the cost per request (target <= 1.5x)")
    print(f"POST creates at 4 concurrent clients: {results['post']['rps']:.0f}/s (target >= 1,500/s)")
    print(f"add one member to a {USERS:,}-member group: p50 {results['patch?excludedAttributes=members']['p50']:.2f} ms, "
          f"p99 {results['patch?excludedAttributes=members']['p99']:.2f} ms (target < 20 ms); with the full group in the "
          f"answer p50 {results['patch']['p50']:.1f} ms")


if __name__ == "__main__":
    main()
