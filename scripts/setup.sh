#!/usr/bin/env bash
# Installs the Debian packages Roster needs to build and test (idempotent; skips apt when all are present).
#   libsqlite3-dev  the store (GRDB over the system SQLite)
#   libsodium-dev   argon2id password hashes, token hashes, random bytes
#   libldap-dev     LDAP directories;  libcurl4-openssl-dev  SMTP mail
#   slapd ldap-utils  a private test directory (never the system service);  openssl  test certificates
#   wrk  the SCIM load benchmark (scripts/bench-scim.sh)
#   samba samba-ad-dc samba-ad-provision  a private Samba AD DC (scripts/samba-ad-harness.sh, issue 10)
#   389-ds-base  a private 389 Directory Server (scripts/389ds-harness.sh, issue 10)
#   chromium chromium-driver  the admin console's browser tests (Tests/Browser, issue 11)
# and, from PyPI, python-scim's scim2-tester (the SCIM conformance run of scripts/test.sh), aiosmtpd (the
# local SMTP sink of the mail tests, scripts/smtp-sink.py) and selenium (driving chromium-driver).
set -euo pipefail
python_packages=("scim2-tester[httpx2]==0.5.2" "aiosmtpd" "selenium")
if ! python3 -c "import scim2_tester, httpx2, aiosmtpd, selenium" 2>/dev/null; then
    echo "setup: pip installing ${python_packages[*]}" >&2
    python3 -m pip install --quiet --disable-pip-version-check "${python_packages[@]}"
fi
packages=(libsqlite3-dev libsodium-dev libldap-dev libcurl4-openssl-dev slapd ldap-utils openssl pkg-config wrk
          samba samba-ad-dc samba-ad-provision 389-ds-base chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all packages present" >&2
    exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# The packages' postinst scripts must not ask questions or start system services (slapd, samba-ad-dc, smbd, dirsrv
# would take 389/636, which the private test directories need): Debian's policy-rc.d hook refuses every start during
# the install (exit 101), and is removed afterwards unless the machine already had one.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    own_policy=true
fi
status=0
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
[ "$own_policy" = false ] || $SUDO rm -f "$policy"
[ "$status" -eq 0 ] || { echo "setup: apt-get install failed ($status)" >&2; exit "$status"; }
echo "setup: done" >&2
