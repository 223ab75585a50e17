# Security checks (issue 7): file permissions of the database and the password files,
# SQL-looking input stays data in every field, expired/disabled accounts cannot act through
# the CLI (取扱規程 第34条), a clerk cannot approve anything (規程 第19条, 第20条第2項,
# 取扱規程 第33条) nor read others' access log (取扱規程 第23条, 第35条), and a setgid meibo
# ignores the test hooks MEIBO_NOW and MEIBO_SCRIPT.
. "$TOP/tests/cli-lib.sh"
setup
recipient 架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)

audit_rows() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log"; }
q() { sqlite3 "$MEIBO_DB" "$1"; }

# --- the database: created without any access for others ---------------------------------
mode=$(stat -c %a "$MEIBO_DB")
case $mode in *0) ;; *) fail "meibo init created the database with mode $mode (others can read it)" ;; esac

# a database others can read is refused (docs/ARCHITECTURE.md "Security": 0660/0640 in the meibo group;
# 取扱規程 第16条 measures), naming the file, answering nothing
chmod 644 "$MEIBO_DB"
expect_exit 1 as clerk1 search 高橋
grep -q "$MEIBO_DB" "$TMP/err" || fail "the refusal does not name the database: $(cat "$TMP/err")"
[ ! -s "$TMP/out" ] || fail "a refused database still answered: $(cat "$TMP/out")"
chmod 640 "$MEIBO_DB"
expect_exit 0 as clerk1 search 高橋

# --- password files: others or the group must not read them ----------------------------------
for m in 644 604 640 660; do
    chmod $m "$TMP/clerk1.pw"
    expect_exit 1 as clerk1 search 高橋
    has "$TMP/err" "others can read this password file"
    hasnt "$TMP/err" "pass-clerk1"
done
chmod 600 "$TMP/clerk1.pw"
# the same for the password of a new account
printf 'pass-c9-2026-x\n' > "$TMP/c9.pw"; chmod 644 "$TMP/c9.pw"
expect_exit 1 as mgr user add --pledge-on 2026-04-01 c9 --name 九 --role clerk --new-password-file "$TMP/c9.pw"
has "$TMP/err" "others can read"
[ "$(q "SELECT count(*) FROM users WHERE login = 'c9'")" -eq 0 ] || fail "c9 was added"

# --- SQL-looking input stays data (prepared statements only) ---------------------------------
inj1="x'); DROP TABLE members; --"
inj2='" OR 1=1 --'
inj3="%' OR '1'='1"
inj4='_%\; DELETE FROM audit_log;'
tables_before=$(q "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master ORDER BY name)")
expect_exit 0 as clerk1 member add member_no=30000001 family_name="$inj1" given_name="$inj2" \
    family_kana=テスト given_kana=タロウ joined_on=2010-04-01 name_en="O'Brien-- OR" \
    home_address="$inj3" email="o'brien@example.jp" facility_name="$inj4" \
    facility_address="$inj1" branch="$inj2"
expect_exit 0 as clerk1 member show 30000001 --reveal --json
for v in "DROP TABLE members; --" '\" OR 1=1 --' "%' OR '1'='1" "DELETE FROM audit_log;" "O'Brien-- OR" \
         "o'brien@example.jp"; do
    has_word "$TMP/out" "$v"
done
[ "$(q "SELECT family_name FROM members WHERE member_no = '30000001'")" = "$inj1" ] || fail "family_name changed"
[ "$(q "SELECT f.name FROM members m JOIN facilities f ON f.id = m.facility_id WHERE member_no = '30000001'")" = "$inj4" ] || fail "facility_name changed"

# a second member that the patterns must not match
expect_exit 0 as clerk1 member add member_no=30000002 family_name=田中 given_name=花子 \
    family_kana=タナカ given_kana=ハナコ joined_on=2011-04-01
# search: the text is a search term, never SQL or a LIKE / MATCH pattern
for s in "$inj1" "$inj2" "' OR 1=1 --" '%' '_' '*' 'NEAR(a b)' '"' "DROP TABLE"; do
    expect_exit 0 as clerk1 search "$s" --json
    hasnt "$TMP/out" "30000002"
done
expect_exit 0 as clerk1 search "$inj1" --count
[ "$(cat "$TMP/out")" = 1 ] || fail "count: $(cat "$TMP/out")"

