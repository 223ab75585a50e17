# Members' rights requests (規程 第22–23条, 取扱規程 第7–8条): intake with identity, agent and fee;
# due dates (14 days, meibo.conf request_due_days) and the overdue / nearly-due list with the clock
# pinned (MEIBO_NOW = 2026-11-21); decisions by role (a clerk grants, the chief officer refuses or
# withholds, 規程 第10条第2項); the disclosure notice with every provision record (個人情報保護法
# 第33条第5項), the non-disclosure notice with its 第22条第4項 reason (第22条第5項), a correction
# through the audited member edit and its notice (第23条第1項); completion only after the notice.
. "$TOP/tests/cli-lib.sh"
setup
recipient 日本架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)
GOLDEN=$TOP/tests/golden
cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000　FAX 03-0000-0001
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"

as clerk1 member add member_no=20000001 specialist_no=1234 joined_on=2010-04-01 family_name=髙橋 \
    given_name=一郎 family_kana=タカハシ given_kana=イチロウ birth_date=1975-05-05 \
    postal_code=113-0033 home_address=東京都文京区本郷1-1-1 email=ichiro.takahashi@example.jp \
    facility_name=架空大学病院 facility_postal_code=113-8655 \
    facility_address=東京都文京区本郷7-3-1 branch=関東甲信越 directory_consent=yes >/dev/null
as clerk1 member add member_no=20000002 joined_on=2012-04-01 family_name=佐藤 given_name=花子 \
    family_kana=サトウ given_kana=ハナコ >/dev/null
as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --received 2026-11-01 \
    --media paper --purposes enrollment_check --items a --valid-until 2027-10-31 \
    --document 誓-2026-014 >/dev/null
# two provisions of member 20000001: to an academic society on its pledge, to the police by law
as clerk1 inquiry add --requester 山田太郎 --organization 日本架空学会 --category academic \
    --purpose enrollment_check --items a --identity verified --member 20000001 \
    --contact "〒100-0011 東京都千代田区架空町1-2-3" >/dev/null
# (規程 第19条第1項第1号: the statute is the ground, the chief officer decides)
as clerk1 inquiry add --requester 警察太郎 --organization 架空県警察本部 --category police \
    --items a --identity verified --member 20000001 --contact "〒100-0009 東京都千代田区架空10-10" \
    --legal-basis 刑事訴訟法第197条第2項 --legal-document "架県刑第123号 (令和8年11月20日)" >/dev/null
as kanri inquiry approve 2 --comment 捜査関係事項照会 >/dev/null
# a third, decided but never answered, and one recorded by mistake and voided: neither is a
# provision, so the disclosure notice never lists them (issue 14)
as clerk1 inquiry add --requester 山田太郎 --organization 日本架空学会 --category academic \
    --purpose enrollment_check --items a --identity verified --member 20000001 \
    --contact "〒100-0011 東京都千代田区架空町1-2-3" >/dev/null
as clerk1 inquiry add --requester 山田次郎 --organization 日本架空学会 --category academic \
    --purpose enrollment_check --items a --identity verified --member 20000001 \
    --contact "〒100-0011 東京都千代田区架空町1-2-3" >/dev/null
as clerk1 inquiry void 4 --reason 別の照会と重複して記録 >/dev/null
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE member_no = '20000001'")" -eq 0 ] ||
    fail "a provision was recorded before its answer went out"
# the answers go out: the provisions happen (個人情報保護法 第29条)
as clerk1 inquiry print 1 --out "$TMP/answer-1.pdf" >/dev/null
as clerk1 inquiry print 2 --out "$TMP/answer-2.pdf" >/dev/null
expect_exit 1 as clerk1 inquiry print 4 --out "$TMP/answer-4.pdf"
has "$TMP/err" "was voided"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE member_no = '20000001'")" -eq 2 ] ||
    fail "expected two provision records"
requests() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM rights_requests"; }
field() { sqlite3 "$MEIBO_DB" "SELECT $1 FROM rights_requests WHERE id = $2"; }

