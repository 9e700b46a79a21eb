#!/usr/bin/env bash
# A private slapd for tests, demos and benchmarks: its own config and database in DIR, listening on loopback only,
# never the system service.
#
#   slapd-harness.sh start DIR PORT [--no-base] [--no-syncprov] [--size-limit N] [LDIF...]
#                                                    # ldap://127.0.0.1:PORT and ldaps://127.0.0.1:PORT+1
#   slapd-harness.sh restart DIR PORT                                       # the same config and database again
#   slapd-harness.sh stop DIR
#   slapd-harness.sh status DIR
#
# Suffix dc=example,dc=com, with the syncprov overlay (contextCSN, and a session log for RFC 4533 refreshes with a
# cookie; --no-syncprov leaves it out, like an OpenLDAP that replicates nothing); rootdn cn=admin,dc=example,dc=com / secret; a reader cn=roster,dc=example,dc=com /
# roster-demo (from base.ldif unless --no-base). Unpaged searches stop at 500 entries (or N; like AD's MaxPageSize),
# paged searches read everything (size.prtotal=unlimited). A CA and a server certificate for 127.0.0.1/localhost are
# generated in DIR/tls (DIR/tls/ca.pem is the CA file).
#
# Exit status of start: 0 when slapd answers (its pid is printed), 3 when slapd itself refused to start (above all a
# port in use: it cannot bind PORT or PORT+1; a caller may retry on other ports), 1 for anything else.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../Tests/Fixtures/ldap"
SLAPD=${SLAPD:-/usr/sbin/slapd}
SLAPADD=${SLAPADD:-/usr/sbin/slapadd}

die() { echo "slapd-harness: $*" >&2; exit 1; }

