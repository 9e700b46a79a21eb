#!/usr/bin/env bash
# The newcomer's demo: installs what is needed, builds roster, starts a private slapd (loopback port 3899, its own
# folder .demo/slapd) holding the sample directory Tests/Fixtures/ldap/sample-directory.ldif, and runs roster on the
# sample config Config/roster.plist with a SQLite store in .demo/: sync, list, explain an admin, a local account.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
swift build --product roster
roster="$(swift build --show-bin-path)/roster"
export ROSTER_CONFIG="$repo/Config/roster.plist"
export ROSTER_DEMO_BIND_PASSWORD="${ROSTER_DEMO_BIND_PASSWORD:-roster-demo}"
bash scripts/slapd-harness.sh stop .demo/slapd 2>/dev/null || true
rm -rf .demo && mkdir -p .demo
bash scripts/slapd-harness.sh start .demo/slapd 3899 Tests/Fixtures/ldap/sample-directory.ldif >/dev/null
trap 'bash "$repo/scripts/slapd-harness.sh" stop "$repo/.demo/slapd"' EXIT
cd .demo          # storePath ./roster.sqlite is relative to the working directory
set -x
"$roster" config check
"$roster" sync --dry-run
"$roster" sync
"$roster" users list
"$roster" explain alan
"$roster" sync
"$roster" users create --email admin@example.org --role superuser --auth-method saml
"$roster" users create --email ada.local@example.org --display-name "Ada (local)"
"$roster" sync history
"$roster" audit --limit 5
