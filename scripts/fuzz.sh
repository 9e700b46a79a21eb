#!/usr/bin/env bash
# Fuzzes the JSON parser, the SCIM filter grammar and PATCH paths with libFuzzer, each for a bounded time.
#
#   bash scripts/fuzz.sh [SECONDS]      # per target; default 30
#
# The targets (Fuzz/Fuzz*.swift) are not SwiftPM targets: RosterCore and RosterSCIM (Foundation only) are compiled
# here with swiftc -sanitize=fuzzer,address into .build/fuzz, and each entry file is linked against them. Seeds
# come from Fuzz/corpus/<target>/ (read only: new units go to a temporary directory). Any crash, sanitizer report
# or broken property (the targets trap on a failed round trip) fails the script, leaving the input in
# .build/fuzz/<target>-crash-* to replay: .build/fuzz/fuzz-<target> <file>.
# Environment: FUZZ_OPT (default -Onone: quicker to build, which dominates short runs), FUZZ_TARGETS
# (default "json filter patchpath"), FUZZ_JOBS (parallel processes per target, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
build=".build/fuzz"
opt="${FUZZ_OPT:--Onone}"
targets="${FUZZ_TARGETS:-json filter patchpath}"
mkdir -p "$build"
sanitize=(-sanitize=fuzzer,address -parse-as-library -gline-tables-only "$opt")

# RosterCore and RosterSCIM as instrumented objects; rebuilt when a source is newer than the object.
module() {
    local name="$1"; shift
    local sources
    sources=$(find "Sources/$name" -name '*.swift' | sort)
    if [[ -f "$build/$name.o" && -z "$(find "Sources/$name" -name '*.swift' -newer "$build/$name.o" | head -1)" \
          && "$(cat "$build/$name.flags" 2>/dev/null)" == "${sanitize[*]}" ]]; then
        return
    fi
    echo "== fuzz: compiling $name (${sanitize[*]})"
    # shellcheck disable=SC2086
    swiftc -module-name "$name" -wmo "${sanitize[@]}" -I "$build" -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -c $sources -o "$build/$name.o" 2>&1 | { grep -E 'error:' || true; }
    [[ -f "$build/$name.o" ]] || { echo "fuzz: $name did not compile" >&2; exit 1; }
    echo "${sanitize[*]}" > "$build/$name.flags"
}
module RosterCore
module RosterSCIM

status=0
for target in $targets; do
    case "$target" in
        json) entry=Fuzz/FuzzJSON.swift; maxlen=65536 ;;
        filter) entry=Fuzz/FuzzFilter.swift; maxlen=4200 ;;
        patchpath) entry=Fuzz/FuzzPatchPath.swift; maxlen=4200 ;;
        *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
    esac
    binary="$build/fuzz-$target"
    swiftc "${sanitize[@]}" -I "$build" "$entry" Fuzz/FuzzSupport.swift "$build/RosterCore.o" "$build/RosterSCIM.o" -o "$binary" \
        2>&1 | { grep -E 'error:|undefined reference' || true; }
    [[ -x "$binary" ]] || { echo "fuzz: $target did not link" >&2; exit 1; }
    work=$(mktemp -d)
    extra=()
    [[ -f "Fuzz/$target.dict" ]] && extra+=(-dict="Fuzz/$target.dict")
    [[ -n "${FUZZ_JOBS:-}" ]] && extra+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
    echo "== fuzz: $target for ${seconds}s (seeds: $(find "Fuzz/corpus/$target" -type f | wc -l))"
    log="$build/$target.log"
    if ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" SWIFT_BACKTRACE=enable=no \
        "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$maxlen" -print_final_stats=1 \
        "${extra[@]}" -artifact_prefix="$build/$target-" \
        "$work" "Fuzz/corpus/$target" > "$log" 2>&1; then
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done' "$log" | tr '\n' ' '
        echo "(corpus grew to $(find "$work" -type f | wc -l) units)"
    else
        status=1
        echo "fuzz: $target FAILED; the log is $log, the input $(ls -t "$build/$target"-* 2>/dev/null | head -1)" >&2
        grep -E -A3 'Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY' "$log" | cut -c1-400 | head -20 >&2
    fi
    rm -rf "$work"
done
exit $status