start() {
    local dir="$1" port="$2"; shift 2
    local with_base=1 with_syncprov=1 size_limit=500
    while [ $# -gt 0 ]; do
        case "$1" in
            --no-base) with_base=0; shift ;;
            --no-syncprov) with_syncprov=0; shift ;;
            --size-limit) size_limit="$2"; shift 2 ;;
            *) break ;;
        esac
    done
    [ -x "$SLAPD" ] || die "slapd is not installed (apt-get install slapd ldap-utils)"
    mkdir -p "$dir/db" "$dir/tls"
    dir="$(cd "$dir" && pwd)"
    if [ -f "$dir/slapd.pid" ] && alive "$(cat "$dir/slapd.pid")"; then die "already running in $dir"; fi
    rm -rf "$dir/db"/*
    if [ ! -f "$dir/tls/server.pem" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Roster Test CA" \
            -keyout "$dir/tls/ca.key" -out "$dir/tls/ca.pem" >/dev/null 2>&1
        openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/tls/server.key" \
            -out "$dir/tls/server.csr" >/dev/null 2>&1
        printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" > "$dir/tls/ext.cnf"
        openssl x509 -req -in "$dir/tls/server.csr" -CA "$dir/tls/ca.pem" -CAkey "$dir/tls/ca.key" -CAcreateserial \
            -days 2 -extfile "$dir/tls/ext.cnf" -out "$dir/tls/server.pem" >/dev/null 2>&1
    fi
    local rootpw
    rootpw="$(/usr/sbin/slappasswd -s secret)"
    cat > "$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
$([ "$with_syncprov" -eq 1 ] && echo "moduleload syncprov")
TLSCACertificateFile $dir/tls/ca.pem
TLSCertificateFile $dir/tls/server.pem
TLSCertificateKeyFile $dir/tls/server.key
sizelimit size.soft=$size_limit size.hard=$size_limit size.prtotal=unlimited
database mdb
maxsize 4294967296
suffix "dc=example,dc=com"
rootdn "cn=admin,dc=example,dc=com"
rootpw $rootpw
directory $dir/db
index objectClass eq
index entryUUID eq
index uid eq
index member eq
index entryCSN eq
$([ "$with_syncprov" -eq 1 ] && cat <<SYNCPROV
# syncprov keeps the database's contextCSN (what every replicated OpenLDAP runs): Roster reads it to recognise an
# unchanged directory without reading entries. Its session log lets an RFC 4533 refresh with a cookie name the
# deleted entries instead of a whole present phase: Roster's changed-directory runs use it instead of the anchor scan.
overlay syncprov
syncprov-checkpoint 100 5
syncprov-sessionlog 100000
SYNCPROV
)
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
CONF
    local files=()
    [ "$with_base" -eq 1 ] && files+=("$fixtures/base.ldif")
    files+=("$@")
    if [ ${#files[@]} -gt 0 ]; then
        : > "$dir/load.ldif"
        for f in "${files[@]}"; do cat "$f" >> "$dir/load.ldif"; printf '\n' >> "$dir/load.ldif"; done
        local csn=(-w)
        [ "$with_syncprov" -eq 1 ] || csn=()
        "$SLAPADD" -q "${csn[@]}" -f "$dir/slapd.conf" -l "$dir/load.ldif" >"$dir/slapadd.log" 2>&1 \
            || { cat "$dir/slapadd.log" >&2; die "slapadd failed"; }
    fi
    launch "$dir" "$port"
}

# Runs slapd from DIR's config and database on PORT and PORT+1 and waits until it answers; prints its pid.
launch() {
    local dir="$1" port="$2"
    # slapd daemonises: close every inherited descriptor above 2 first, so the daemon keeps none of the caller's
    # pipes open (a caller waiting for this script to finish would otherwise wait for slapd).
    (
        for fd in $(ls "/proc/$BASHPID/fd"); do
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        # A caller may have blocked signals (a test process's threads do) and children inherit the mask; slapd must
        # see SIGTERM to shut down, so the mask is cleared before exec where python3 is there to do it.
        unblock=()
        if command -v python3 >/dev/null; then
            unblock=(python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])')
        fi
        exec "${unblock[@]}" "$SLAPD" -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$((port + 1))/" -s 0 \
            </dev/null >"$dir/slapd.log" 2>&1
    ) || { cat "$dir/slapd.log" >&2; echo "slapd-harness: slapd did not start (is port $port or $((port + 1)) in use?)" >&2; exit 3; }
    for _ in $(seq 1 100); do
        if ldapwhoami -x -H "ldap://127.0.0.1:$port" -D "cn=admin,dc=example,dc=com" -w secret >/dev/null 2>&1; then
            cat "$dir/slapd.pid"
            return 0
        fi
        sleep 0.1
    done
    cat "$dir/slapd.log" >&2
    die "slapd did not answer on port $port within 10 s"
}

# alive and wait_exit: scripts/lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"

stop() {
    local dir="$1"
    [ -f "$dir/slapd.pid" ] || return 0
    local pid; pid="$(cat "$dir/slapd.pid")"
    kill "$pid" 2>/dev/null || true
    if wait_exit "$pid" 5; then rm -f "$dir/slapd.pid"; return 0; fi
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/slapd.pid"
}

status() {
    local dir="$1"
    if [ -f "$dir/slapd.pid" ] && alive "$(cat "$dir/slapd.pid")"; then
        echo "running (pid $(cat "$dir/slapd.pid"))"
    else
        echo "stopped"; return 1
    fi
}

case "${1:-}" in
    start) [ $# -ge 3 ] || die "usage: start DIR PORT [--no-base] [--no-syncprov] [--size-limit N] [LDIF...]"; shift; start "$@" ;;
    restart)
        [ $# -eq 3 ] || die "usage: restart DIR PORT"
        dir="$(cd "$2" && pwd)"
        if [ -f "$dir/slapd.pid" ] && alive "$(cat "$dir/slapd.pid")"; then die "already running in $dir"; fi
        launch "$dir" "$3" ;;
    stop) [ $# -eq 2 ] || die "usage: stop DIR"; stop "$2" ;;
    status) [ $# -eq 2 ] || die "usage: status DIR"; status "$2" ;;
    *) die "usage: $0 start|stop|status …" ;;
esac
