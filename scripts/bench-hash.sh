#!/usr/bin/env bash
# The cost of one argon2id password hash and verification (libsodium) at each configurable strength, release build.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product RosterBench >&2
"$(swift build -c release --show-bin-path)/RosterBench" hash "${1:-9}"
