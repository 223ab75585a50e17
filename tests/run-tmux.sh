#!/bin/sh
# run-tmux.sh TEST... — end-to-end tests of the terminal UI in a real terminal (tmux):
# keys by send-keys, the screen by capture-pane. Prints "tmux: N passed, M failed".
: "${MEIBO:?set MEIBO to the meibo binary}"
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
for t in "$@"; do
    [ -f "$t" ] || continue
    tmp=$(mktemp -d /tmp/meibo-tmux.XXXXXX)
    if env -i PATH="$PATH" HOME="$tmp" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Tokyo \
        TERM=xterm-256color MEIBO="$MEIBO" TOP="$top" FIXTURES="$top/tests/fixtures" TMP="$tmp" \
        TMUX_TMPDIR="$tmp" timeout 300 sh -eu "$t" >"$tmp/log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAILED: $t" >&2
        tail -n 60 "$tmp/log" >&2
    fi
    TMUX_TMPDIR="$tmp" tmux kill-server 2>/dev/null || true
    rm -rf "$tmp"
done
echo "tmux: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