# --- intake: bad input refused whole (field named), nothing recorded
add() { as clerk1 request add --member 20000001 "$@"; }
expect_exit 2 add --kind disclosure
has "$TMP/err" "--kind, --member (or --name and --address of the person) and --identity are required"
expect_exit 1 add --kind complaint --identity passport
has "$TMP/err" "kind: 'complaint' is not disclosure, correction, addition, deletion, suspension or stop_provision"
expect_exit 1 add --kind disclosure --identity hunch
has "$TMP/err" "identity: how the requester's identity was checked (第22条第1項)"
expect_exit 1 add --kind disclosure --identity other
has "$TMP/err" "identity_note:"
expect_exit 1 add --kind disclosure --identity passport --received 2026-11-22
has "$TMP/err" "received_on: 2026-11-22 is in the future"
# dates far off are refused with the limit (issue 12 §4; check.h)
expect_exit 1 add --kind disclosure --identity passport --received 1899-12-31
has "$TMP/err" "received_on: 1899-12-31 is outside the dates meibo takes (1900-01-01..2027-11-21)"
expect_exit 1 add --kind disclosure --identity passport --due 9999-12-31
has "$TMP/err" "due_on: 9999-12-31 is outside the dates meibo takes (1900-01-01..2036-11-21)"
expect_exit 1 add --kind disclosure --identity passport --fee -1
has "$TMP/err" "fee:"
expect_exit 1 add --kind disclosure --identity passport --agent-proof 委任状
has "$TMP/err" "agent_proof: a proof of agency goes with an agent"
expect_exit 1 add --kind correction --identity passport
has "$TMP/err" "content: say what the member asks to be corrected (第23条第1項)"
expect_exit 1 add --kind disclosure --identity passport --due 2026-11-01 --received 2026-11-02
has "$TMP/err" "due_on: 2026-11-01 is before the request was received"
expect_exit 1 as clerk1 request add --kind disclosure --member 99999999 --identity passport
has_word "$TMP/err" "no member with number 99999999"
[ "$(requests)" -eq 0 ] || fail "a refused request was recorded"

# --- due dates: 14 days after receipt by default
expect_exit 0 add --kind disclosure --identity drivers_license --received 2026-11-10 \
    --document 開-2026-001 --fee 1000                     # 1: due 11-24, nearly due
has_word "$TMP/out" "recorded request 1: disclosure of member 20000001, due 2026-11-24"
expect_exit 0 add --kind disclosure --identity passport --received 令和8年11月1日  # 2: due 11-15
expect_exit 0 add --kind disclosure --identity unverified                        # 3: due 12-05
[ "$(field "fee_yen || ' ' || identity || ' ' || created_by" 1)" = "1000 drivers_license clerk1" ] ||
    fail "the intake is not stored"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'request.add' AND user_login = 'clerk1' AND member_no = '20000001'")" -eq 3 ] ||
    fail "the intake was not audited"
# configurable: 30 days
printf 'request_due_days = 30\n' >> "$TMP/meibo.conf"
expect_exit 0 as clerk1 request add --kind deletion --member 20000002 --identity in_person \
    --content "メールアドレスの削除" --received 2026-11-20      # 4: due 12-20
has_word "$TMP/out" "due 2026-12-20"
sed -i '/request_due_days/d' "$TMP/meibo.conf"
printf 'request_due_days = 0\n' >> "$TMP/meibo.conf"
expect_exit 1 as clerk1 request list
has_word "$TMP/err" "request_due_days: a number of days from 1 to 90"
sed -i '/request_due_days/d' "$TMP/meibo.conf"

