#!/bin/sh
# run-tests.sh KIND TEST... — run shell tests (cli, tui or tmux) against $MEIBO with the
# environment pinned (LANG, TZ, TERM, HOME; tui also 80x24); each test gets a fresh temporary
# directory. Prints "KIND: N passed, M failed". With BLESS_DIR set (tools/bless-screens) the
# tests write the screens they draw and compare none: none passes, and the run fails.
: "${MEIBO:?set MEIBO to the meibo binary}"
kind=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
case $kind in
cli) term=dumb ;;
*) term=xterm-256color ;;
esac
pass=0 fail=0 blessed=0
for t in "$@"; do
    [ -f "$t" ] || continue
    tmp=$(mktemp -d "/tmp/meibo-$kind.XXXXXX")
    if env -i PATH="$PATH" HOME="$tmp" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Tokyo \
        TERM=$term LINES=24 COLUMNS=80 TMUX_TMPDIR="$tmp" \
        MEIBO="$MEIBO" MEIBO_SGID_TEST="${MEIBO_SGID_TEST:-$top/build/meibo-sgid-test}" TOP="$top" FIXTURES="$top/tests/fixtures" TMP="$tmp" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" BLESS_DIR="${BLESS_DIR:-}" \
        timeout 300 sh -eu "$t" >"$tmp/log" 2>&1; then
        if [ -n "${BLESS_DIR:-}" ]; then blessed=$((blessed + 1)); else pass=$((pass + 1)); fi
    else
        fail=$((fail + 1))
        echo "FAILED: $t" >&2
        tail -n 60 "$tmp/log" >&2
    fi
    [ "$kind" = tmux ] && { TMUX_TMPDIR="$tmp" tmux kill-server 2>/dev/null || true; }
    rm -rf "$tmp"
done
echo "$kind: $pass passed, $fail failed${BLESS_DIR:+, $blessed ran to write their screens}"
# a blessing run (tools/bless-screens) writes the screens drawn and compares nothing: never a pass
[ -z "${BLESS_DIR:-}" ] || { echo "$kind: BLESS_DIR is set: screens written, nothing checked" >&2; exit 1; }
[ "$fail" -eq 0 ]
