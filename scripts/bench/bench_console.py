#!/usr/bin/env python3
"""Admin console benchmark (issue 11): the people list of a 100,000-account store, server time per page.

Usage: bench_console.py BIN_DIR [ACCOUNTS] [REQUESTS]
  BIN_DIR   folder holding builds of `roster` and `RosterBench` (release for the published numbers)
  ACCOUNTS  accounts in the store (default 100000)
  REQUESTS  measured requests per case (default 50, after 10 unmeasured warm-up requests)

Seeds the store through the store's own write path (`RosterBench scim-seed`: ACCOUNTS SCIM users in one
transaction), then varies it with bulk SQL (roles, deactivated accounts, local accounts, sessions and API tokens on
some accounts), creates an admin through the CLI, starts `roster serve` on a free loopback port, signs in to the
console over HTTP like a browser (login form, hidden fields, cookie) and requests each case REQUESTS times one after
another on one keep-alive connection. Reads `Server-Timing: app;dur=<ms>` from every console response (the server's
own time) and the client round trip; a reference measured in the same run is `GET /healthz` and the JSON admin API's
`GET /api/admin/users/{id}` (round trips). Prints a table and PASS/FAIL against 200 ms server time (p95) for the first
page.
"""
import http.client
import json
import os
import re
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlparse

BIN = sys.argv[1]
ACCOUNTS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
REQUESTS = int(sys.argv[3]) if len(sys.argv) > 3 else 50
ROSTER, BENCH = os.path.join(BIN, "roster"), os.path.join(BIN, "RosterBench")
HERE = os.path.dirname(os.path.abspath(__file__))
MAPPINGS = os.path.normpath(os.path.join(HERE, "..", "..", "Mappings"))
TARGET_MS = 200.0
WARMUP = 10


