#!/usr/bin/env bash
# SCIM load benchmark (issue: SCIM service provider): builds release binaries, seeds stores of 1,000 and N users
# (default 100,000), starts `roster serve` on loopback and measures with wrk, next to a trivial Hummingbird endpoint
# measured in the same run. Prints a table. Usage: scripts/bench-scim.sh [USERS] [SECONDS_PER_RUN]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || bash scripts/setup.sh
swift build -c release --product roster >&2
swift build -c release --product RosterBench >&2
python3 scripts/bench/bench_scim.py "$(swift build -c release --show-bin-path)" "${1:-100000}" "${2:-10}"
