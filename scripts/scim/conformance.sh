#!/usr/bin/env bash
# SCIM conformance: starts `roster serve` with the shipped Config/roster.plist (on a free loopback port, with a fresh
# store) and a new client token, runs python-scim's scim2-tester (check_server) against it, then stops the server with
# SIGTERM and checks that it shut down cleanly. Exits non-zero if any check fails. Needs a built roster (swift build) and scripts/setup.sh's pip step.
set -euo pipefail
cd "$(dirname "$0")/../.."
roster="${ROSTER_BINARY:-$(swift build --show-bin-path)/roster}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# The shipped sample config, unchanged but for what a test run must change: a fresh store in the temp folder and a
# free port. Its SCIM limits (requestsPerMinute, burst, bulk sizes) are the ones under test.
python3 - "$work" <<'PY'
import plistlib, sys
work = sys.argv[1]
with open("Config/roster.plist", "rb") as file:
    config = plistlib.load(file)
config["storePath"] = f"{work}/store.sqlite"
config["scim"]["port"] = 0
with open(f"{work}/roster.plist", "wb") as file:
    plistlib.dump(config, file)
PY
export ROSTER_MAPPINGS="$PWD/Mappings"
token="$("$roster" --config "$work/roster.plist" scim-clients add conformance | tail -n 1)"
"$roster" --config "$work/roster.plist" serve > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
    url="$(sed -n 's/^roster serve: listening on \(http[^ ]*\)$/\1/p' "$work/serve.out")"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; echo "conformance: roster serve exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "conformance: roster serve did not start" >&2; exit 1; }
echo "conformance: roster serve at $url"
curl -fsS "$url/healthz" > /dev/null
status=0
python3 scripts/scim/conformance.py "$url/scim/v2" "$token" > "$work/checks.txt" || status=$?
grep -E "^FAIL" "$work/checks.txt" || true
tail -n 1 "$work/checks.txt"
kill -TERM "$server_pid"
wait "$server_pid" && stopped=0 || stopped=$?
server_pid=""
if [ "$stopped" -ne 0 ]; then echo "conformance: roster serve exited $stopped on SIGTERM" >&2; exit 1; fi
echo "conformance: roster serve stopped cleanly on SIGTERM"
exit "$status"
