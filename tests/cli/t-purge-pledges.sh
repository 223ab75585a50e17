# The people named on pledges (誓約書, 取扱規程 第5–6条) and in the recipients register
# (規程 第20条第3–4項) have a period of their own (規程 第17条, 取扱規程 第20条): a pledge's
# signatory (name, title) is erased 3 years after the pledge ended (its valid_until, or the day
# it was revoked), as the provision records made under it are kept 3 years (個人情報保護法
# 第29条, 施行規則第21条); an organization's contact person once every pledge of theirs ended
# that long ago. `meibo purge` does it, audited with counts; the pledges and recipients stay.
. "$TOP/tests/cli-lib.sh"
setup
q() { sqlite3 "$MEIBO_DB" "$1"; }
r1=$(as clerk1 recipient add --organization 日本架空学会 --person 担当太郎 --category academic \
    --identity 書面で確認 --json | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
r2=$(as clerk1 recipient add --organization 架空研究会 --person 担当次郎 --category academic \
    --identity 書面で確認 --json | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
pledge() {
    as mgr pledge add --recipient "$1" --signatory "$2" --title 理事長 --received 2026-11-01 \
        --media paper --purposes enrollment_check --items a --valid-until "$3" --document "$4" >/dev/null
}
pledge "$r1" 署名花子 2027-03-31 誓-1
pledge "$r2" 署名次郎 2027-03-31 誓-2
pledge "$r2" 署名三郎 2028-03-31 誓-3
pledge "$r2" 署名四郎 2029-03-31 誓-4
as mgr pledge revoke 4 --reason 提供先の申出 >/dev/null   # ended today, 2026-11-21

# the retention table has the period (meibo retention)
expect_exit 0 as clerk1 retention list
has "$TMP/out" "pledge_signatory"
has "$TMP/out" "誓約書の署名者・提供先の担当者の氏名等"

# within 3 years of the end: nothing
expect_exit 0 as kanri purge --json
has_word "$TMP/out" '"signatories":0,"contacts":0'

# 2030-04-01: pledges 1, 2 (ended 2027-03-31) and 4 (revoked 2026-11-21) are past; 3 is not
# (ended 2028-03-31), so 架空研究会's contact stays
export MEIBO_NOW=1901199600   # 2030-04-01 10:00 JST
expect_exit 0 as kanri purge --dry-run --json
has_word "$TMP/out" '"signatories":3,"contacts":1'
[ "$(q "SELECT count(*) FROM pledges WHERE signatory_name <> ''")" = 4 ] || fail "a dry run changed pledges"
expect_exit 0 as kanri purge
has "$TMP/out" "pledge signatories erased                3  (pledges ended on or before 2027-03-31)"
has_word "$TMP/out" "recipients' contact persons erased       1"
[ "$(q "SELECT group_concat(id || ':' || signatory_name || ':' || signatory_title || ':' || coalesce(signatory_erased_on, '-'), ' ') FROM pledges")" = \
  "1:::2030-04-01 2:::2030-04-01 3:署名三郎:理事長:- 4:::2030-04-01" ] ||
    fail "pledges: $(q "SELECT id, signatory_name, signatory_erased_on FROM pledges")"
[ "$(q "SELECT group_concat(organization || ':' || person || ':' || coalesce(contact_erased_on, '-'), ' ') FROM recipients")" = \
  "日本架空学会::2030-04-01 架空研究会:担当次郎:-" ] || fail "recipients: $(q "SELECT * FROM recipients")"
# audited with counts, never a name
q "SELECT detail FROM audit_log WHERE action = 'purge' ORDER BY id DESC LIMIT 1" | grep -q " signatories=3 contacts=1\$" ||
    fail "purge audit row: $(q "SELECT detail FROM audit_log WHERE action = 'purge' ORDER BY id DESC LIMIT 1")"
# gone from the file too (secure_delete, the WAL truncated)
for name in 署名花子 署名次郎 署名四郎 担当太郎; do
    [ "$(cat "$MEIBO_DB" "$MEIBO_DB-wal" 2>/dev/null | grep -c -a "$name" || true)" -eq 0 ] ||
        fail "$name is still in the database file"
done
expect_exit 0 as mgr pledge show 1
hasnt "$TMP/out" "署名花子"
expect_exit 0 as mgr audit verify

# 2031-04-01: pledge 3 too, and with it 架空研究会's contact
export MEIBO_NOW=1932735600   # 2031-04-01 10:00 JST
expect_exit 0 as kanri purge --json
has_word "$TMP/out" '"signatories":1,"contacts":1'
[ "$(q "SELECT count(*) FROM recipients WHERE person <> ''")" = 0 ] || fail "a contact person is left"
[ "$(q "SELECT count(*) FROM pledges")" = 4 ] || fail "the pledges themselves are kept"