# edit: the same values through member edit
v=$(q "SELECT version FROM members WHERE member_no = '30000002'")
expect_exit 0 as clerk1 member edit 30000002 --version "$v" home_address="$inj4" branch="$inj3"
[ "$(q "SELECT home_address FROM members WHERE member_no = '30000002'")" = "$inj4" ] || fail "edit: not stored as data"
expect_exit 0 as clerk1 member withdraw 30000002 --reason "$inj1" --date 2026-11-20
[ "$(q "SELECT withdraw_reason FROM members WHERE member_no = '30000002'")" = "$inj1" ] || fail "withdraw reason"

# import: the same values in a CSV
printf '%s\n' 'member_no,family_name,given_name,family_kana,given_kana,joined_on,facility_name,branch' \
    "30000003,\"$(printf '%s' "$inj1" | sed 's/"/""/g')\",\"$(printf '%s' "$inj2" | sed 's/"/""/g')\",テスト,ジロウ,2012-04-01,\"$inj3\",\"$inj4\"" \
    > "$TMP/inj.csv"
expect_exit 0 as clerk1 import "$TMP/inj.csv"
[ "$(q "SELECT given_name FROM members WHERE member_no = '30000003'")" = "$inj2" ] || fail "import: not stored as data"
[ "$(q "SELECT branch FROM members WHERE member_no = '30000003'")" = "$inj4" ] || fail "import: branch"

# inquiry fields: requester, organization, contact, identity check, legal basis
expect_exit 0 as clerk1 inquiry add --member 30000001 --category police \
    --items d --identity verified --legal-basis "刑事訴訟法第197条第2項 $inj1" --legal-document "$inj3" \
    --requester "$inj2" --organization "$inj3" --contact "$inj4" --identity-check "$inj1" --json
id=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
[ -n "$id" ] || fail "no inquiry id"
expect_exit 0 as clerk1 inquiry show "$id" --json
has "$TMP/out" "DROP TABLE members; --"
has_word "$TMP/out" "%' OR '1'='1"
# lookups by name with SQL-looking text find nobody (not everybody)
expect_exit 0 as clerk1 inquiry decide --name "' OR 1=1 --" --category self --purpose enrollment_check \
    --items a --identity verified --json
has "$TMP/out" '"outcome":"not_found"'

# nothing was dropped or added, the file is sound and the log intact
[ "$(q "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master ORDER BY name)")" = "$tables_before" ] ||
    fail "the schema changed"
