#!/usr/bin/env bash
# A private Samba Active Directory domain controller for Roster's directory tests: its own provisioned domain, config,
# databases, sockets, pid file and logs all inside DIR, on loopback only, never the system service.
#
#   samba-ad-harness.sh start DIR     # prints the LDAP URL (ldaps://127.0.0.1:636) and samba's pid; DIR's contents
#                                     # are replaced by a fresh copy of the seeded domain
#   samba-ad-harness.sh stop DIR      # ends samba and waits for it to exit
#   samba-ad-harness.sh status DIR
#
# Needs (installs nothing itself):
#   apt-get install --no-install-recommends samba samba-ad-dc samba-ad-provision ldap-utils openssl
# The packages' own services (samba-ad-dc, smbd, nmbd, winbind) are never started or used; where the package
# started them (a machine with systemd), `systemctl disable --now samba-ad-dc smbd nmbd winbind` first: they would
# hold port 389.
#
# Domain ROSTER / realm ROSTER.TEST (base DC=roster,DC=test), administrator Administrator@roster.test /
# Roster-Admin-1, Roster's bind account CN=roster-sync,CN=Users,DC=roster,DC=test / Roster-Sync-1, seeded by
# Tests/Fixtures/ad/seed.py (users, nested groups, a disabled user, users without mail, a 1,602-member group).
#
# Ports: Samba's LDAP server has no port setting: it binds 389 (LDAP), 636 (LDAPS), 3268 and 3269 (global catalog)
# on 127.0.0.1 and ::1 (interfaces=lo, bind interfaces only). Only the `ldap` server service runs (no SMB, RPC, KDC,
# DNS, NBT, winbindd), so no other port is bound. Hence one harness per machine at a time, and `start` refuses (exit 3)
# when any of these ports is already bound instead of letting samba fail obscurely.
#
# TLS: a stock Samba DC refuses simple binds without transport encryption ("ldap server require strong auth" = yes,
# kept as shipped). The harness makes a CA and a certificate for 127.0.0.1/localhost in DIR/tls (DIR/tls/ca.pem is
# the CA file) and hands them to samba (tls certfile/keyfile/cafile); clients use ldaps://127.0.0.1:636 or StartTLS.
#
# Provisioning (samba-tool domain provision, about 5 s) plus seeding (about 10 s) is done once into a cached template,
# $ROSTER_SAMBA_AD_CACHE (default /tmp/roster-samba-ad-cache), keyed by a digest of this script, the seed and samba's
# version; every later `start` copies the template (under a lock, so parallel starts build it once).
#
# Exit status of start: 0 when samba answers LDAP (URL and pid printed), 3 when a port samba needs is taken, 1 else.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../Tests/Fixtures/ad"
SAMBA=${SAMBA:-/usr/sbin/samba}
SAMBA_TOOL=${SAMBA_TOOL:-/usr/bin/samba-tool}
PYTHON=${SAMBA_PYTHON:-/usr/bin/python3}  # samba's python bindings are in Debian's python3, not a pyenv one
CACHE=${ROSTER_SAMBA_AD_CACHE:-/tmp/roster-samba-ad-cache}
ADMIN_PASSWORD=Roster-Admin-1
PORTS=(389 636 3268 3269)

die() { echo "samba-ad-harness: $*" >&2; exit 1; }

HARNESS_PYTHON=$PYTHON
# alive and wait_exit: scripts/lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"

# The listening TCP sockets on one of PORTS (any address), from /proc/net/tcp{,6}: state 0A is LISTEN.
ports_taken() {
    local taken=() port hex
    for port in "${PORTS[@]}"; do
        hex=$(printf ':%04X ' "$port")
        if cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" { print $2 " " }' | grep -q -- "$hex"; then
            taken+=("$port")
        fi
    done
    echo "${taken[*]}"
}

# smb.conf for an instance in DIR (provisioned with these paths; a copy rewrites them).
provision() {
    local dir="$1"
    mkdir -p "$dir/run" "$dir/log" "$dir/tls"
    "$SAMBA_TOOL" domain provision --targetdir="$dir" --realm=ROSTER.TEST --domain=ROSTER --adminpass="$ADMIN_PASSWORD" \
        --server-role=dc --dns-backend=NONE --use-rfc2307 --host-name=rosterdc --host-ip=127.0.0.1 \
        --option="interfaces=lo" --option="bind interfaces only=yes" \
        --option="pid directory=$dir/run" --option="ncalrpc dir=$dir/run/ncalrpc" \
        --option="winbindd socket directory=$dir/run/winbindd" --option="ntp signd socket directory=$dir/run/ntp_signd" \
        --option="server services=ldap" --option="log file=$dir/log/samba.log" \
        >"$dir/log/provision.log" 2>&1 || { tail -20 "$dir/log/provision.log" >&2; die "provisioning failed"; }
    # Options provision does not write (it keeps only the ones it knows) and the test certificate.
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Roster Test AD CA" \
        -keyout "$dir/tls/ca.key" -out "$dir/tls/ca.pem" >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/tls/key.pem" \
        -out "$dir/tls/server.csr" >/dev/null 2>&1
    printf "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n" > "$dir/tls/ext.cnf"
    openssl x509 -req -in "$dir/tls/server.csr" -CA "$dir/tls/ca.pem" -CAkey "$dir/tls/ca.key" -CAcreateserial \
        -days 30 -extfile "$dir/tls/ext.cnf" -out "$dir/tls/cert.pem" >/dev/null 2>&1
    chmod 600 "$dir/tls/key.pem" "$dir/tls/ca.key"
    sed -i "/^\[global\]/a\\
	tls enabled = yes\\
	tls keyfile = $dir/tls/key.pem\\
	tls certfile = $dir/tls/cert.pem\\
	tls cafile = $dir/tls/ca.pem" "$dir/etc/smb.conf"
    "$PYTHON" "$fixtures/seed.py" "$dir/etc/smb.conf" >"$dir/log/seed.log" 2>&1 \
        || { tail -20 "$dir/log/seed.log" >&2; die "seeding failed"; }
}