# --- the overdue and nearly-due list (today 2026-11-21 by MEIBO_NOW)
expect_exit 0 as clerk1 request list --due
cat > "$TMP/want" <<'X'
2	received	2026-11-15	overdue	disclosure	20000001	髙橋 一郎	-
1	received	2026-11-24	due-soon	disclosure	20000001	髙橋 一郎	-
X
diff -u "$TMP/want" "$TMP/out" || fail "request list --due"
expect_exit 0 as clerk1 request list --due --within 14 --json
has "$TMP/out" '"id":2,"kind":"disclosure"'
has "$TMP/out" '"due_on":"2026-11-15","days_left":-6,"overdue":true,"due_soon":false'
has "$TMP/out" '"due_on":"2026-11-24","days_left":3,"overdue":false,"due_soon":true'
has "$TMP/out" '"due_on":"2026-12-05","days_left":14,"overdue":false,"due_soon":false'
hasnt "$TMP/out" '"due_on":"2026-12-20"'
# twelve days later (2026-12-03) the request due 11-24 is overdue and the one due 12-05 nearly due
MEIBO_NOW=$((MEIBO_NOW + 12 * 86400)) as clerk1 request list --due > "$TMP/later"
has_word "$TMP/later" "$(printf '1\treceived\t2026-11-24\toverdue')"
has_word "$TMP/later" "$(printf '3\treceived\t2026-12-05\tdue-soon')"

# --- decisions by role: the clerk grants; refusing or withholding is the chief officer's
expect_exit 1 as clerk1 request decide 2 --decision none --reason harm
has "$TMP/err" "needs the chief role; you are clerk"
expect_exit 1 as mgr request decide 2 --decision partial --reason harm --note x --withhold email
has "$TMP/err" "needs the chief role; you are manager"
expect_exit 1 as kanri request decide 2 --decision none
has "$TMP/err" "reason: a request refused needs its reason"
expect_exit 1 as kanri request decide 2 --decision none --reason accurate
has "$TMP/err" "reason: 'accurate' is not a reason that may be given for a disclosure request"
expect_exit 1 as clerk1 request decide 2 --decision maybe
has "$TMP/err" "decision: 'maybe' is not full, partial or none"
# 第22条第1項: granted only after identity is confirmed
expect_exit 1 as clerk1 request decide 3 --decision full
has "$TMP/err" "the requester's identity was not confirmed; it cannot be granted (第22条第1項"
[ "$(field status 3)" = received ] || fail "a refused decision changed the request"
expect_exit 0 as clerk1 request reasons --kind disclosure
has "$TMP/out" "harm            第22条第4項第1号"
has "$TMP/out" "law             第22条第4項第3号"
hasnt "$TMP/out" "accurate"

# --- disclosure in full (第22条第1項): 保有個人データ開示通知書 with every provision record
expect_exit 1 as clerk1 request print 1 --format text
has "$TMP/err" "rights request 1 is not decided yet"
expect_exit 0 as clerk1 request decide 1 --decision full
has "$TMP/out" "request 1 decided: full"
# completed only after the notice went out in writing (第22条第5項)
expect_exit 1 as clerk1 request complete 1
has "$TMP/err" "notified of the decision in writing (第22条第5項"
strip() { tr -d ' \t\r\n\f' < "$1" | sed 's/　//g'; }
same_text() {
    [ -z "${GOLDEN_UPDATE:-}" ] || cp "$TMP/$1.txt" "$GOLDEN/$1.txt"
    diff -u "$GOLDEN/$1.txt" "$TMP/$1.txt" || fail "$1: the text differs from tests/golden/$1.txt"
    pdfinfo "$TMP/$1.pdf" > "$TMP/info"
    has "$TMP/info" "Page size:       595.276 x 841.89 pts (A4)"
    pdftotext -layout "$TMP/$1.pdf" "$TMP/$1.pdftext"
    strip "$TMP/$1.txt" > "$TMP/a"; strip "$TMP/$1.pdftext" > "$TMP/b"
    cmp -s "$TMP/a" "$TMP/b" || { diff "$TMP/$1.txt" "$TMP/$1.pdftext"; fail "$1: the PDF's text differs"; }
    pdffonts "$TMP/$1.pdf" | tail -n +3 | grep -q 'IPAexMincho.*yes' || fail "$1: IPAex Mincho not embedded"
}
# notice N NAME KIND: request N's notice as text (a preview: not yet sent) and as a PDF
notice() {
    expect_exit 0 as clerk1 request print "$1" --format text
    cp "$TMP/out" "$TMP/$2.txt"
    expect_exit 0 as clerk1 request print "$1" --out "$TMP/$2.pdf"
    has "$TMP/out" "request $1: $3 letter written to $TMP/$2.pdf"
    same_text "$2"
}
notice 1 rights-disclosure disclosure
for text in 保有個人データ開示通知書 "請求番号　第1号" 第22条第1項 第33条第5項 \
    "メールアドレス：ichiro.takahashi@example.jp" "生年月日：昭和50年5月5日" \
    "（1）提供日　令和8年11月21日" "提供先　日本架空学会　山田太郎（学術団体" \
    "（2）提供日　令和8年11月21日" "提供先　架空県警察本部　警察太郎（日本の警察・検察・弁護士会）" \
    "提供の根拠　法令に基づく提供（本会個人情報保護規程第19条第1項第1号）" \
    "根拠　第19条第1項第1号 法令に基づく提供: 刑事訴訟法第197条第2項 (照会書 架県刑第123号 (令和8年11月20日))"; do
    has "$TMP/rights-disclosure.txt" "$text"