class Forms(HTMLParser):
    """Every form of a page: action, method, fields (name → value) and the ids of its fields; select options."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self.ids = [], [], {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"id": a.get("id"), "action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                               "fields": {}, "ids": {}})
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            form = self.forms[-1]
            if a.get("name") and tag != "button":
                if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                    form["fields"][a["name"]] = a.get("value") or ""
                if a.get("id"):
                    form["ids"][a["id"]] = a["name"]
            if tag == "select":
                self._select = a.get("id")
                self.ids[self._select] = []
        elif tag == "option" and self._select:
            self.ids[self._select].append(a.get("value"))
        elif tag == "a" and a.get("href"):
            self.links.append((a.get("id"), a["href"]))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def parse(html):
    parser = Forms()
    parser.feed(html)
    return parser


class Client:
    """One keep-alive HTTP/1.1 connection with a cookie jar of one cookie."""

    def __init__(self, url):
        parsed = urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        timing = response.getheader("Server-Timing") or ""
        match = re.search(r"\bapp;dur=([\d.]+)", timing)
        return response.status, data.decode("utf-8", "replace"), (float(match.group(1)) if match else None), elapsed, response


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, check=True, **kw)


def seed(work, store, config, env):
    started = time.perf_counter()
    run([BENCH, "scim-seed", store, str(ACCOUNTS - 1000), "0"])
    now = int(time.time() * 1000)
    db = sqlite3.connect(store)
    db.execute("PRAGMA foreign_keys=ON")
    with db:
        # 1,000 local accounts, newest: what the first page shows.
        rows = []
        for n in range(1000):
            rows.append((str(uuid.uuid4()), f"local{n}", f"local{n}", f"Local Person {n}", "Local", f"Person{n}",
                         1, "member" if n % 10 else "guest", "saml", "local", now + 1 + n, now + 1 + n))
        db.executemany("""INSERT INTO account (id, user_name, user_name_key, display_name, given_name, family_name, active,
                          role, auth_method, source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
        db.executemany("INSERT INTO account_email (account_id, position, value, value_key, type, is_primary) VALUES (?,0,?,?,'work',1)",
                       [(r[0], f"{r[1]}@local.example", f"{r[1]}@local.example") for r in rows])
        # Roles and states spread through the store: 1% admins, 5% guests, 3% deactivated.
        db.execute("UPDATE account SET role = 'guest' WHERE source <> 'local' AND rowid % 20 = 0")
        db.execute("UPDATE account SET role = 'admin' WHERE source <> 'local' AND rowid % 100 = 1")
        db.execute("UPDATE account SET active = 0, deactivated_at = ? WHERE rowid % 33 = 2", (now,))
        # Sessions on 10% of the accounts, API tokens on 5%.
        ids = [r[0] for r in db.execute("SELECT id FROM account WHERE active = 1 ORDER BY rowid")]
        db.executemany("INSERT INTO session (id, account_id, token_hash, created_at, expires_at) VALUES (?,?,?,?,?)",
                       [(str(uuid.uuid4()), i, secrets.token_bytes(32), now, now + 12 * 3600_000) for i in ids[::10]])
        db.executemany("INSERT INTO api_token (id, account_id, name, token_hash, created_at) VALUES (?,?,'personal',?,?)",
                       [(str(uuid.uuid4()), i, secrets.token_bytes(32), now) for i in ids[::20]])
    db.execute("ANALYZE")
    db.close()
    # The SCIM client the seeded accounts belong to (so the source filter lists it).
    run([ROSTER, "--config", config, "scim-clients", "add", "bench"], env=env)
    # The admin who signs in, through the CLI (its temporary password is changed through the API once serving).
    created = run([ROSTER, "--config", config, "users", "create", "--email", "bench.admin@example.org",
                   "--username", "bench-admin", "--role", "admin", "--json"], env=env)
    temporary = json.loads(created.stdout)["temporaryPassword"]
    count = sqlite3.connect(store).execute("SELECT count(*) FROM account").fetchone()[0]
    print(f"seeded {count} accounts in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return temporary


def start_server(config, env, log):
    process = subprocess.Popen([ROSTER, "--config", config, "serve"], stdout=subprocess.PIPE, stderr=open(log, "w"),
                               text=True, env=env)
    line = process.stdout.readline()  # "roster serve: listening on http://127.0.0.1:PORT", or EOF if it failed
    match = re.search(r"listening on (http://\S+)", line)
    if not match:
        process.kill()
        raise SystemExit(f"roster serve did not start: {line!r}; see {log}")
    return process, match.group(1)


def api(url, path, body, token=None):
    client = Client(url)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    status, text, *_ = client.request("POST", path, json.dumps(body), headers)
    if status >= 300:
        raise SystemExit(f"POST {path}: {status}")
    return json.loads(text)


def sign_in(url, user, password):
    """The console's login form, as a browser submits it; returns a client holding the session cookie."""
    client = Client(url)
    status, html, *_ = client.request("GET", "/admin/login")
    if status != 200:
        raise SystemExit(f"GET /admin/login answered {status}: is the console built in?")
    forms = [f for f in parse(html).forms if "login-user" in f["ids"]]
    if not forms:
        raise SystemExit("no login form with #login-user on /admin/login")
    form = forms[0]
    fields = dict(form["fields"])
    fields[form["ids"]["login-user"]] = user
    fields[form["ids"]["login-password"]] = password
    action = urlparse(urljoin("/admin/login", form["action"] or "/admin/login")).path
    status, _, _, _, response = client.request("POST", action, urlencode(fields),
                                               {"Content-Type": "application/x-www-form-urlencoded"})
    if "roster_console" not in client.cookies:
        raise SystemExit(f"console login failed: {status} {response.getheader('Location')}")
    return client


def measure(client, path, n=REQUESTS):
    for _ in range(WARMUP):
        status, *_ = client.request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path}: {status}")
    server, rtt = [], []
    for _ in range(n):
        status, body, app, elapsed, _ = client.request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path}: {status}")
        server.append(app)
        rtt.append(elapsed)
    return server, rtt, body


def pct(values, p):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def fmt(v):
    return "-" if v is None else f"{v:.2f}"