template() {
    local key
    key=$( { cat "$0" "$fixtures/seed.py"; "$SAMBA" -V; } | sha256sum | cut -c1-16)
    mkdir -p "$CACHE"
    local path="$CACHE/template-$key"
    (
        flock 9
        if [ ! -f "$path/ready" ]; then
            rm -rf "$path.tmp"
            provision "$path.tmp"
            touch "$path.tmp/ready"
            sed -i "s#$path.tmp#$path#g" "$path.tmp/etc/smb.conf"
            mv "$path.tmp" "$path"
        fi
    ) 9>"$CACHE/lock"
    echo "$path"
}

start() {
    local dir="$1"
    [ -x "$SAMBA" ] && [ -x "$SAMBA_TOOL" ] \
        || die "samba is not installed (apt-get install --no-install-recommends samba samba-ad-dc samba-ad-provision)"
    command -v ldapsearch >/dev/null || die "ldapsearch is missing (apt-get install ldap-utils)"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [ -f "$dir/run/samba.pid" ] && alive "$(cat "$dir/run/samba.pid")"; then die "already running in $dir"; fi
    local taken; taken=$(ports_taken)
    if [ -n "$taken" ]; then
        echo "samba-ad-harness: port(s) $taken already in use (another directory on 389/636? Samba's LDAP ports cannot be moved)" >&2
        exit 3
    fi
    local source; source=$(template)
    # A fresh copy of the template, its absolute paths rewritten to DIR.
    find "$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
    cp -a "$source/." "$dir/"
    rm -f "$dir/ready"
    sed -i "s#$source#$dir#g" "$dir/etc/smb.conf"
    mkdir -p "$dir/run" "$dir/log"
    # Detached from the caller: no inherited descriptor above 2 (a caller waiting for this script's output would wait
    # for samba), stdin from /dev/null, the signal mask cleared (a test process's threads block SIGTERM).
    (
        for fd in $(ls "/proc/$BASHPID/fd"); do
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec "$PYTHON" -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.setsid(); os.execv(sys.argv[1], sys.argv[1:])' \
            "$SAMBA" -i -s "$dir/etc/smb.conf" </dev/null >"$dir/log/samba.out" 2>&1
    ) &
    local pid=$!
    echo "$pid" > "$dir/run/harness.pid"
    local deadline=$((SECONDS + ${ROSTER_SAMBA_AD_START_SECONDS:-60}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! alive "$pid"; then
            tail -20 "$dir/log/samba.out" >&2
            taken=$(ports_taken)
            [ -z "$taken" ] || { echo "samba-ad-harness: samba exited; port(s) $taken in use" >&2; exit 3; }
            die "samba exited during start"
        fi
        if LDAPTLS_CACERT="$dir/tls/ca.pem" ldapsearch -x -H ldaps://127.0.0.1:636 -D "Administrator@roster.test" \
                -w "$ADMIN_PASSWORD" -b "" -s base highestCommittedUSN >/dev/null 2>&1; then
            echo "ldaps://127.0.0.1:636"
            echo "$pid"
            return 0
        fi
        sleep 0.2
    done
    tail -20 "$dir/log/samba.out" >&2
    stop "$dir"
    die "samba did not answer LDAP within ${ROSTER_SAMBA_AD_START_SECONDS:-60} s"
}

stop() {
    local dir="$1" pid
    [ -f "$dir/run/harness.pid" ] || return 0
    pid="$(cat "$dir/run/harness.pid")"
    if alive "$pid"; then
        # samba's root process ends its task and worker processes when it gets SIGTERM; they are in its session.
        kill "$pid" 2>/dev/null || true
        if ! wait_exit "$pid" 10; then kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; fi
    fi
    # Any worker left behind (the session samba led) is ended too, and waited for: port 389 must be free after stop.
    local left
    for _ in $(seq 1 50); do
        left=$(ps -eo pid=,sid= | awk -v s="$pid" '$2 == s { print $1 }')
        [ -z "$left" ] && break
        kill $left 2>/dev/null || true
        sleep 0.1
    done
    rm -f "$dir/run/harness.pid" "$dir/run/samba.pid"
}

status() {
    local dir="$1"
    if [ -f "$dir/run/harness.pid" ] && alive "$(cat "$dir/run/harness.pid")"; then
        echo "running (pid $(cat "$dir/run/harness.pid"))"
    else
        echo "stopped"; return 1
    fi
}

case "${1:-}" in
    start) [ $# -eq 2 ] || die "usage: start DIR"; start "$2" ;;
    stop) [ $# -eq 2 ] || die "usage: stop DIR"; stop "$2" ;;
    status) [ $# -eq 2 ] || die "usage: status DIR"; status "$2" ;;
    *) die "usage: $0 start|stop|status DIR" ;;
esac
