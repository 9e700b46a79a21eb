#!/usr/bin/env bash
# Creates N accounts (default 10,000) through the domain API in a release build and prints a table comparing it
# with raw SQL inserts of the same rows, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
swift build -c release --product RosterBench >&2
"$(swift build -c release --show-bin-path)/RosterBench" store-create "$count"
