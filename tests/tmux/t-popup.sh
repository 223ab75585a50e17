# A pop-up over wide characters (issue 14): the 決定 choices of a rights request (第22条)
# open over the request's detail, whose kanji sit on both sides of the pop-up's edges; when
# the pop-up closes, the screen is the one Ctrl-L draws from scratch (no 開示（ 22条第1項）,
# no half characters left), and while it is open no wide character is split at its edges.
. "$TOP/tests/tmux/tmux-lib.inc"
tui_setup
as clerk1 request add --kind disclosure --member 10000201 --identity passport \
    --received 2026-11-01 >/dev/null
as clerk1 request add --kind disclosure --member 10000203 --identity passport >/dev/null
tm_start
tm_login clerk1
tm_keys R
tm_wait_settled "開示等の請求（規程第22・23条）" "the requests"
tm_keys Down Enter
tm_wait_settled "請求番号 2" "the request's detail"
cp "$TMP/pane" "$TMP/before"
for keys in "d" "d Down Enter" "d Down Down Enter"; do
    # shellcheck disable=SC2086 # the keys are words
    tm_keys $keys
    tm_wait_settled "───" "a pop-up ($keys)"
    cp "$TMP/pane" "$TMP/open"
    tm_keys C-l
    tm_settle
    if ! cmp -s "$TMP/pane" "$TMP/open"; then
        diff "$TMP/open" "$TMP/pane" || true
        fail "the open pop-up ($keys) differs from the same screen redrawn"
    fi
    tm_keys Escape
    tm_wait_settled "n:受付" "the pop-up closed ($keys)"
    cp "$TMP/pane" "$TMP/closed"
    tm_keys C-l
    tm_settle
    if ! cmp -s "$TMP/pane" "$TMP/closed"; then
        diff "$TMP/closed" "$TMP/pane" || true
        fail "after the pop-up ($keys) the screen differs from the same screen redrawn"
    fi
    cmp -s "$TMP/pane" "$TMP/before" || { diff "$TMP/before" "$TMP/pane"; fail "the detail changed"; }
done
tm_keys Q
rc=$(tm_wait_exit)
[ "$rc" = 0 ] || fail "meibo exited with $rc"
