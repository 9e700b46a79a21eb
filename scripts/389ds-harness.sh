#!/usr/bin/env bash
# A private 389 Directory Server for tests and demos: its own instance (config, database, logs, run and lock files)
# inside DIR, listening on 127.0.0.1 only, never a system service (no systemd unit, nothing under /etc or /var).
#
#   389ds-harness.sh start DIR PORT [--usn] [--memberof] [LDIF...]   # ldap://127.0.0.1:PORT
#   389ds-harness.sh stop DIR
#   389ds-harness.sh status DIR
#   389ds-harness.sh remove DIR                                         # stop, then delete the instance (dsctl … remove --do-it)
#
# Installs nothing: it needs the Debian package 389-ds-base (dscreate, ns-slapd; no system instance is created by
# the package) and ldap-utils:
#   apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends 389-ds-base ldap-utils
#
# Suffix dc=example,dc=com (created by dscreate, create_suffix_entry = True); root DN cn=Directory Manager / secret-389ds;
# runs as root (the INF's user = root, no dirsrv user needed). LDAPS is off. The USN plug-in (entryusn, the root DSE's
# lastusn) and the memberOf plug-in are off, as on a stock server, unless --usn / --memberof (both switched on in
# dse.ldif before the server starts, the same nsslapd-pluginEnabled: on that `dsconf … plugin usn enable` writes).
# The LDIF files are applied with `ldapmodify -a` as the directory manager once the server answers (records without
# changetype are adds; plug-ins see them, as they would see any client's writes).
#
# dscreate knows only /etc/dirsrv/slapd-NAME for an instance's config, except in a PREFIX install: DIR/p is such a
# prefix (defaults.inf rewritten so every path — config, schema, certs, db, logs, run, lock, tmp — is inside it).
# dscreate takes ~9 s, so it runs once per cache ($ROSTER_389DS_CACHE, default /tmp/roster-389ds-cache): the created
# instance's configuration is kept as a template, and each DIR gets a copy with its own paths, instance name and
# port, and an empty database (the suffix entry imported offline with ns-slapd ldif2db). A copy starts in ~2 s.
#
# Exit status of start: 0 when the server answers (it prints the URL and the pid), 3 when ns-slapd could not bind
# PORT (a caller may retry with another port), 1 for anything else.
set -euo pipefail
NS_SLAPD=${NS_SLAPD:-/usr/sbin/ns-slapd}
CACHE=${ROSTER_389DS_CACHE:-/tmp/roster-389ds-cache}
ROOT_DN="cn=Directory Manager"
ROOT_PW="secret-389ds"
SUFFIX="dc=example,dc=com"

die() { echo "389ds-harness: $*" >&2; exit 1; }

# defaults_inf PREFIX: /usr/share/dirsrv/inf/defaults.inf with every writable path under PREFIX.
defaults_inf() {
    local p="$1"
    sed -e "s#^sysconf_dir = .*#sysconf_dir = $p/etc#" \
        -e "s#^initconfig_dir = .*#initconfig_dir = $p/etc/default#" \
        -e "s#= /etc/dirsrv/#= $p/etc/dirsrv/#" \
        -e "s#= /run/#= $p/run/#" \
        -e "s#= /var/#= $p/var/#" \
        -e "s#^local_state_dir = .*#local_state_dir = $p/var#" \
        -e "s#^run_dir = .*#run_dir = $p/run/dirsrv#" \
        -e "s#^inst_dir = .*#inst_dir = $p/lib/dirsrv/slapd-{instance_name}#" \
        -e "s#^db_home_dir = .*#db_home_dir = $p/var/lib/dirsrv/slapd-{instance_name}/db#" \
        -e "s#^tmp_dir = .*#tmp_dir = $p/tmp#" \
        -e "s#^tmpfiles_d = .*#tmpfiles_d = $p/etc/tmpfiles.d#" \
        -e "s#^with_systemd = 1#with_systemd = 0#" \
        /usr/share/dirsrv/inf/defaults.inf
}

