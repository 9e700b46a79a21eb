#!/usr/bin/env bash
# Sync benchmark (issue 3): builds roster in release mode, generates and loads a directory into a private slapd, and
# prints a table comparing roster's sync with ldapsearch reading the same entries in the same run.
#   scripts/bench-sync.sh [--users N] [--groups G] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product roster >&2
python3 scripts/bench/bench_sync.py --roster "$(swift build -c release --show-bin-path)/roster" "$@"
