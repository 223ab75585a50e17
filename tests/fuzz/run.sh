#!/bin/sh
# run.sh SECONDS BINDIR NAME... — run each libFuzzer harness BINDIR/NAME for SECONDS seconds,
# one after the other (one process at a time: the machine is small): first the saved crash
# inputs of tests/fuzz/regress/NAME once each, then fuzzing from the seeds in
# tests/fuzz/corpus/NAME with new inputs kept in BINDIR/corpus/NAME (not in the repository).
# A crash, leak or sanitizer report fails the run; the input is left in BINDIR/crash-NAME-*.
# Prints the executions of each harness and in total.
set -u
secs=$1 bin=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
total=0 failed=0
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for name in "$@"; do
    exe=$bin/$name
    log=$bin/$name.log
    reg=$top/tests/fuzz/regress/$name
    if [ -d "$reg" ] && [ -n "$(ls -A "$reg" 2>/dev/null)" ]; then
        if ! "$exe" -runs=1 "$reg"/* >"$log" 2>&1; then
            echo "fuzz $name: a regression input fails again:" >&2
            tail -n 40 "$log" >&2
            failed=$((failed + 1))
            continue
        fi
    fi
    work=$bin/corpus/$name
    mkdir -p "$work"
    dict=
    [ -f "$top/tests/fuzz/$name.dict" ] && dict="-dict=$top/tests/fuzz/$name.dict"
    # shellcheck disable=SC2086
    if ! "$exe" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$bin/crash-$name-" $dict "$work" "$top/tests/fuzz/corpus/$name" \
        >"$log" 2>&1; then
        echo "fuzz $name: FAILED (input saved as $bin/crash-$name-*):" >&2
        tail -n 60 "$log" >&2
        failed=$((failed + 1))
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    runs=${runs:-0}
    total=$((total + runs))
    echo "fuzz $name: $runs executions in ${secs} s"
done
echo "fuzz: $total executions in total, $failed harness(es) failed"
[ "$failed" -eq 0 ]
