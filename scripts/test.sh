#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), builds everything (the roster executable too: the CLI tests run it as a process) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
# The real-directory suites (Samba AD DC, 389-DS) run after the rest, one at a time: their harnesses start servers
# and wait on them synchronously (and one Samba DC per machine, behind a lock), which beside the rest of the suite
# ties up the 2 threads of the test process's concurrency pool on a 2-core machine and starves everything else.
directory_suites='ActiveDirectory|SambaAD|DS389'
if [ $# -eq 0 ]; then
    swift test --skip-build --skip "$directory_suites"
    swift test --skip-build --no-parallel --filter "$directory_suites"
else
    swift test --skip-build "$@"
fi
bash scripts/browser-tests.sh  # the admin console in headless chromium (Tests/Browser; screenshots in ci-artifacts/)
# SCIM conformance: python-scim's scim2-tester against a real `roster serve` on loopback.
bash scripts/scim/conformance.sh
