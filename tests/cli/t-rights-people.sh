# Rights requests and the people 取扱規程 第7–8条 name: a correction or deletion notified by the
# member's family or facility staff counts as the member's (who notified and how they were
# identified are recorded; no 委任状), an agent other than those still needs the proof of agency
# (第22条第1項); family and staff are not the member for other kinds. A suspension (利用停止・
# 消去, 第23条第2項) granted stops provision to third parties and the society's own use: the
# member is left out of every export sheet, the summary counts "利用停止により除外 N名".
. "$TOP/tests/cli-lib.sh"
setup
letter_setup
add() { as clerk1 member add joined_on=2010-04-01 branch=関東甲信越 "$@" >/dev/null; }
add member_no=20000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ given_kana=イチロウ \
    postal_code=113-0033 home_address=東京都文京区本郷1-1-1 email=old@example.jp \
    facility_name=架空大学病院
add member_no=20000002 family_name=佐藤 given_name=花子 family_kana=サトウ given_kana=ハナコ \
    facility_name=架空市民病院
field() { sqlite3 "$MEIBO_DB" "SELECT $1 FROM rights_requests WHERE id = $2"; }

# --- 取扱規程 第7条: a correction notified by the member's family counts as the member's
expect_exit 0 as clerk1 request add --kind correction --member 20000001 --content "メールアドレスの訂正" \
    --notifier family --agent "髙橋 花子" --identity drivers_license       # 1
[ "$(field "notifier || ' ' || agent || ' ' || identity || ' [' || agent_proof || ']'" 1)" = \
  "family 髙橋 花子 drivers_license []" ] || fail "who notified is not recorded"
expect_exit 0 as clerk1 request show 1
has "$TMP/out" "notifier        family (家族)"
expect_exit 0 as clerk1 request decide 1 --decision full --set email=new@example.jp
[ "$(sqlite3 "$MEIBO_DB" "SELECT email FROM members WHERE member_no = '20000001'")" = new@example.jp ] ||
    fail "the family's correction was not made"
expect_exit 0 as clerk1 request print 1 --format text
has "$TMP/out" "（ご家族　髙橋 花子　様）"
hasnt "$TMP/out" "代理人"
# 取扱規程 第8条: a deletion notified by the facility's staff, no 委任状 either
expect_exit 0 as clerk1 request add --kind deletion --member 20000001 --content "自宅住所の削除" \
    --notifier facility_staff --agent "架空大学病院 事務 山田" --identity in_person   # 2
expect_exit 0 as clerk1 request decide 2 --decision full --set home_address= --set postal_code=
[ "$(sqlite3 "$MEIBO_DB" "SELECT home_address FROM members WHERE member_no = '20000001'")" = "" ] ||
    fail "the staff's deletion was not made"
# family and staff need their name; they count as the member only for corrections and deletions
expect_exit 1 as clerk1 request add --kind correction --member 20000001 --content x --notifier family \
    --identity in_person
has "$TMP/err" "agent: the name of the family member who notified is required"
expect_exit 1 as clerk1 request add --kind disclosure --member 20000001 --notifier family \
    --agent "髙橋 花子" --identity in_person
has "$TMP/err" "count as the member only for a correction or deletion (取扱規程 第7–8条)"
expect_exit 1 as clerk1 request add --kind correction --member 20000001 --content x --notifier family \
    --agent "髙橋 花子" --agent-proof 委任状 --identity in_person
has "$TMP/err" "family and facility staff need none"
expect_exit 1 as clerk1 request add --kind correction --member 20000001 --content x --notifier uncle \
    --identity in_person
has "$TMP/err" "notifier: 'uncle' is not self, family, facility_staff or agent"
# an agent other than those still needs the proof of agency (第22条第1項)
expect_exit 0 as clerk1 request add --kind correction --member 20000001 --content "氏名の訂正" \
    --agent "弁護士 甲" --identity in_person                                  # 3
[ "$(field notifier 3)" = agent ] || fail "an agent is not recorded as an agent"
expect_exit 1 as clerk1 request decide 3 --decision full --set name_en=Ichiro
has "$TMP/err" "made by an agent without a proof of agency"

