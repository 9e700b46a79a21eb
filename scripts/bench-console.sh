#!/usr/bin/env bash
# Admin console benchmark (issue 11): builds release binaries, seeds a store of ACCOUNTS accounts (default 100,000;
# sessions and API tokens on some, an admin), starts `roster serve` on a free loopback port, signs in to the console
# and requests the people list (first page, next page, searches, filters) REQUESTS times each (default 50), reading the
# server's own time from `Server-Timing: app;dur`; `GET /healthz` and the JSON admin API are measured in the same run
# for reference. Prints a table and PASS/FAIL against 200 ms for the first page.
# Usage: scripts/bench-console.sh [ACCOUNTS] [REQUESTS]
# ROSTER_BENCH_CONFIGURATION=debug measures a debug build instead; ROSTER_BENCH_SCRATCH=DIR builds in DIR (so a
# long release build does not hold the shared .build).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${ROSTER_BENCH_CONFIGURATION:-release}"
flags=(-c "$configuration")
[ -n "${ROSTER_BENCH_SCRATCH:-}" ] && flags+=(--scratch-path "$ROSTER_BENCH_SCRATCH")
swift build "${flags[@]}" --product roster >&2
swift build "${flags[@]}" --product RosterBench >&2
echo "bench-console: $configuration build" >&2
python3 scripts/bench/bench_console.py "$(swift build "${flags[@]}" --show-bin-path)" "${1:-100000}" "${2:-50}"