[ "$(q "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
expect_exit 0 as mgr audit verify

# --- expired and disabled accounts cannot act through the CLI (取扱規程 第34条) ------------------
MEIBO_NOW=$((MEIBO_NOW - 2 * 86400)) expect_exit 0 as mgr user add --pledge-on 2026-04-01 gone1 --name 期限切れ --role clerk --term-end 2026-11-20 --new-password-file "$(pw gone1)"
expect_exit 0 as mgr user add --pledge-on 2026-04-01 off1 --name 無効 --role manager --new-password-file "$(pw off1)"
expect_exit 0 as off1 search 高橋
expect_exit 0 as mgr user disable off1
n_members=$(count_members)
for who in gone1 off1; do
    for cmd in "search 高橋" "member show 30000001" "member add member_no=30000009 family_name=x given_name=y family_kana=ア given_kana=イ joined_on=2020-01-01" \
               "import $TMP/inj.csv" "audit log --user $who" "inquiry list" "user list" \
               "inquiry decide --member 30000001 --category self --purpose enrollment_check --items a --identity verified"; do
        # shellcheck disable=SC2086
        expect_exit 1 as $who $cmd
        grep -qE "ended on 2026-11-20|disabled" "$TMP/err" ||
            fail "$who $cmd: refused without saying why: $(cat "$TMP/err")"
        hasnt "$TMP/out" "30000001"
    done
done
[ "$(count_members)" -eq "$n_members" ] || fail "an expired or disabled account changed members"
has_login_failure=$(q "SELECT count(*) FROM audit_log WHERE user_login IN ('gone1','off1') AND action LIKE 'login%fail%'")
[ "$has_login_failure" -ge 1 ] || fail "refused logins were not audited"

# --- a clerk approves nothing -------------------------------------------------------------------
# an inquiry held for the chief officer (第20条第2項: a method other than written)
expect_exit 0 as clerk1 inquiry add --member 30000001 --category academic --purpose enrollment_check \
    --items a --identity verified --method other --requester 山田 --organization 架空学会 --json
held=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
has "$TMP/out" '"outcome":"hold"'
expect_exit 0 as mgr user add --pledge-on 2026-04-01 temp2 --name 派遣二 --role clerk --fixed-term --term-end 2027-03-31 --new-password-file "$(pw temp2)"
before=$(audit_rows)
expect_exit 1 as clerk1 inquiry approve "$held" --comment 承認
has "$TMP/err" "chief"
expect_exit 1 as clerk1 inquiry deny "$held" --comment 却下
expect_exit 1 as clerk1 user approve temp2
expect_exit 1 as clerk1 policy edit category academic --permitted no --note 変更
expect_exit 1 as clerk1 denylist add --organization 架空興信所 --reason 不正
expect_exit 1 as clerk1 user add --pledge-on 2026-04-01 c3 --name 三 --role chief --new-password-file "$(pw c3)"
[ "$(q "SELECT status FROM inquiries WHERE id = $held")" = pending ] || fail "the held inquiry changed"
[ "$(q "SELECT approved_by IS NULL FROM users WHERE login = 'temp2'")" -eq 1 ] || fail "temp2 approved"
[ "$(q "SELECT count(*) FROM users WHERE login = 'c3'")" -eq 0 ] || fail "c3 added"
# refusals change nothing but may be logged; no approval row by clerk1
[ "$(q "SELECT count(*) FROM audit_log WHERE id > $before AND user_login = 'clerk1' AND (action LIKE '%approve%' OR action LIKE 'policy.%' OR action LIKE 'denylist.%')")" -eq 0 ] ||
    fail "an approval by a clerk was recorded"
# the chief can (so the refusals above were about the role), once the pledge the consent to the
# method does not waive is on file (取扱規程 第6条)
as mgr pledge add --recipient 架空学会 --signatory 山田 --received 2026-11-21 --media paper \
    --purposes enrollment_check --items a --valid-until 2027-03-31 --document 誓-9 >/dev/null
expect_exit 0 as kanri inquiry approve "$held" --comment 承認

# --- a clerk reads only their own access log (取扱規程 第23条) ------------------------------------
expect_exit 0 as clerk1 audit log --user clerk1 --json
hasnt "$TMP/out" '"user":"mgr"'
hasnt "$TMP/out" '"user":"kanri"'
for args in "" "--user mgr" "--user kanri" "--member 30000001" "--since 2026-01-01"; do
    # shellcheck disable=SC2086
    expect_exit 1 as clerk1 audit log $args
    [ ! -s "$TMP/out" ] || fail "audit log $args printed something to a clerk"
done
expect_exit 0 as mgr audit log --user clerk1

# --- bad numbers are usage errors, not silently something else --------------------------------
expect_exit 2 as clerk1 search 高橋 --limit 10abc
expect_exit 2 as mgr audit log --limit abc
expect_exit 2 as clerk1 inquiry list --limit -1

# --- a setgid meibo ignores MEIBO_NOW (and MEIBO_SCRIPT): no back-dating, no outliving a term --
# needs root (to make a setgid copy run with another group), a /tmp without nosuid and meibo
# itself (not the valgrind wrapper script of make valgrind)
if [ "$(id -u)" -eq 0 ] && getent group nogroup >/dev/null && [ "$(head -c 2 "$MEIBO")" != '#!' ] &&
   ! findmnt -no OPTIONS -T "$TMP" 2>/dev/null | grep -q nosuid; then
    cp "$MEIBO" "$TMP/meibo-sg"
    chgrp nogroup "$TMP/meibo-sg"
    chmod 2755 "$TMP/meibo-sg"
    # an account whose term ended on 2001-01-01, used "in 2000" through MEIBO_NOW
    MEIBO_NOW=959817600 expect_exit 0 as mgr user add --pledge-on 2000-04-01 old1 --name 旧 --role clerk --term-end 2001-01-01 \
        --new-password-file "$(pw old1)"
    MEIBO_NOW=959817600 expect_exit 0 as old1 search 高橋
    set +e
    MEIBO_NOW=959817600 "$TMP/meibo-sg" --user old1 --password-file "$TMP/old1.pw" search 高橋 \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    set -e
    [ "$rc" -eq 1 ] || fail "a setgid meibo took MEIBO_NOW (exit $rc): $(cat "$TMP/err")"
    has_word "$TMP/err" "2001-01-01"
    # and a script's :exec does not run
    printf ':exec touch %s/ran\n' "$TMP" > "$TMP/script"
    MEIBO_SCRIPT="$TMP/script" timeout 5 "$TMP/meibo-sg" --user clerk1 --password-file "$TMP/clerk1.pw" \
        </dev/null >/dev/null 2>&1 || true
    [ ! -e "$TMP/ran" ] || fail "a setgid meibo ran MEIBO_SCRIPT's :exec"
else
    echo "SKIP: the setgid checks need root and a /tmp without nosuid"
fi
echo "t-security: done"