done
[ "$(grep -c '提供日' "$TMP/rights-disclosure.txt")" -eq 2 ] || fail "not every provision record is listed"
[ "$(field notified_on 1)" = 2026-11-21 ] || fail "the notice written for sending was not noted"
expect_exit 0 as clerk1 request complete 1
has "$TMP/out" "request 1 completed"
[ "$(field "status || ' ' || completed_on || ' ' || completed_by" 1)" = "completed 2026-11-21 clerk1" ] ||
    fail "not completed"
expect_exit 0 as clerk1 request list
hasnt "$TMP/out" "$(printf '1\tcompleted')"
expect_exit 0 as clerk1 request list --all
has_word "$TMP/out" "$(printf '1\tcompleted\t2026-11-24\t-\tdisclosure')"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'request.print' AND member_no = '20000001'")" -eq 2 ] ||
    fail "printing the notice was not audited"

# --- non-disclosure (第22条第4項第1号), decided by the chief officer, notified with its reason
expect_exit 0 as kanri request decide 2 --decision none --reason harm \
    --note "第三者の権利利益を害するおそれがあるため"
[ "$(field "decision || ' ' || reason || ' ' || decided_by || ' ' || decided_role" 2)" = \
  "none harm kanri chief" ] || fail "the non-disclosure is not stored"
notice 2 rights-nondisclosure nondisclosure
has "$TMP/rights-nondisclosure.txt" "保有個人データ不開示決定通知書"
has "$TMP/rights-nondisclosure.txt" "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合（本会個人情報保護規程第22条第4項第1号）"
has "$TMP/rights-nondisclosure.txt" "第22条第5項に基づき通知いたします"
hasnt "$TMP/rights-nondisclosure.txt" "提供日"
# the unverified request: refused for identity (第22条第1項)
expect_exit 0 as kanri request decide 3 --decision none --reason identity
expect_exit 0 as clerk1 request print 3 --format text
has "$TMP/out" "ご本人（又はその代理人）であることを確認できない場合（本会個人情報保護規程第22条第1項）"

# --- disclosure in part: the police provision withheld (第22条第4項第3号), by the chief officer
police=$(sqlite3 "$MEIBO_DB" "SELECT id FROM provisions WHERE category = 'police'")
expect_exit 0 add --kind disclosure --identity in_person --agent "髙橋 花子" \
    --agent-proof "委任状（令和8年11月20日付）"                          # 5
expect_exit 1 as kanri request decide 5 --decision partial --reason law --note x --withhold provision:999
has_word "$TMP/err" "withhold: 'provision:999' is not a provision record of member 20000001"
expect_exit 0 as kanri request decide 5 --decision partial --reason law --withhold "provision:$police" \
    --note "捜査機関への提供に係る記録は開示できません"
