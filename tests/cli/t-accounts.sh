# Staff accounts: 取扱規程 第33条 (one ID each, fixed-term IDs need the chief officer's
# approval), 第34条 (access ends with the term), lockout after 5 failures, roles in the core.
. "$TOP/tests/cli-lib.sh"
setup

# wrong password and unknown login give the same message
printf 'wrong-password\n' > "$TMP/wrong.pw"; chmod 600 "$TMP/wrong.pw"
expect_exit 1 "$MEIBO" --user clerk1 --password-file "$TMP/wrong.pw" search 田中
cp "$TMP/err" "$TMP/err.wrong"
expect_exit 1 "$MEIBO" --user nobody --password-file "$TMP/wrong.pw" search 田中
cmp -s "$TMP/err" "$TMP/err.wrong" || fail "unknown login and wrong password differ"

# five failures lock the account for 15 minutes, even against the right password
for i in 2 3 4 5; do expect_exit 1 "$MEIBO" --user clerk1 --password-file "$TMP/wrong.pw" search x; done
expect_exit 1 as clerk1 search 田中
has "$TMP/err" "locked"
MEIBO_NOW=$((MEIBO_NOW + 901)) expect_exit 0 as clerk1 search 田中

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
has "$TMP/err" "2027-03-31"

# disabled accounts stop at once
expect_exit 0 as mgr user disable clerk1
expect_exit 1 as clerk1 search 田中

expect_exit 0 as mgr user list --json
has "$TMP/out" '"login":"temp1"'
has "$TMP/out" '"state":"disabled"'
expect_exit 1 as clerk1 user list
