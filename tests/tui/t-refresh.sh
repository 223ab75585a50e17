# Another clerk's change shows on the next key or the next tick (about a second), not only
# after leaving the screen (issue 14): the chief officer's queue of held inquiries (第20条第2項)
# loses the one approved elsewhere and gains a new hold, the cursor staying on its inquiry;
# the member list shows a member edited elsewhere. Reads by others (a search, a list, which
# append read rows to the access log, 取扱規程 第23条) reload nothing, and a screen that
# reloads appends no row but reads, so two screens never make each other reload.
. "$TOP/tests/tui-lib.sh"
tui_setup
hold() {
    as clerk1 inquiry add --member "$1" --category family --emergency \
        --items d --identity verified --identity-check 戸籍謄本 --method other --channel phone \
        --requester "$2" --json | sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p'
}
id1=$(hold 10000201 照会者甲)
id2=$(hold 10000202 照会者乙)
[ -n "$id1" ] && [ -n "$id2" ] || fail "the held inquiries were not recorded"
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
A<Down>
:save-display $TMP/queue
:exec "$MEIBO" --user kanri --password-file "$TMP/kanri.pw" inquiry approve $id2 --comment 了承 >/dev/null
:idle 0
:save-display $TMP/approved-elsewhere
:exec "$MEIBO" --user clerk1 --password-file "$TMP/clerk1.pw" inquiry add --member 10000203 --category family --emergency --items d --identity verified --identity-check 戸籍謄本 --method other --channel phone --requester 照会者丙 >/dev/null
:exec "$MEIBO" --user mgr --password-file "$TMP/mgr.pw" search 林 >/dev/null
:exec sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log" >"$TMP/audit-before"
:idle 0
:save-display $TMP/new-hold
:idle 0
:idle 0
:exec sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log" >"$TMP/audit-after"
q
:exec "$MEIBO" --user mgr --password-file "$TMP/mgr.pw" member edit 10000203 given_name=大介二 >/dev/null
j
:save-display $TMP/list
S
run_tui
has "$TMP/queue" "照会者乙"
has_word "$TMP/queue" ">     $id1"
# approved by the chief at another terminal: gone at the next tick, the cursor kept on id1
hasnt "$TMP/approved-elsewhere" "照会者乙"
has_word "$TMP/approved-elsewhere" ">     $id1"
# a new hold (newest first, above the cursor): the cursor still on id1
has "$TMP/new-hold" "照会者丙"
has_word "$TMP/new-hold" ">     $id1"
# the refresh reloaded once (a list: one read row); idle ticks with nothing new add none
[ $(($(cat "$TMP/audit-after") - $(cat "$TMP/audit-before"))) -le 1 ] ||
    fail "idle ticks appended to the access log: $(cat "$TMP/audit-before") -> $(cat "$TMP/audit-after")"
# the member list on the next key (j)
has "$TMP/list" "林 大介二"
