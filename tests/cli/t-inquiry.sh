# Third-party inquiries (規程 第19–22条, 取扱規程 第5–6条): decide (what-if), record, hold for the
# chief officer, approve or deny, the provision record, the deny-list and policy versions.
. "$TOP/tests/cli-lib.sh"
setup

member() { as clerk1 member add joined_on=2010-04-01 "$@" >/dev/null; }
member member_no=20000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ given_kana=イチロウ \
       birth_date=1975-05-05 facility_name=架空大学病院
member member_no=20000002 family_name=高橋 given_name=一郎 family_kana=タカハシ given_kana=イチロウ \
       birth_date=1980-01-01 facility_name=架空市民病院
member member_no=20000003 family_name=佐藤 given_name=花子 family_kana=サトウ given_kana=ハナコ \
       birth_date=1970-02-02 optout_on=2015-06-01
member member_no=20000004 family_name=鈴木 given_name=次郎 family_kana=スズキ given_kana=ジロウ \
       birth_date=1960-03-03 status=withdrawn withdrawn_on=2020-03-31

inquiries() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM inquiries"; }
req() { as clerk1 inquiry "$@" --requester 山田太郎 --organization 日本架空学会; }

# --- inquiry decide: the JSON contract (DESIGN.md "Command line"); a what-if records nothing.
# 第20条第1項: item a serves an enrollment check, item d does not; paper to an academic society
# waits for its pledge (取扱規程 第6条).
expect_exit 0 req decide --member 20000001 --category academic --purpose enrollment_check \
    --items a,d --identity verified --json
has "$TMP/out" '{"outcome":"hold","items":{"a":"provide","d":"withhold"},"reasons":['
has "$TMP/out" '{"code":"item_purpose_mismatch","article":"第20条第1項(d)"'
has "$TMP/out" '{"code":"pledge_required","article":"取扱規程 第6条"'
has "$TMP/out" '"policy_version":1'
has "$TMP/out" '"hold":["pledge"]'
[ "$(inquiries)" -eq 0 ] || fail "inquiry decide recorded an inquiry"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'inquiry.decide' AND member_no = '20000001'")" -eq 1 ] ||
    fail "the what-if's access to the member was not audited (取扱規程 第35条)"

# --- 第20条第4項(b)(c): forbidden requesters are refused before any member lookup.
for cat in commercial investigator press; do
    expect_exit 0 req decide --member 20000001 --category $cat --purpose enrollment_check --items a \
        --identity verified --json
    has "$TMP/out" '"outcome":"refuse"'
    has "$TMP/out" '"member_no":null,"member_looked_up":false'
done
has "$TMP/out" '"article":"第20条第4項(c)"'
# 第20条第4項(a): identity, origin or purpose not made clear
expect_exit 0 req decide --member 20000001 --category academic --purpose enrollment_check --items a \
    --identity unverified
has "$TMP/out" "unverified  第20条第4項(a)"
has "$TMP/out" "(not looked up)"

# --- bad input: usage errors exit 2, refused values exit 1 with the field named
expect_exit 2 req decide --member 20000001 --category academic --purpose enrollment_check --items a
has "$TMP/err" "--identity"
expect_exit 1 req decide --member 20000001 --category tabloid --purpose enrollment_check --items a \
    --identity verified
has "$TMP/err" "category: 'tabloid' is not a recipient category"
expect_exit 1 req decide --member 20000001 --category academic --purpose enrollment_check --items a,g \
    --identity verified
has "$TMP/err" "items:"
expect_exit 1 req decide --member 20000001 --category academic --purpose enrollment_check --items a \
    --identity verified --legal-basis 民法
has "$TMP/err" "legal_basis:"
expect_exit 2 as clerk1 inquiry add --member 20000001 --category academic --purpose enrollment_check \
    --items a --identity verified
has "$TMP/err" "--requester"

# --- the member by name: several members are refused until narrowed (variant kanji fold 髙→高)
expect_exit 1 req decide --name "高橋 一郎" --category academic --purpose enrollment_check --items a \
    --identity verified
has "$TMP/err" "2 members match '高橋 一郎'"
has "$TMP/err" "narrow it with the birth date or the facility"
expect_exit 0 req decide --name 高橋一郎 --birth-date S50.5.5 --category academic \
    --purpose enrollment_check --items a --identity verified --json
has "$TMP/out" '"member_no":"20000001"'
expect_exit 0 req decide --name 高橋一郎 --facility 市民病院 --category academic \
    --purpose enrollment_check --items a --identity verified --json
has "$TMP/out" '"member_no":"20000002"'
# 第20条第3項: a permitted requester may learn that nobody by that name is registered
expect_exit 0 req decide --name 山本五郎 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '"outcome":"not_found"'

# --- 第20条第5項: the opt-out refuses an academic society; a police inquiry citing its statute
# (但し書, (f)(g)(h)) is provided and its provision flagged as legal-basis (第19条第1項第1号).
expect_exit 0 req add --member 20000003 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '{"code":"opted_out","article":"第20条第5項"'
has "$TMP/out" '"status":"decided"'
expect_exit 0 as clerk1 inquiry add --member 20000003 --category police --purpose enrollment_check \
    --items a --identity verified --identity-check 警察手帳・照会書 --requester 巡査部長甲 \
    --organization 架空県警察本部 --legal-basis 刑事訴訟法第197条第2項 --json