# template: creates (once, under a lock) the cached instance CACHE/template/p named "rostertpl", then stops it.
template() {
    mkdir -p "$CACHE"
    exec 9>"$CACHE/lock"
    flock 9
    local t="$CACHE/template" p="$CACHE/template/p"
    if [ -f "$t/ok" ]; then exec 9>&-; return 0; fi
    rm -rf "$t"
    mkdir -p "$p/share/dirsrv/inf" "$p/etc/dirsrv" "$p/tmp"
    cp -r /etc/dirsrv/config /etc/dirsrv/schema "$p/etc/dirsrv/"
    defaults_inf "$p" > "$p/share/dirsrv/inf/defaults.inf"
    # dscreate starts the new server once, on every address (dse.ldif has no listenhost yet). Where it can, it runs in
    # a network namespace of its own (unshare -n: only a private loopback), so that server is reachable from nowhere
    # and any port is free; elsewhere on a port the kernel just gave out (dscreate checks it is free first; the copies
    # get their own ports).
    local port=38900 netns=()
    if unshare -n true 2>/dev/null; then
        netns=(unshare -n sh -c '(ip link set lo up || python3 -c "import socket, fcntl, struct; s=socket.socket(); fcntl.ioctl(s, 0x8914, struct.pack(\"16sh\", b\"lo\", 0x1 | 0x40))") >/dev/null 2>&1; exec "$@"' sh)
    else
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    fi
    cat > "$t/instance.inf" <<INF
[general]
config_version = 2
full_machine_name = localhost
selinux = False
systemd = False
start = False
strict_host_checking = False

[slapd]
instance_name = rostertpl
user = root
group = root
port = $port
secure_port = $((port + 1))
self_sign_cert = False
root_dn = $ROOT_DN
root_password = $ROOT_PW

[backend-userroot]
suffix = $SUFFIX
create_suffix_entry = True
sample_entries = no
INF
    local started; started=$(date +%s)
    PREFIX="$p" "${netns[@]}" dscreate from-file "$t/instance.inf" >"$t/dscreate.log" 2>&1 \
        || { cat "$t/dscreate.log" >&2; exec 9>&-; die "dscreate failed"; }
    # Loopback only, and no LDAPS listener.
    local conf="$p/etc/dirsrv/slapd-rostertpl/dse.ldif"
    sed -i -e '/^nsslapd-port: /a nsslapd-listenhost: 127.0.0.1' "$conf"
    # The database is recreated for each copy; the template keeps only the configuration (bdb files hold paths).
    rm -rf "$p/var/lib/dirsrv/slapd-rostertpl/db"/* "$p/var/log/dirsrv/slapd-rostertpl"/* "$p/run/dirsrv"/*
    echo "dscreate: $(( $(date +%s) - started )) s" > "$t/ok"
    exec 9>&-
}

instance_name() { echo "r$(printf '%s' "$1" | md5sum | cut -c1-10)"; }
conf_dir() { echo "$1/p/etc/dirsrv/slapd-$(cat "$1/instance")"; }
pid_file() { echo "$1/p/run/dirsrv/slapd-$(cat "$1/instance").pid"; }

# copy DIR: DIR/p from the template, with DIR's paths and instance name, and an imported suffix entry.
copy() {
    local dir="$1" name p t="$CACHE/template/p"
    name=$(instance_name "$dir")
    p="$dir/p"
    rm -rf "$p"
    cp -a "$t" "$p"
    find "$p" -depth -name '*rostertpl*' | while read -r path; do
        mv "$path" "$(dirname "$path")/$(basename "$path" | sed "s/rostertpl/$name/g")"
    done
    # dse.ldif folds long lines (a path may be cut anywhere): unfolded first, then the paths and name replaced.
    python3 - "$t" "$p" "$name" <<'PY'
import os, sys
old, new, name = sys.argv[1:]
for top in (os.path.join(new, "etc"), os.path.join(new, "share")):
    for folder, _, files in os.walk(top):
        for file in files:
            path = os.path.join(folder, file)
            try:
                text = open(path).read()
            except UnicodeDecodeError:
                continue
            original = text
            if path.endswith((".ldif", ".ldif.bak", ".ldif.startOK")):
                text = text.replace("\n ", "")
            text = text.replace(old, new).replace("rostertpl", name)
            if text != original:
                open(path, "w").write(text)
PY
    echo "$name" > "$dir/instance"
    mkdir -p "$p/var/lib/dirsrv/slapd-$name/db" "$p/var/log/dirsrv/slapd-$name" "$p/run/dirsrv" "$p/run/lock/dirsrv/slapd-$name"
    cat > "$dir/suffix.ldif" <<LDIF
dn: $SUFFIX
objectClass: top
objectClass: domain
dc: example
description: $SUFFIX
LDIF
    "$NS_SLAPD" ldif2db -D "$(conf_dir "$dir")" -n userroot -i "$dir/suffix.ldif" >"$dir/import.log" 2>&1 \
        || { cat "$dir/import.log" >&2; die "importing the suffix entry failed"; }
}

# alive and wait_exit: scripts/lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"

running_pid() {
    [ -f "$1/instance" ] || return 1
    local file; file="$(pid_file "$1")"
    [ -f "$file" ] && alive "$(cat "$file")" && cat "$file"
}

# answers PORT SECONDS: whether the server answers a bind as the directory manager within SECONDS (each attempt
# itself bounded by ldapsearch's network timeout).
answers() {
    local port="$1" deadline=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if ldapsearch -x -o nettimeout=2 -l 2 -H "ldap://127.0.0.1:$port" -D "$ROOT_DN" -w "$ROOT_PW" -b "" -s base \
            '(objectClass=*)' namingContexts >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    return 1
}

start() {
    local dir="$1" port="$2"; shift 2
    local usn=0 memberof=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --usn) usn=1; shift ;;
            --memberof) memberof=1; shift ;;
            *) break ;;
        esac
    done
    command -v dscreate >/dev/null && [ -x "$NS_SLAPD" ] \
        || die "389-ds-base is not installed (apt-get install --no-install-recommends 389-ds-base)"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if running_pid "$dir" >/dev/null; then die "already running in $dir"; fi
    template
    [ -f "$dir/instance" ] && [ -d "$(conf_dir "$dir")" ] || copy "$dir"
    local conf; conf="$(conf_dir "$dir")/dse.ldif"
    sed -i -e "s/^nsslapd-port: .*/nsslapd-port: $port/" "$conf"
    plugin() {  # plugin CN on|off: a plug-in's nsslapd-pluginEnabled in dse.ldif
        python3 - "$conf" "$1" "$2" <<'PY'
import sys
path, cn, state = sys.argv[1], sys.argv[2].lower(), sys.argv[3]
records = open(path).read().split("\n\n")
for i, record in enumerate(records):
    lines = record.split("\n")
    if lines and lines[0].lower() == f"dn: cn={cn},cn=plugins,cn=config":
        records[i] = "\n".join(f"nsslapd-pluginEnabled: {state}" if l.lower().startswith("nsslapd-pluginenabled:") else l
                               for l in lines)
open(path, "w").write("\n\n".join(records))
PY
    }
    plugin usn "$([ "$usn" -eq 1 ] && echo on || echo off)"
    plugin "memberof plugin" "$([ "$memberof" -eq 1 ] && echo on || echo off)"
    local errors; errors="$dir/p/var/log/dirsrv/slapd-$(cat "$dir/instance")/errors"
    : > "$errors"
    # ns-slapd daemonises: close every inherited descriptor above 2 first (a caller waiting for this script must not
    # wait for the server), and clear a blocked signal mask a test process's thread may pass on (SIGTERM stops it).
    (
        for fd in $(ls "/proc/$BASHPID/fd"); do
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        unblock=()
        if command -v python3 >/dev/null; then
            unblock=(python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])')
        fi
        exec "${unblock[@]}" "$NS_SLAPD" -D "$(conf_dir "$dir")" -i "$(pid_file "$dir")" </dev/null >"$dir/ns-slapd.out" 2>&1
    ) || true
    # ns-slapd detaches before it binds its port: wait (bounded) until it answers, or exits, or logs a bind failure.
    local deadline=$(( $(date +%s) + 60 )) ok=0
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if grep -qiE "PR_Bind\(\).* failed|address is in use|address already in use" "$errors" "$dir/ns-slapd.out" 2>/dev/null; then
            stop "$dir"
            echo "389ds-harness: ns-slapd could not bind 127.0.0.1:$port" >&2; exit 3
        fi
        if grep -q "slapd started" "$errors" 2>/dev/null && answers "$port" 5; then ok=1; break; fi
        if [ -f "$(pid_file "$dir")" ] && ! running_pid "$dir" >/dev/null; then break; fi
        sleep 0.1
    done
    if [ "$ok" -ne 1 ]; then
        cat "$dir/ns-slapd.out" "$errors" >&2
        stop "$dir"
        die "ns-slapd did not start and answer on port $port within 60 s"
    fi
    local pid; pid="$(running_pid "$dir")"
    local file
    for file in "$@"; do
        ldapmodify -a -x -H "ldap://127.0.0.1:$port" -D "$ROOT_DN" -w "$ROOT_PW" -f "$file" >"$dir/seed.log" 2>&1 \
            || { cat "$dir/seed.log" >&2; stop "$dir"; die "loading $file failed"; }
    done
    echo "ldap://127.0.0.1:$port"
    echo "$pid"
}