def main():
    work = tempfile.mkdtemp(prefix="roster-bench-console-")
    store, config = os.path.join(work, "store.sqlite"), os.path.join(work, "roster.plist")
    with open(config, "w") as f:
        f.write(f"""<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>
<key>storePath</key><string>{store}</string>
<key>logging</key><dict><key>level</key><string>error</string></dict>
<key>sessions</key><dict><key>hashingBurst</key><integer>100</integer></dict>
<key>scim</key><dict><key>port</key><integer>0</integer><key>requestsPerMinute</key><integer>10000000</integer></dict>
</dict></plist>""")
    env = {**os.environ, "ROSTER_MAPPINGS": MAPPINGS}
    temporary = seed(work, store, config, env)
    process, url = start_server(config, env, os.path.join(work, "serve.log"))
    try:
        password = secrets.token_hex(16)
        session = api(url, "/auth/login", {"login": "bench-admin", "password": temporary})
        session = api(url, "/auth/password", {"newPassword": password}, session["token"])
        console = sign_in(url, "bench-admin", password)

        # The cases, built from the real filter form (its field names and option values).
        status, html, *_ = console.request("GET", "/admin/people")
        page = parse(html)
        filter_form = next((f for f in page.forms if f["id"] == "people-filter"), None) or next(f for f in page.forms if "people-search" in f["ids"])
        names = filter_form["ids"]
        blank = {k: "" for k in filter_form["fields"] if not k.startswith("_")}

        def query(**by_id):
            values = {names[k]: v for k, v in by_id.items()}
            return "/admin/people?" + urlencode({**{k: v for k, v in blank.items() if k in values}, **values})

        next_link = next((href for id_, href in page.links if id_ == "people-next"), None)
        role_values = page.ids.get("filter-role", [])
        active_values = [v for v in page.ids.get("filter-active", []) if v]
        cases = [("first page, no filter", "/admin/people")]
        if next_link:
            cases.append(("second page (#people-next keyset link)", urlparse(urljoin("/admin/people", next_link)).path + "?" + urlparse(next_link).query))
        cases.append(('search q="user4242" (11 matches)', query(**{"people-search": "user4242"})))
        cases.append(('search q="Local Person 99"', query(**{"people-search": "Local Person 99"})))
        cases.append(("search matching nobody", query(**{"people-search": "zz-nobody-zz"})))
        if "admin" in role_values:
            cases.append(("filter role=admin (1%)", query(**{"filter-role": "admin"})))
        inactive = next((v for v in active_values if v.lower() in ("false", "0", "inactive", "no", "deactivated")), None)
        if inactive:
            cases.append((f"filter active={inactive} (3%)", query(**{"filter-active": inactive})))
        if "pam" in page.ids.get("filter-auth", []):
            cases.append(("filter auth=pam (nobody: every account read)", query(**{"filter-auth": "pam"})))

        rows, summary = [], {}
        # The references first and last: the machine is shared, so drift shows.
        account_id = json.loads(run([ROSTER, "--config", config, "users", "show", "user0", "--json"], env=env).stdout)["id"]
        bearer = {"Authorization": f"Bearer {session['token']}"}
        ref_client = Client(url)

        def reference(path, headers=None):
            times = []
            for i in range(WARMUP + REQUESTS):
                start = time.perf_counter()
                ref_client.connection.request("GET", path, headers=headers or {})
                r = ref_client.connection.getresponse()
                r.read()
                if r.status != 200:
                    raise SystemExit(f"GET {path}: {r.status}")
                if i >= WARMUP:
                    times.append((time.perf_counter() - start) * 1000)
            return times

        healthz = reference("/healthz")
        api_one = reference(f"/api/admin/users/{account_id}", bearer)
        for label, path in cases:
            server, rtt, body = measure(console, path)
            shown = len(re.findall(r"<tr[^>]*data-account-id=", body))
            rows.append((label, path, server, rtt, shown))
        healthz += reference("/healthz")
        base = statistics.median(healthz)

        print(f"| {ACCOUNTS:,} accounts, {REQUESTS} requests each | rows | server p50 ms | server p95 ms | server max ms | round trip p50 ms | × /healthz round trip |")
        print("|---|---|---|---|---|---|---|")
        print(f"| `GET /healthz` (reference) | - | - | - | - | {fmt(base)} | 1.00 |")
        print(f"| `GET /api/admin/users/{{id}}` (reference: JSON admin API, one account) | - | - | - | - | {fmt(statistics.median(api_one))} | {statistics.median(api_one) / base:.2f} |")
        for label, path, server, rtt, shown in rows:
            print(f"| `{label}` | {shown} | {fmt(pct(server, 50))} | {fmt(pct(server, 95))} | {fmt(max((s for s in server if s is not None), default=None))} | {fmt(statistics.median(rtt))} | {statistics.median(rtt) / base:.2f} |")
        first = rows[0][2]
        if any(s is None for s in first):
            print("FAIL: the console's responses carry no Server-Timing app;dur")
            return 1
        slowest = max(((label, pct(server, 95)) for label, _, server, _, _ in rows if all(s is not None for s in server)),
                      key=lambda item: item[1])
        verdict = "PASS" if pct(first, 95) < TARGET_MS else "FAIL"
        print(f"\n{verdict}: the first page of the people list takes {pct(first, 50):.1f} ms server time at p50, "
              f"{pct(first, 95):.1f} ms at p95 (target < {TARGET_MS:.0f} ms); slowest case: {slowest[0]}, p95 {slowest[1]:.1f} ms")
        return 0 if verdict == "PASS" else 1
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    sys.exit(main())
