# An escape sequence stored in a member's name never reaches the terminal (issue 3: one
# sanitizer between the database and curses). The core refuses control characters, so the
# hostile text goes in with sqlite3, while meibo runs: an OSC 52 (set the clipboard) and a
# clear-screen (ESC [2J) in the name, a C1 CSI (U+009B) and a bidi override (U+202E) in the
# English name. On screen they are visible text (^[ ^G <U+009B>) and the other columns stay
# where they were; in the bytes meibo wrote (pipe-pane) none of the sequences occurs; and tmux,
# whose set-clipboard is on, got no clipboard from it.
. "$TOP/tests/tmux/tmux-lib.inc"
tui_setup
# ncurses itself never sends ESC [2J to this terminal (its clear is ESC [H ESC [J), so any
# ESC [2J in the bytes could only come from the data
case $(tput -T tmux-256color clear | od -An -c | tr -d ' \n') in
    *'033[2J'*) fail "tmux-256color's clear uses ESC [2J: the check below would mean nothing" ;;
esac

tm_start
tm_pipe "$TMP/bytes"
tm_login mgr
tm_wait_settled "7件" "every member listed"
cp "$TMP/pane" "$TMP/before"

sqlite3 "$MEIBO_DB" "UPDATE members SET
    family_name = char(27) || ']52;c;ZXZpbA==' || char(7) || '悪',
    given_name = char(27) || '[2J',
    name_en = 'EVIL' || char(155) || '31m' || char(8238) || 'txt'
    WHERE member_no = '10000201'"
[ "$(sqlite3 "$MEIBO_DB" "SELECT hex(given_name) FROM members WHERE member_no = '10000201'")" = 1B5B324A ] ||
    fail "the hostile name is not stored as bytes"

# fetch the rows again: start a search and clear it with Esc
tm_keys /
tm_wait "入力で絞り込み" "the search hints"
tm_keys Escape
tm_wait "^[]52;c;" "the hostile name drawn visibly in the list"
tm_wait_gone "入力で絞り込み" "the browser hints again"
tm_settle
cp "$TMP/pane" "$TMP/after"

# the list: only the row of 10000201 changed, and only in its name column
grep -n '10000201' "$TMP/before" | cut -d: -f1 >"$TMP/lineno"
n=$(cat "$TMP/lineno")
[ -n "$n" ] || fail "10000201 not listed before"
sed "${n}d" "$TMP/before" >"$TMP/before.others"
sed "${n}d" "$TMP/after" >"$TMP/after.others"
diff -u "$TMP/before.others" "$TMP/after.others" || fail "rows other than 10000201 changed"
old=$(sed -n "${n}p" "$TMP/before") new=$(sed -n "${n}p" "$TMP/after")
case $new in
    " 10000201  ^[]52;c;ZXZpb… "*) ;;
    *) fail "the hostile row is not drawn as visible text: '$new'" ;;
esac
# from the reading on, the row is as before, and starts in the same screen column
[ "タカハシ${old#*タカハシ}" = "タカハシ${new#*タカハシ}" ] ||
    fail "the columns after the name moved: '$old' / '$new'"
wold=$(printf '%s\n' "${old%%タカハシ*}" | wc -L)
wnew=$(printf '%s\n' "${new%%タカハシ*}" | wc -L)
[ "$wold" -eq "$wnew" ] || fail "the reading column starts at $wnew, was $wold"
# every list row is as wide as before (80 cells: the status column ends in the same place)
for f in before after; do
    grep -E '^[ >][0-9]{8} ' "$TMP/$f" | while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done |
        sort -u >"$TMP/$f.widths"
done
if [ "$(wc -l <"$TMP/after.widths")" -ne 1 ] || ! cmp -s "$TMP/before.widths" "$TMP/after.widths"; then
    fail "rows of unequal width: $(cat "$TMP/after.widths")"
fi

# the detail shows the whole of it, visibly
tm_keys Down
tm_wait ">10000201" "the cursor on 10000201"
tm_keys Enter
tm_wait_settled "会員詳細 10000201" "the detail of 10000201"
has "$TMP/pane" "^[]52;c;ZXZpbA==^G悪"
has "$TMP/pane" "^[[2J"
has "$TMP/pane" "EVIL<U+009B>31m<U+202E>txt"
has "$TMP/pane" "タカハシ"
tm_keys q
tm_wait_gone "会員詳細" "back to the list"
tm_keys Q
rc=$(tm_wait_exit)
[ "$rc" = 0 ] || fail "meibo exited with $rc after Q"

# the bytes: the visible forms were written, the sequences never
count() { tm_count_bytes "$TMP/bytes" "$1"; }
[ "$(count '^[]52;c;')" -ge 1 ] || fail "pipe-pane did not capture the drawing of the name"
[ "$(count '<U+202E>')" -ge 1 ] || fail "pipe-pane did not capture the drawing of the English name"
for named in 'ESC ]52:\033]52' 'the payload and BEL:ZXZpbA==\007' 'ESC [2J:\033[2J' \
    'U+009B:\302\233' 'U+202E:\342\200\256'; do
    [ "$(count "${named#*:}")" -eq 0 ] || fail "the bytes written to the terminal contain ${named%%:*}"
done
# and the terminal: no clipboard was set through OSC 52 (positive control: a program that
# does send one, in another session of the same server, does set it)
[ -z "$(tm list-buffers)" ] || fail "the terminal got a clipboard: $(tm list-buffers)"
tm new-session -d -s control "printf '\033]52;c;b2s=\007'; sleep 5"
i=0
until [ "$(tm list-buffers -F '#{buffer_sample}')" = ok ]; do
    i=$((i + 1))
    [ "$i" -le "$TM_POLLS" ] || fail "control: tmux did not take an OSC 52 clipboard"
    sleep 0.1
done
tm kill-session -t control