expect_exit 0 as clerk1 request print 5 --format text
has "$TMP/out" "（代理人　髙橋 花子　様）"
has "$TMP/out" "その一部を開示いたします"
has "$TMP/out" "提供先　日本架空学会"
hasnt "$TMP/out" "架空県警察本部"
has "$TMP/out" "開示しない部分　第三者への提供の記録 1件"
has "$TMP/out" "理由　他の日本の法令に違反することとなる場合（本会個人情報保護規程第22条第4項第3号）"
# an agent without a proof of agency cannot be granted (第22条第1項)
expect_exit 0 add --kind disclosure --identity in_person --agent "代理 人"   # 6
expect_exit 1 as clerk1 request decide 6 --decision full
has "$TMP/err" "made by an agent without a proof of agency"

# --- correction (第23条第1項, 取扱規程 第7条): through the audited member edit, notified by letter
expect_exit 0 add --kind correction --identity registered_address --content "自宅住所の訂正（転居）" \
    --document 訂-2026-001 --received 2026-11-18                           # 7
version=$(sqlite3 "$MEIBO_DB" "SELECT version FROM members WHERE member_no = '20000001'")
expect_exit 1 as clerk1 request decide 7 --decision full
has "$TMP/err" "set: a correction granted changes the member: give FIELD=VALUE"
expect_exit 1 as clerk1 request decide 7 --decision full --set member_no=20000009
has "$TMP/err" "member_no: a rights request does not change it"
expect_exit 1 as clerk1 request decide 7 --decision full --set optout_on=2026-11-21
has "$TMP/err" "optout_on: a rights request does not change it (a stop of provision records the opt-out itself"
expect_exit 1 as clerk1 request decide 7 --decision full --set home_address=東京都文京区本郷1-1-1
has "$TMP/err" "set: the changes leave member 20000001 as it is"
expect_exit 1 as clerk1 request decide 7 --decision full --set postal_code=12
has "$TMP/err" "postal_code (郵便番号): '12' is not a postal code"
[ "$(sqlite3 "$MEIBO_DB" "SELECT version FROM members WHERE member_no = '20000001'")" = "$version" ] ||
    fail "a refused correction changed the member"
[ "$(field status 7)" = received ] || fail "a refused correction was decided"
expect_exit 0 as clerk1 request decide 7 --decision full --set home_address=東京都文京区弥生2-2-2 \
    --set postal_code=1130032
[ "$(sqlite3 "$MEIBO_DB" "SELECT postal_code || ' ' || home_address FROM members WHERE member_no = '20000001'")" = \
  "113-0032 東京都文京区弥生2-2-2" ] || fail "the member was not corrected"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'member.update' AND user_login = 'clerk1' AND member_no = '20000001' AND detail = 'fields=postal_code,home_address'")" -eq 1 ] ||
    fail "the correction did not go through the audited member edit"
[ "$(field changed_fields 7)" = "postal_code,home_address" ] || fail "the changed fields are not stored"
notice 7 rights-correction correction
has "$TMP/rights-correction.txt" "保有個人データの訂正について（通知）"
has_word "$TMP/rights-correction.txt" "自宅住所：東京都文京区弥生2-2-2"
has "$TMP/rights-correction.txt" "本会個人情報保護規程第23条第1項に基づき通知いたします"
# addition fills an empty field only; deletion erases
expect_exit 0 as clerk1 request add --kind addition --member 20000002 --identity passport \
    --content "メールアドレスの追加"                                        # 8
expect_exit 1 as clerk1 request decide 8 --decision full --set family_name=佐藤
has "$TMP/err" "family_name: has a value already; an addition fills an empty field"
expect_exit 0 as clerk1 request decide 8 --decision full --set email=hanako.sato@example.jp
expect_exit 1 as clerk1 request decide 4 --decision full --set email=x@example.jp
has "$TMP/err" "email: a deletion erases a value: give email= with nothing after it"
expect_exit 0 as clerk1 request decide 4 --decision full --set email=
[ -z "$(sqlite3 "$MEIBO_DB" "SELECT email FROM members WHERE member_no = '20000002'")" ] ||
    fail "the deletion did not erase"
