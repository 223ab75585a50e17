# The login delay behind the set-group-ID door (issue 12 §4; 取扱規程 第33条, 規程 第12条): a
# local user with no staff account (nobody) tries the chief's ID through a set-group-ID copy of
# meibo. The failures are counted in the protected database, so nobody cannot reset them: not
# by writing the database, not with a clock of their own (MEIBO_NOW is ignored set-group-ID),
# not by claiming another SSH source, not with a database of their own. The chief is never
# locked out: the right password works after the delay (here a few real seconds).
. "$TOP/tests/cli-lib.sh"
unset MEIBO_DB MEIBO_NOW   # the state folder's database, the real clock
sgid_setup
M=$TMP/sgbin/meibo
"$M" init --chief kanri --password-file "$(pw kanri)" --pledge-on 2026-04-01 >/dev/null
H=$TMP/home
mkdir -m 700 "$H"
printf 'wrong-password\n' > "$H/wrong.pw"
printf 'pass-evil-2026\n' > "$H/evil.pw"
chown -R 65534:65534 "$H"
chmod 600 "$H"/*.pw
DB=$SG/meibo.db
fails() { sqlite3 "$DB" "SELECT coalesce(max(failures), 0) FROM login_failures WHERE key = 'login:kanri'"; }
lastwait() { sqlite3 "$DB" "SELECT substr(detail, instr(detail, 'waited=') + 7) FROM audit_log
    WHERE user_login = 'kanri' AND action LIKE 'login%' ORDER BY id DESC LIMIT 1" | sed 's/ .*//'; }
try() { nob "$M" --user kanri --password-file "$H/wrong.pw" "$@" search x; }

for i in 1 2 3; do expect_exit 1 try; done
has "$TMP/err" "login ID or password is wrong"
[ "$(fails)" -eq 3 ] || fail "three failures counted as $(fails)"
# the counters are out of nobody's reach
expect_exit 1 nob sqlite3 "$DB" "DELETE FROM login_failures"
[ "$(fails)" -eq 3 ] || fail "nobody changed the counters"
# a clock of their own is ignored: the fourth try still waits its second
expect_exit 1 nob env MEIBO_NOW=4102444800 "$M" --user kanri --password-file "$H/wrong.pw" search x
# (counted, not forgotten: a far clock would have aged the count out; the wait itself depends
# on how long the machine took between the tries, so the count is what is checked)
[ "$(fails)" -eq 4 ] || fail "MEIBO_NOW aged the failures out (count $(fails))"
# another claimed SSH source adds a count of its own; the ID's count still applies
expect_exit 1 nob env SSH_CONNECTION="203.0.113.9 5000 10.0.0.1 22" "$M" --user kanri \
    --password-file "$H/wrong.pw" search x
[ "$(fails)" -eq 5 ] || fail "a claimed SSH source escaped the ID's count ($(fails))"
# a database of their own counts there, not in the real one
expect_exit 0 nob "$M" --db "$H/own.db" init --chief evil --password-file "$H/evil.pw" --pledge-on 2026-04-01
expect_exit 1 nob "$M" --db "$H/own.db" --user kanri --password-file "$H/wrong.pw" search x
[ "$(fails)" -eq 5 ] || fail "the real count is $(fails), not 5"
# the chief's right password works, after at most the delay, and clears the ID's count
cp "$TMP/kanri.pw" "$H/kanri.pw"; chown 65534 "$H/kanri.pw"
start=$(date +%s)
expect_exit 0 nob "$M" --user kanri --password-file "$H/kanri.pw" search x --count
took=$(( $(date +%s) - start ))
[ "$took" -le 33 ] && [ "$(lastwait)" -le 32 ] || fail "the chief waited ${took}s ($(lastwait))"
[ "$(fails)" -eq 0 ] || fail "a good login left the count at $(fails)"
