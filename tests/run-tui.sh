#!/bin/sh
# run-tui.sh TEST... — run the scripted screen tests against $MEIBO with the environment
# pinned (LANG, TZ, TERM, 80x24, HOME); each test gets a fresh temporary directory.
# Prints "tui: N passed, M failed".
: "${MEIBO:?set MEIBO to the meibo binary}"
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
for t in "$@"; do
    tmp=$(mktemp -d /tmp/meibo-tui.XXXXXX)
    if env -i PATH="$PATH" HOME="$tmp" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Tokyo \
        TERM=xterm-256color LINES=24 COLUMNS=80 \
        MEIBO="$MEIBO" TOP="$top" FIXTURES="$top/tests/fixtures" TMP="$tmp" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
        timeout 300 sh -eu "$t" >"$tmp/log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAILED: $t" >&2
        tail -n 60 "$tmp/log" >&2
    fi
    rm -rf "$tmp"
done
echo "tui: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