# the deletion notice tells the member what the backups keep, and that a restore deletes it
# again (取扱規程 第19条); the decision's values are on record for that restore
[ "$(field changes 4)" = "email=" ] || fail "the deletion's changes are not recorded: $(field changes 4)"
expect_exit 0 as clerk1 request print 4 --format text
has "$TMP/out" "【バックアップについて】"
has "$TMP/out" "削除の前の内容は、障害に備えて保管しているデータベースの複製（バックアップ）に、その複製が順次削除されるまで（作成から最長12か月）残ります。"
has "$TMP/out" "バックアップから復元した場合にも、この削除を改めて行います（本会個人情報の取扱規程第19条）。"
# refusing a correction is the chief officer's, with a 第23条 reason
expect_exit 0 as clerk1 request add --kind correction --member 20000002 --identity passport \
    --content "入会年月日の訂正"                                            # 9
expect_exit 1 as kanri request decide 9 --decision none --reason harm
has "$TMP/err" "'harm' is not a reason that may be given for a correction request"
expect_exit 0 as kanri request decide 9 --decision none --reason accurate
expect_exit 0 as clerk1 request print 9 --format text
has "$TMP/out" "お申出の訂正は行わないことといたしました。"
hasnt "$TMP/out" "【バックアップについて】"   # nothing was changed
has "$TMP/out" "調査の結果、保有個人データの内容が事実と相違しないことが確認された場合（本会個人情報保護規程第23条第1項）"

# --- stop of provision (第20条第5項) granted: the opt-out is recorded and a third party refused
expect_exit 0 as clerk1 request add --kind stop_provision --member 20000002 --identity passport \
    --document 停-2026-010                                                   # 10
expect_exit 0 as clerk1 request decide 10 --decision full
[ "$(sqlite3 "$MEIBO_DB" "SELECT document_no || ' ' || request_id FROM member_optouts WHERE withdrawn_on IS NULL")" = \
  "停-2026-010 10" ] || fail "the stop of provision recorded no opt-out"
expect_exit 0 as clerk1 inquiry decide --member 20000002 --category academic --purpose enrollment_check \
    --items a --identity verified --json
has "$TMP/out" '{"code":"opted_out","article":"第20条第5項"'
expect_exit 0 as clerk1 request print 10 --format text
has "$TMP/out" "お申出のとおり第三者への提供を停止いたしました。"
has "$TMP/out" "令和8年11月21日から"

# --- show, JSON; what is decided is not decided twice; a completed request is kept
expect_exit 0 as clerk1 request show 7
has "$TMP/out" "request 7: correction (訂正, 第23条第1項)"
has "$TMP/out" "changed_fields  postal_code,home_address"
expect_exit 0 as clerk1 request show 1 --json
has "$TMP/out" '{"id":1,"kind":"disclosure","member_no":"20000001","received_on":"2026-11-10"'
has "$TMP/out" '"status":"completed","decision":"full"'
expect_exit 1 as clerk1 request decide 7 --decision full --set branch=東海
has "$TMP/err" "rights request 7 is already decided"
expect_exit 1 as clerk1 request complete 3 --date 2026-11-22
has "$TMP/err" "date: 2026-11-22 is in the future"
[ "$(requests)" -eq 10 ] || fail "expected ten requests"

# issue 14: the voided inquiry says so, with its reason
expect_exit 0 as clerk1 inquiry show 4
has "$TMP/out" "別の照会と重複して記録"
expect_exit 0 as clerk1 inquiry list
grep -q "^4	.*	voided	" "$TMP/out" || { cat "$TMP/out"; fail "the voided inquiry is not listed as voided"; }