# --- 第23条第2項: a suspension stops the society's own use too (left out of its sheets)
recipient 本会理事会 meeting >/dev/null
expect_exit 0 as clerk1 export preview --purpose officers --recipient 本会理事会
has_word "$TMP/out" "included        2"
hasnt "$TMP/out" "利用停止"
expect_exit 0 as clerk1 request add --kind suspension --member 20000002 --identity in_person \
    --document 停止-2026-001                                                 # 4
expect_exit 0 as clerk1 request decide 4 --decision full
expect_exit 0 as clerk1 export preview --purpose officers --recipient 本会理事会
has_word "$TMP/out" "included        1"
has "$TMP/out" "利用停止により除外 1名 (第23条第2項)"
expect_exit 0 as clerk1 export preview --purpose officers --recipient 本会理事会 --json
has_word "$TMP/out" '"suspended":1'
has "$TMP/out" '"reason":"suspended","article":"第23条第2項"'
# and provision to third parties stops (第20条第5項 through the opt-out it records)
expect_exit 0 as clerk1 inquiry decide --requester 山田太郎 --organization 日本架空学会 \
    --category member --purpose society_business --items d --identity verified --member 20000002 --json
has "$TMP/out" '"code":"opted_out","article":"第20条第5項"'

# --- 第22条第2項: a disclosure request from someone not in the registry is recorded against the
# person and answered that no such data is held, with the same due date and notice
expect_exit 1 as clerk1 request add --kind correction --name "山田 太郎" --address 東京都港区芝1-1 \
    --content x --identity drivers_license
has "$TMP/err" "only a disclosure request is recorded for a person the registry does not hold (第22条第2項)"
expect_exit 0 as clerk1 request add --kind disclosure --name "山田 太郎" --address 東京都港区芝1-1 \
    --identity drivers_license --received 2026-11-20                          # 5
[ "$(field "coalesce(member_id, 'NULL') || ' [' || member_no || '] ' || requester_name || ' ' || due_on" 5)" = \
  "NULL [] 山田 太郎 2026-12-04" ] || fail "the non-member's request is not recorded with the usual due date"
expect_exit 0 as clerk1 request list --due --within 14
has_word "$TMP/out" "$(printf '5\treceived\t2026-12-04')"
expect_exit 0 as clerk1 request show 5 --json
has "$TMP/out" '"member_no":null,'; has "$TMP/out" '"requester_name":"山田 太郎","requester_address":"東京都港区芝1-1","held":false'
expect_exit 1 as kanri request decide 5 --decision partial --reason harm --note x
has "$TMP/err" "there is nothing to withhold"
expect_exit 0 as clerk1 request decide 5 --decision full
expect_exit 1 as clerk1 request complete 5
has "$TMP/err" "第22条第5項"
expect_exit 0 as clerk1 request print 5 --format text
cp "$TMP/out" "$TMP/request-nodata.txt"
has "$TMP/out" "保有個人データ開示請求に対する回答書"
has "$TMP/out" "本会には、あなたを識別することができる保有個人データはありません（本会個人情報保護規程第22条第2項）"
has "$TMP/out" "山田 太郎　様"
expect_exit 0 as clerk1 request print 5 --out "$TMP/request-nodata.pdf"
golden_letter request-nodata
expect_exit 0 as clerk1 request complete 5
# a person who is a member (name and home address match) is linked to the member
add member_no=20000003 family_name=鈴木 given_name=三郎 family_kana=スズキ given_kana=サブロウ \
    home_address=東京都新宿区西新宿1-1
expect_exit 0 as clerk1 request add --kind disclosure --name "鈴木　三郎" --address 東京都新宿区西新宿1-1 \
    --identity passport                                                       # 6
[ "$(field "member_no || ' ' || requester_name" 6)" = "20000003 鈴木 三郎" ] ||
    fail "the person was not linked to the member who matches"
# a name alone links no one
expect_exit 0 as clerk1 request add --kind disclosure --name "鈴木 三郎" --identity passport   # 7
[ "$(field "coalesce(member_id, 'NULL')" 7)" = "NULL" ] || fail "a name alone linked a member"
