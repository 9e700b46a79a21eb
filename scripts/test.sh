#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), builds everything (the roster executable too: the CLI tests run it as a process) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
bash scripts/browser-tests.sh  # the admin console in headless chromium (Tests/Browser; screenshots in ci-artifacts/)
# SCIM conformance: python-scim's scim2-tester against a real `roster serve` on loopback.
bash scripts/scim/conformance.sh