has "$TMP/out" '"outcome":"provide"'
has "$TMP/out" '{"code":"optout_legal_basis","article":"第20条第5項"'
has "$TMP/out" '"legal_basis":true'
expect_exit 0 as clerk1 provision list --member 20000003 --json
has "$TMP/out" '"recipient":"架空県警察本部"'
has "$TMP/out" '"legal_basis":true'
has "$TMP/out" '"retention_until":"2029-11-21"'
has "$TMP/out" '刑事訴訟法第197条第2項'

# --- 第20条第2項: a telephone answer waits for the chief officer, who approves with a comment
expect_exit 0 as clerk1 inquiry add --member 20000001 --category family --purpose society_business \
    --items d --identity verified --identity-check 戸籍謄本 --method other --channel phone \
    --requester 髙橋花子 --json
has "$TMP/out" '"outcome":"hold"'
has "$TMP/out" '{"code":"method_not_written","article":"第20条第2項"'
id=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
expect_exit 0 as clerk1 inquiry list --status pending
has "$TMP/out" "$id	2026-11-21	pending	hold	family	髙橋花子	20000001"
expect_exit 1 as clerk1 inquiry approve "$id" --comment 了承
has "$TMP/err" "needs the chief role"
expect_exit 2 as kanri inquiry approve "$id"
expect_exit 0 as kanri inquiry approve "$id" --comment "本人の家族、緊急連絡のため電話で回答"
has "$TMP/out" "inquiry $id approved"
has "$TMP/out" "chief_approved  第20条第2項"
expect_exit 1 as kanri inquiry approve "$id" --comment again
has "$TMP/err" "is approved, not waiting for approval"
expect_exit 0 as clerk1 inquiry show "$id" --json
has "$TMP/out" '"kind":"initial"'
has "$TMP/out" '"kind":"approve","outcome":"provide"'
has "$TMP/out" '"decided_by":"kanri","decided_role":"chief"'
has "$TMP/out" '"comment":"本人の家族、緊急連絡のため電話で回答"'
expect_exit 0 as clerk1 provision list --member 20000001
has "$TMP/out" "個人情報総責任者 kanri 承認"

# ... or denies it: nothing is provided
expect_exit 0 as clerk1 inquiry add --member 20000001 --category colleague --purpose society_business \
    --items f --identity verified --method other --requester 同僚乙 --organization 架空大学病院
id=$(sed -n 's/^inquiry \([0-9]*\) pending$/\1/p' "$TMP/out")
expect_exit 0 as kanri inquiry deny "$id" --comment "書面での照会を求める"
has "$TMP/out" "inquiry $id denied"
has "$TMP/out" "chief_denied  第20条第2項"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id = $id")" -eq 0 ] ||
    fail "a denied inquiry was provided"

# --- a former member (退会): the chief officer decides
expect_exit 0 req add --member 20000004 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '{"code":"former_member","article":"第20条"'

# --- 第19条第1項第2号: an emergency claim about an opted-out member goes to the chief officer
expect_exit 0 req decide --member 20000003 --category colleague --purpose society_business --items e \
    --identity verified --emergency --json
has "$TMP/out" '"outcome":"hold"'
has "$TMP/out" '"article":"第19条第1項第2号, 第20条第5項"'

# --- 第20条第4項(d): the chief officer's deny-list
expect_exit 1 as clerk1 denylist add --organization 日本架空学会 --reason 虚偽の照会
has "$TMP/err" "needs the chief role"
expect_exit 0 as kanri denylist add --organization 日本架空学会 --reason 虚偽の照会 --date R8.11.1
expect_exit 0 req decide --member 20000001 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '{"code":"deny_listed","article":"第20条第4項(d)"'
has "$TMP/out" '"member_looked_up":false'
expect_exit 0 as clerk1 denylist list --json
has "$TMP/out" '"organization":"日本架空学会","reason":"虚偽の照会","listed_on":"2026-11-01"'
expect_exit 0 as kanri denylist remove 1 --reason 誤登録
expect_exit 0 as clerk1 denylist list
[ ! -s "$TMP/out" ] || fail "a removed entry is still listed"

# --- policy as data: the chief officer's edit makes version 2, which decisions then record
expect_exit 0 as clerk1 policy show --json
has "$TMP/out" '{"code":"academic","permitted":true,"legal_basis":false,"pledge_required":true,"article":"第20条第3項(e)"'
has "$TMP/out" '{"code":"enrollment_check","scope":"external","items":"a","article":"第20条第1項(a)"'
expect_exit 1 as mgr policy edit category academic --pledge-required no --note 理事会決定
has "$TMP/err" "needs the chief role"
expect_exit 0 as kanri policy edit category academic --pledge-required no --note "理事会決定 (2026-11-20)"
has "$TMP/out" "policy version 2 in force"
expect_exit 0 req decide --member 20000001 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '"outcome":"provide"'
has "$TMP/out" '"policy_version":2'
expect_exit 0 as clerk1 policy history
has "$TMP/out" "2	2026-11-21 10:00:00	kanri	理事会決定 (2026-11-20)"
expect_exit 0 as clerk1 policy show --version 1 --json
has "$TMP/out" '{"code":"academic","permitted":true,"legal_basis":false,"pledge_required":true'
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'policy.edit' AND user_login = 'kanri'")" -eq 1 ] ||
    fail "the policy edit was not audited"

# --- the letters (tests/cli/t-letters.sh) need the society's name and contact from meibo.conf
expect_exit 1 as clerk1 inquiry print 1
has "$TMP/err" "meibo.conf: society_name is not set"
