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
# slapd's postinst must not ask questions or start a system service.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
