#!/usr/bin/env bash
# The newcomer's demo: installs what is needed, builds roster, and runs it on the embedded default (a SQLite file in
# .demo/, the sample config Config/roster.plist): creates an account and lists the accounts.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
swift build --product roster
roster="$(swift build --show-bin-path)/roster"
export ROSTER_CONFIG="$repo/Config/roster.plist"
export ROSTER_DEMO_BIND_PASSWORD="${ROSTER_DEMO_BIND_PASSWORD:-roster-demo}"
rm -rf .demo && mkdir -p .demo && cd .demo          # storePath ./roster.sqlite is relative to the working directory
set -x
"$roster" config check
"$roster" users create --email ada@example.com --display-name "Ada Lovelace"
"$roster" users create --email grace@example.com --role admin
"$roster" --as grace users set-role ada member
"$roster" users list
"$roster" users list --json
"$roster" audit
