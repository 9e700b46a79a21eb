#!/usr/bin/env python3
"""Runs python-scim's scim2-tester (check_server) against a running `roster serve`.

Usage: conformance.py BASE_URL TOKEN   e.g. conformance.py http://127.0.0.1:18080/scim/v2 "$TOKEN"
Prints one line per check and a summary; exits 1 if any check ends in ERROR or CRITICAL.
"""
import sys
from collections import Counter

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

FAILING = {Status.ERROR, Status.CRITICAL}


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    base_url, token = sys.argv[1].rstrip("/") + "/", sys.argv[2]
    http = Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    client = SyncSCIMClient(http)
    results = check_server(client)
    counts = Counter(result.status.name for result in results)
    for result in results:
        marker = "FAIL" if result.status in FAILING else "ok  "
        resource = f" [{result.resource_type}]" if getattr(result, "resource_type", None) else ""
        reason = f": {result.reason}" if result.status in FAILING or result.status == Status.SKIPPED else ""
        print(f"{marker} {result.status.name:<10} {result.title}{resource}{reason}")
    failed = sum(counts[status.name] for status in FAILING)
    summary = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
    print(f"scim2-tester: {len(results)} checks: {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
