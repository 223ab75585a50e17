# Staff accounts: 取扱規程 第33条 (one ID each, fixed-term IDs need the chief officer's
# approval), 第34条 (access ends with the term), the delay after failed logins, roles in the core.
. "$TOP/tests/cli-lib.sh"
setup

# wrong password and unknown login give the same message
printf 'wrong-password\n' > "$TMP/wrong.pw"; chmod 600 "$TMP/wrong.pw"
expect_exit 1 "$MEIBO" --user clerk1 --password-file "$TMP/wrong.pw" search 田中
cp "$TMP/err" "$TMP/err.wrong"
expect_exit 1 "$MEIBO" --user nobody --password-file "$TMP/wrong.pw" search 田中
cmp -s "$TMP/err" "$TMP/err.wrong" || fail "unknown login and wrong password differ"

# 取扱規程 第33条 (issue 12 §4): failed logins earn a delay, never a lock another can trigger.
# An attacker's twelve failures against the chief: every answer is the one wording, and the
# chief's right password still works after at most AUTH_DELAY_CAP (32 s) of waiting.
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    expect_exit 1 "$MEIBO" --user kanri --password-file "$TMP/wrong.pw" search x
    cmp -s "$TMP/err" "$TMP/err.wrong" || fail "failure $i: $(cat "$TMP/err")"
done
waits() { sqlite3 "$MEIBO_DB" "SELECT group_concat(substr(detail, instr(detail, 'waited=')), ' ')
    FROM (SELECT detail FROM audit_log WHERE action = '$1' AND user_login = '$2' ORDER BY id)"; }
w=$(waits login_failed kanri)
case $w in "waited=0 "*"waited=32 next_wait=32") ;; *) fail "the waits were: $w" ;; esac
expect_exit 0 as kanri search 田中
[ "$(waits login kanri | sed 's/.* //')" = "waited=32" ] || fail "the chief waited $(waits login kanri)"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM login_failures WHERE key = 'login:kanri'")" -eq 0 ] ||
    fail "a good login left the ID's count"
# known and unknown IDs alike: the same message and the same waits, try for try (a quiet
# spell of more than 15 minutes first forgets this source's failures)
T=$((MEIBO_NOW + 3600))
for who in mgr ghost; do
    T=$((T + 3600))
    for i in 1 2 3 4 5 6; do
        MEIBO_NOW=$T expect_exit 1 "$MEIBO" --user $who --password-file "$TMP/wrong.pw" search x
        cmp -s "$TMP/err" "$TMP/err.wrong" || fail "$who, try $i: $(cat "$TMP/err")"
    done
done
[ "$(waits login_failed mgr | sed 's/reason=[a-z_]* //g')" = \
  "$(waits login_failed ghost | sed 's/reason=[a-z_]* //g')" ] ||
    fail "known and unknown IDs waited differently: $(waits login_failed mgr) / $(waits login_failed ghost)"
MEIBO_NOW=$((T + 3600)) expect_exit 0 as mgr search 田中

# a clerk cannot add users or approve; a manager cannot add a chief or approve
expect_exit 1 as clerk1 user add --pledge-on 2026-04-01 c2 --name x --role clerk --new-password-file "$(pw c2)"
has "$TMP/err" "manager"
expect_exit 1 as mgr user add --pledge-on 2026-04-01 boss2 --name x --role chief --new-password-file "$(pw boss2)"

# 第33条: a fixed-term account works only after the chief officer approves it
expect_exit 0 as mgr user add --pledge-on 2026-04-01 temp1 --name "派遣一" --role clerk --fixed-term --term-end 2027-03-31 --new-password-file "$(pw temp1)"
expect_exit 1 as temp1 search 田中
has "$TMP/err" "approv"
expect_exit 1 as mgr user approve temp1
expect_exit 0 as kanri user approve temp1
expect_exit 0 as temp1 search 田中

# 第34条: past its term end the account cannot log in (term_end is its last day)
MEIBO_NOW=1806454800 expect_exit 0 as temp1 search 田中   # 2027-03-31 10:00 JST, its last day
MEIBO_NOW=1806541200 expect_exit 1 as temp1 search 田中   # 2027-04-01 10:00 JST
has_word "$TMP/err" "2027-03-31"

# disabled accounts stop at once
expect_exit 0 as mgr user disable clerk1
expect_exit 1 as clerk1 search 田中

expect_exit 0 as mgr user list --json
has "$TMP/out" '"login":"temp1"'
has "$TMP/out" '"state":"disabled"'
expect_exit 1 as clerk1 user list

# 取扱規程 第33条: a growing delay per ID and source, never a lock; `user unlock` (a manager
# or the chief) clears the ID's count, so its next login does not wait; logged with the count
expect_exit 0 as mgr user add --pledge-on 2026-04-01 clerk3 --name "従事者三" --role clerk --new-password-file "$(pw clerk3)"
for i in 1 2 3 4; do expect_exit 1 "$MEIBO" --user clerk3 --password-file "$TMP/wrong.pw" search x; done
expect_exit 0 as mgr user list --json
has "$TMP/out" '"login":"clerk3"'
[ "$(sqlite3 "$MEIBO_DB" "SELECT failures FROM login_failures WHERE key = 'login:clerk3'")" = 4 ] ||
    fail "the failures were not counted under the ID"
expect_exit 1 as temp1 user unlock clerk3          # a clerk may not
expect_exit 1 as mgr user unlock kanri          # a chief account: only the chief
expect_exit 1 as mgr user unlock nobody
expect_exit 0 as mgr user unlock clerk3
has "$TMP/out" "clerk3: 4 failed logins cleared"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM login_failures WHERE key = 'login:clerk3'")" = 0 ] ||
    fail "unlock left the ID's failures"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM login_failures WHERE key LIKE 'uid:%'")" -ge 1 ] ||
    fail "unlock cleared the source's count too"
[ "$(sqlite3 "$MEIBO_DB" "SELECT detail FROM audit_log WHERE action = 'user.unlock'")" = \
  "login=clerk3 failures=4" ] || fail "the unlock is not in the access log"
expect_exit 0 as clerk3 search 田中

# 第34条: the term end set later; not in the past (disable ends access now), kept by fixed-term
expect_exit 0 as mgr user term clerk3 --term-end 2027-03-31
[ "$(sqlite3 "$MEIBO_DB" "SELECT term_end FROM users WHERE login = 'clerk3'")" = 2027-03-31 ] ||
    fail "the term end was not stored"
expect_exit 1 as mgr user term clerk3 --term-end 2020-01-01
has "$TMP/err" "第34条"
expect_exit 1 as mgr user term temp1 --term-end none
expect_exit 0 as mgr user term clerk3 --term-end none
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'user.term'")" = 2 ] ||
    fail "the term ends are not logged"
