# Shared by the directory harnesses (slapd-harness.sh, 389ds-harness.sh, samba-ad-harness.sh): waiting for a server
# process that is not the caller's child. Source it; it defines functions only.

# alive PID: true while PID runs. A zombie (exited, not yet reaped by an init that does not reap) counts as stopped.
alive() {
    [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# wait_exit PID SECONDS: waits until PID has exited (true) or SECONDS passed (false). The server is not our child,
# so `wait` cannot; a pidfd (python3 on Linux 5.3+; ${HARNESS_PYTHON:-python3}) becomes readable when it exits,
# else it is checked every 0.1 s.
wait_exit() {
    local pid="$1" seconds="$2" status=2 python="${HARNESS_PYTHON:-python3}"
    if command -v "$python" >/dev/null; then
        "$python" - "$pid" "$seconds" <<'PY' 2>/dev/null && status=0 || status=$?
import os, select, sys
try:
    fd = os.pidfd_open(int(sys.argv[1]))
except ProcessLookupError:
    sys.exit(0)
except (AttributeError, OSError):
    sys.exit(2)
sys.exit(0 if select.select([fd], [], [], float(sys.argv[2]))[0] else 1)
PY
    fi
    [ "$status" -eq 2 ] || return "$status"
    for _ in $(seq 1 $((seconds * 10))); do alive "$pid" || return 0; sleep 0.1; done
    ! alive "$pid"
}
