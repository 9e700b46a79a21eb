#!/usr/bin/env bash
# Browser tests of the admin console (issue 11): Debian's chromium driven by chromium-driver through Selenium.
#
# Builds roster, then in a temp folder: a private slapd with the sample directory (Tests/Fixtures/ldap), a config
# adapted from Config/roster.plist (fresh store, free port, the slapd, mail to scripts/smtp-sink.py), a store seeded
# through the CLI (a directory sync — alan is an admin through platform-team ⊂ roster-admins — and a second run held
# by the deprovision threshold; a superuser; the admin the browser signs in as; members; a SCIM client, a signup
# domain, a pending invitation), the SMTP sink, and `roster serve` on a free loopback port. Then runs
# Tests/Browser/test_console.py (stdlib unittest) with headless chromium and stops everything.
# A PNG of each main page goes to ${ROSTER_ARTIFACTS:-ci-artifacts}/screenshots/.
#
# Exits non-zero on any failure. Without chromium/chromedriver/selenium it prints SKIP and exits 0, unless CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
python3 -c "import selenium" 2>/dev/null || missing+=(selenium)
python3 -c "import aiosmtpd" 2>/dev/null || missing+=(aiosmtpd)
[ -x /usr/sbin/slapd ] || missing+=(slapd)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "browser-tests: FAIL: missing ${missing[*]} (run scripts/setup.sh)" >&2
        exit 1
    fi
    echo "browser-tests: SKIP: missing ${missing[*]} (scripts/setup.sh installs them)"
    exit 0
fi

if [ -z "${ROSTER_BINARY:-}" ]; then
    swift build --product roster >&2
    roster="$(swift build --show-bin-path)/roster"
else
    roster="$ROSTER_BINARY"
