#!/usr/bin/env bash
# Builds everything (the roster executable too: the CLI tests run it as a process) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build "$@"
