# Pledges (誓約書, 取扱規程 第5条 electronic media, 第6条 paper): record, list, expire, revoke;
# recording a pledge releases the inquiries held for it; an expired pledge counts for nothing.
. "$TOP/tests/cli-lib.sh"
setup
recipient 日本架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)

as clerk1 member add member_no=20000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ \
    given_kana=イチロウ joined_on=2010-04-01 birth_date=1975-05-05 >/dev/null
pledge() { as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --title 事務局長 \
    --received 2026-11-01 "$@"; }
status_of() { sqlite3 "$MEIBO_DB" "SELECT status FROM inquiries WHERE id = $1"; }

# 取扱規程 第6条: paper provision to an academic society (第20条第3項(e)) waits for its pledge
expect_exit 0 as clerk1 inquiry add --member 20000001 --category academic --purpose enrollment_check \
    --items a --identity verified --requester 山田太郎 --organization 日本架空学会 \
    --contact "〒100-0011 東京都千代田区架空町1-2-3" --json
has "$TMP/out" '"hold":["pledge"]'
has "$TMP/out" '"status":"pending"'
held=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")

# the chief officer cannot approve it past the missing pledge
expect_exit 1 as kanri inquiry approve "$held" --comment 了承
has "$TMP/err" "still waits for a pledge"
[ "$(status_of "$held")" = pending ] || fail "a pledge hold was approved without the pledge"

# a clerk does not record pledges; bad values are refused whole with the field named
expect_exit 1 as clerk1 pledge add --recipient 日本架空学会 --signatory 山田花子 --media paper \
    --purposes enrollment_check --items a --valid-until 2027-10-31 --document 誓-1
has "$TMP/err" "needs the manager role"
expect_exit 2 pledge --media paper --purposes enrollment_check --items a --valid-until 2027-10-31
has "$TMP/err" "--document"
expect_exit 2 pledge --media floppy --purposes enrollment_check --items a --valid-until 2027-10-31 \
    --document 誓-1
expect_exit 1 pledge --media paper --purposes marketing --items a --valid-until 2027-10-31 --document 誓-1
has "$TMP/err" "purposes: 'marketing' is not a purpose"
expect_exit 1 pledge --media paper --purposes enrollment_check --items a --valid-until 2026-10-01 \
    --document 誓-1
has "$TMP/err" "valid_until: 2026-10-01 is before the day it was received"
# a validity far off is refused with the limit (issue 12 §4; check.h: ten years ahead)
expect_exit 1 pledge --media paper --purposes enrollment_check --items a --valid-until 9999-12-31 \
    --document 誓-1
has "$TMP/err" "valid_until: 9999-12-31 is outside the dates meibo takes (1900-01-01..2036-11-21)"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM pledges")" -eq 0 ] || fail "a refused pledge was stored"

# an expired pledge (valid through yesterday) counts for nothing: the inquiry keeps waiting
expect_exit 0 pledge --media paper --purposes enrollment_check --items a --valid-until 2026-11-20 \
    --document 誓-2025-9
has_word "$TMP/out" "1 held inquiry from this recipient still wait"
[ "$(status_of "$held")" = pending ] || fail "an expired pledge released a hold"

# the signed pledge releases the hold: decided, provided, recorded (個人情報保護法 第29条)
expect_exit 0 pledge --media paper --purposes enrollment_check,society_business --items a,d \
    --valid-until 2026-12-10 --document 誓-2026-014 --json
has "$TMP/out" "\"released\":[$held]"
[ "$(status_of "$held")" = decided ] || fail "the pledge did not release the hold"
expect_exit 0 as clerk1 inquiry show "$held" --json
has_word "$TMP/out" '"kind":"release","outcome":"provide","provided":"a","hold":null,"pledge":2'
has "$TMP/out" '{"code":"pledge_on_file","article":"取扱規程 第6条"'
# the answer goes out: its provision is recorded then (個人情報保護法 第29条; issue 14)
printf '%s\n' "society_name = 架空循環器学会" "secretariat_contact = 東京都千代田区架空1-1" > "$TMP/letters.conf"
expect_exit 0 as clerk1 --config "$TMP/letters.conf" inquiry print "$held" --out "$TMP/answer.pdf"
expect_exit 0 as clerk1 provision list --recipient 架空学会 --json
has "$TMP/out" '"member_no":"20000001"'
has_word "$TMP/out" '"pledge":2'
has "$TMP/out" '"retention_until":"2029-11-21"'