stop() {
    local dir="$1" pid
    [ -f "$dir/instance" ] || return 0
    pid="$(running_pid "$dir")" || { rm -f "$(pid_file "$dir")"; return 0; }
    kill "$pid" 2>/dev/null || true
    # A clean shutdown flushes the database: give it time before the kill.
    if ! wait_exit "$pid" 30; then kill -9 "$pid" 2>/dev/null || true; wait_exit "$pid" 5 || true; fi
    rm -f "$(pid_file "$dir")"
}

status() {
    local dir="$1" pid
    if pid="$(running_pid "$dir")"; then echo "running (pid $pid)"; else echo "stopped"; return 1; fi
}

remove() {
    local dir="$1"
    stop "$dir"
    [ -f "$dir/instance" ] || return 0
    # dsctl finds the instance through the same PREFIX; what it leaves (the prefix's copied schema and templates)
    # goes with DIR/p, and the server's SNMP semaphore in /dev/shm if one is left.
    local name; name="$(cat "$dir/instance")"
    PREFIX="$dir/p" timeout 120 dsctl "$name" remove --do-it >"$dir/remove.log" 2>&1 || cat "$dir/remove.log" >&2
    rm -f "/dev/shm/sem.slapd-$name.stats" "$dir/remove.log"
    rm -rf "$dir/p" "$dir/instance" "$dir/suffix.ldif" "$dir/import.log" "$dir/seed.log" "$dir/ns-slapd.out"
}

case "${1:-}" in
    start) [ $# -ge 3 ] || die "usage: start DIR PORT [--usn] [--memberof] [LDIF...]"; shift; start "$@" ;;
    stop) [ $# -eq 2 ] || die "usage: stop DIR"; stop "$2" ;;
    status) [ $# -eq 2 ] || die "usage: status DIR"; status "$2" ;;
    remove) [ $# -eq 2 ] || die "usage: remove DIR"; remove "$2" ;;
    *) die "usage: $0 start|stop|status|remove …" ;;
esac