fi
artifacts="${ROSTER_ARTIFACTS:-ci-artifacts}"
mkdir -p "$artifacts/screenshots"
artifacts="$(cd "$artifacts" && pwd)"
rm -f "$artifacts"/screenshots/*.png

work="$(mktemp -d "${TMPDIR:-/tmp}/roster-browser.XXXXXX")"
server_pid=""
sink_pid=""
cleanup() {
    local status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [ -n "$sink_pid" ] && kill -0 "$sink_pid" 2>/dev/null; then kill -TERM "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
    bash "$repo/scripts/slapd-harness.sh" stop "$work/slapd" >/dev/null 2>&1 || true
    if [ "$status" -ne 0 ] && [ -f "$work/serve.err" ]; then
        echo "browser-tests: last lines of roster serve's stderr:" >&2
        tail -n 20 "$work/serve.err" >&2 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private slapd on a random loopback port pair (slapd binds it itself; exit 3 = taken, try another pair).
ldap_port=""
for _ in $(seq 1 8); do
    candidate=$((20000 + RANDOM % 12000))
    status=0
    bash scripts/slapd-harness.sh start "$work/slapd" "$candidate" Tests/Fixtures/ldap/sample-directory.ldif \
        > /dev/null 2> "$work/slapd.err" || status=$?
    if [ "$status" -eq 0 ]; then ldap_port="$candidate"; break; fi
    [ "$status" -eq 3 ] || { cat "$work/slapd.err" >&2; echo "browser-tests: slapd did not start" >&2; exit 1; }
done
[ -n "$ldap_port" ] || { cat "$work/slapd.err" >&2; echo "browser-tests: slapd found no free port" >&2; exit 1; }

# The SMTP sink: binds port 0 and reports it.
mkdir -p "$work/mail"
python3 scripts/smtp-sink.py "$work/mail" > "$work/sink.out" 2> "$work/sink.err" &
sink_pid=$!
smtp_port=""
for _ in $(seq 1 100); do
    smtp_port="$(sed -n 's/^smtp-sink: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/sink.out")"
    [ -n "$smtp_port" ] && break
    kill -0 "$sink_pid" 2>/dev/null || { cat "$work/sink.err" >&2; echo "browser-tests: smtp sink exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$smtp_port" ] || { echo "browser-tests: smtp sink did not start" >&2; exit 1; }

# The shipped sample config, adapted: fresh store, port 0, the private slapd (a deprovision threshold of 2 accounts,
# so that the second sync is held), mail to the sink, quiet logs, and a hashing bucket large enough for the logins
# of one test run from one address.
python3 - "$work" "$ldap_port" "$smtp_port" <<'PY'
import plistlib, sys
work, ldap_port, smtp_port = sys.argv[1], sys.argv[2], sys.argv[3]
with open("Config/roster.plist", "rb") as file:
    config = plistlib.load(file)
config["storePath"] = f"{work}/store.sqlite"
config["logging"] = {"level": "warning", "format": "text"}
config["scim"]["port"] = 0
source = config["ldap"][0]
source["name"] = "corp"
source["url"] = f"ldap://127.0.0.1:{ldap_port}"
source["maxDeprovisionCount"] = 2
config["sessions"]["hashingBurst"] = 200
config["sessions"]["hashingRequestsPerMinute"] = 600
config["smtp"] = {"url": f"smtp://127.0.0.1:{smtp_port}", "from": "roster@example.net",
                  "linkBaseURL": "https://roster.example.test"}
with open(f"{work}/roster.plist", "wb") as file:
    plistlib.dump(config, file)
PY
export ROSTER_MAPPINGS="$repo/Mappings"
export ROSTER_DEMO_BIND_PASSWORD=roster-demo
export ROSTER_CONFIG="$work/roster.plist"
cli() { "$roster" --config "$ROSTER_CONFIG" "$@"; }
quiet() { cli "$@" > "$work/cli.out" 2> "$work/cli.err" || { cat "$work/cli.err" >&2; echo "browser-tests: roster $1 $2 failed" >&2; exit 1; }; }
# A temporary password is the last line of `users create`; it never reaches the log.
create() { cli users create "$@" > "$work/create.out" 2> "$work/cli.err" || { cat "$work/cli.err" >&2; echo "browser-tests: users create failed" >&2; exit 1; }; tail -n 1 "$work/create.out"; }

echo "browser-tests: seeding the store (slapd on port $ldap_port, smtp sink on $smtp_port)"
quiet sync
# Three people leave the directory: deactivating 3 > maxDeprovisionCount 2 holds the run (exit 3) for approval.
ldapdelete -x -H "ldap://127.0.0.1:$ldap_port" -D "cn=admin,dc=example,dc=com" -w secret \
    uid=donald,ou=people,dc=example,dc=com uid=frances,ou=people,dc=example,dc=com uid=leslie,ou=people,dc=example,dc=com
held=0
cli sync > "$work/cli.out" 2> "$work/cli.err" || held=$?
[ "$held" -eq 3 ] || { cat "$work/cli.out" "$work/cli.err" >&2; echo "browser-tests: the second sync was not held (exit $held)" >&2; exit 1; }
quiet users create --email root@example.org --username root --display-name "Root Superuser" --role superuser --auth-method saml
admin_temp="$(create --email console.admin@example.org --username console-admin --display-name "Console Admin" --role admin)"
member_temp="$(create --email console.member@example.org --username console-member --display-name "Console Member" --role member)"
fresh_temp="$(create --email fresh.admin@example.org --username fresh-admin --display-name "Fresh Admin" --role admin)"
reset_temp="$(create --email reset.target@example.org --username reset-target --display-name "Rhea Reset" --role member)"
quiet users create --email zephyrine@example.org --username zquixote --display-name "Zephyrine Quixote-Marlow" --role member --auth-method saml
quiet users create --email role.target@example.org --username role-target --display-name "Rowan Target" --role member --auth-method saml
quiet users create --email refusal.target@example.org --username refusal-target --display-name "Reza Refusal" --role member --auth-method saml
quiet users create --email toggle.target@example.org --username toggle-target --display-name "Tove Toggle" --role member --auth-method saml
quiet users create --email csrf.target@example.org --username csrf-target --display-name "Cyril Forgery" --role member --auth-method saml
for n in 1 2 3 4 5; do
    quiet users create --email "filler$n@example.org" --username "filler$n" --display-name "Filler Person $n" --role guest --auth-method saml
done
cli scim-clients add entra > /dev/null 2> "$work/cli.err" || { cat "$work/cli.err" >&2; exit 1; }  # the token is not kept
quiet domains add example.org --role member
quiet invitations create --email seeded.invitee@example.org --role member

"$roster" --config "$ROSTER_CONFIG" serve > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
    url="$(sed -n 's/^roster serve: listening on \(http[^ ]*\)$/\1/p' "$work/serve.out")"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; echo "browser-tests: roster serve exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "browser-tests: roster serve did not start" >&2; exit 1; }
port="${url##*:}"
# Chromium treats localhost as a secure context: the console's Secure cookie works over plain http there.
base="http://localhost:$port"
curl -fsS "$url/healthz" > /dev/null

# The temporary passwords become known ones through the JSON API (a temporary password only allows the change).
admin_password="$(openssl rand -hex 16)"
member_password="$(openssl rand -hex 16)"
SEED_PASSWORDS="console-admin $admin_temp $admin_password
console-member $member_temp $member_password
reset-target $reset_temp $(openssl rand -hex 16)" python3 - "$url" <<'PY'
import json, os, sys, urllib.request
url = sys.argv[1]
def call(path, body, token=None):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)
for line in os.environ["SEED_PASSWORDS"].splitlines():
    user, temporary, password = line.split()
    session = call("/auth/login", {"login": user, "password": temporary})
    call("/auth/password", {"newPassword": password}, session["token"])
PY

echo "browser-tests: roster serve at $base; chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
status=0
ROSTER_URL="$base" ROSTER_BIN="$roster" ROSTER_MAIL_DIR="$work/mail" ROSTER_SCREENSHOTS="$artifacts/screenshots" \
ROSTER_ADMIN_USER=console-admin ROSTER_ADMIN_PASSWORD="$admin_password" \
ROSTER_MEMBER_USER=console-member ROSTER_MEMBER_PASSWORD="$member_password" \
ROSTER_FRESH_USER=fresh-admin ROSTER_FRESH_TEMPORARY="$fresh_temp" \
    timeout 600 python3 Tests/Browser/test_console.py || status=$?

kill -TERM "$server_pid"
stopped=0
wait "$server_pid" || stopped=$?
server_pid=""
[ "$stopped" -eq 0 ] || { echo "browser-tests: roster serve exited $stopped on SIGTERM" >&2; status=1; }
echo "browser-tests: screenshots in $artifacts/screenshots ($(ls "$artifacts/screenshots" | wc -l) PNGs)"
if [ "$status" -ne 0 ]; then echo "browser-tests: FAILED" >&2; exit "$status"; fi
echo "browser-tests: all passed"