# electronic media (取扱規程 第5条) need a pledge covering them and the chief officer's approval
expect_exit 0 as clerk1 inquiry add --member 20000001 --category academic --purpose enrollment_check \
    --items a --identity verified --medium electronic --requester 山田太郎 --organization 日本架空学会 --json
has "$TMP/out" '"hold":["chief","pledge"]'
has "$TMP/out" '"article":"取扱規程 第5条, 第38条"'
el=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
expect_exit 0 pledge --media paper,electronic --purposes enrollment_check --items a \
    --valid-until 2027-10-31 --document 誓-2026-015
has_word "$TMP/out" "released 1 held inquiry: $el"
[ "$(sqlite3 "$MEIBO_DB" "SELECT d.hold FROM inquiries q JOIN inquiry_decisions d ON d.id = q.decision_id WHERE q.id = $el")" = chief ] ||
    fail "the electronic-media inquiry should still wait for the chief officer"
expect_exit 0 as kanri inquiry approve "$el" --comment "暗号化ZIP、パスワード別送 (取扱規程 第38条)"
has "$TMP/out" "inquiry $el approved"

# list, --expiring, show, revoke
expect_exit 0 as clerk1 pledge list
has_word "$TMP/out" "2	active	2026-12-10	日本架空学会	paper	enrollment_check,society_business	a,d	誓-2026-014"
hasnt "$TMP/out" "誓-2025-9"
expect_exit 0 as clerk1 pledge list --all --json
has "$TMP/out" '"document_no":"誓-2025-9","state":"expired"'
expect_exit 0 as clerk1 pledge list --expiring 30
has_word "$TMP/out" "誓-2026-014"
hasnt "$TMP/out" "誓-2026-015"
expect_exit 0 as clerk1 pledge show 3 --json
has "$TMP/out" '"media":["paper","electronic"]'
has "$TMP/out" '"signatory_name":"山田花子","signatory_title":"事務局長"'
expect_exit 1 as clerk1 pledge show 9
has_word "$TMP/err" "no pledge 9"
expect_exit 1 as clerk1 pledge revoke 2 --reason 先方の解散
has "$TMP/err" "needs the manager role"
expect_exit 0 as mgr pledge revoke 2 --reason 先方の解散
expect_exit 0 as clerk1 pledge show 2
has "$TMP/out" "revoked"
has "$TMP/out" "先方の解散"
# a revoked pledge no longer covers paper provision: the next inquiry waits again (a member, (d),
# asking under the society's business: 第20条第1項(d), in the scope of that purpose)
expect_exit 0 as clerk1 inquiry decide --member 20000001 --category member --purpose society_business \
    --items d --identity verified --requester 山田太郎 --organization 日本架空学会 --json
has "$TMP/out" '"hold":["pledge"]'

# every change is in the access log
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'pledge.add' AND user_login = 'mgr'")" -eq 3 ] ||
    fail "pledge.add not audited"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'pledge.revoke'")" -eq 1 ] ||
    fail "pledge.revoke not audited"

# the pre-filled form to renew pledge 2 (tests/cli/t-letters.sh tests the forms); letters need
# the society's name and contact from meibo.conf
expect_exit 1 as clerk1 pledge print --pledge 2 --format text
has "$TMP/err" "meibo.conf: society_name is not set"
printf 'society_name = 日本架空循環器学会\nsecretariat_contact = TEL 03-0000-0000\n' > "$TMP/meibo.conf"
expect_exit 0 as clerk1 --config "$TMP/meibo.conf" pledge print --pledge 2 --format text
has_word "$TMP/out" "更新前の誓約書　整理番号　誓-2026-014"
has "$TMP/out" "提供を受ける者：日本架空学会"
has "$TMP/out" "（d）所属施設名・住所"
