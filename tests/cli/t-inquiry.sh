# Third-party inquiries (規程 第19–22条, 取扱規程 第5–6条): decide (what-if), record, hold for the
# chief officer, approve or deny, the provision record, the deny-list and policy versions.
. "$TOP/tests/cli-lib.sh"
setup
recipient 日本架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)

member() { as clerk1 member add joined_on=2010-04-01 "$@" >/dev/null; }
member member_no=20000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ given_kana=イチロウ \
       birth_date=1975-05-05 facility_name=架空大学病院
member member_no=20000002 family_name=高橋 given_name=一郎 family_kana=タカハシ given_kana=イチロウ \
       birth_date=1980-01-01 facility_name=架空市民病院
member member_no=20000003 family_name=佐藤 given_name=花子 family_kana=サトウ given_kana=ハナコ \
       birth_date=1970-02-02
# her written application to stop provision (第20条第5項): the opt-out record, not a field
as clerk1 optout add 20000003 --document 停-2015-001 --received 2015-06-01 >/dev/null
member member_no=20000004 family_name=鈴木 given_name=次郎 family_kana=スズキ given_kana=ジロウ \
       birth_date=1960-03-03 status=withdrawn withdrawn_on=2020-03-31

inquiries() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM inquiries"; }
req() { as clerk1 inquiry "$@" --requester 山田太郎 --organization 日本架空学会; }

# --- inquiry decide: the JSON contract (docs/ARCHITECTURE.md "Command line"); a what-if records nothing.
# 第20条第1項: item a serves an enrollment check, item d does not; paper to an academic society
# waits for its pledge (取扱規程 第6条).
expect_exit 0 req decide --member 20000001 --category academic --purpose enrollment_check \
    --items a,d --identity verified --json
has "$TMP/out" '{"outcome":"hold","items":{"a":"provide","d":"withhold"},"reasons":['
has "$TMP/out" '{"code":"item_purpose_mismatch","article":"第20条第1項(d)"'
has "$TMP/out" '{"code":"pledge_required","article":"取扱規程 第6条"'
has_word "$TMP/out" '"policy_version":1'
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
# a statute is its own ground (第19条第1項第1号): no 第20条第1項 purpose beside it, and its
# written request (照会書) is named
expect_exit 1 req decide --member 20000001 --category police --purpose enrollment_check --items a \
    --identity verified --legal-basis 刑事訴訟法第197条第2項 --legal-document 架県刑第1号
has "$TMP/err" "purpose: a request under a statute (第19条第1項第1号) rests on it"
expect_exit 1 req decide --member 20000001 --category police --items a \
    --identity verified --legal-basis 刑事訴訟法第197条第2項
has "$TMP/err" "legal_document:"
expect_exit 1 req decide --member 20000001 --category colleague --purpose society_business --items e \
    --identity verified --emergency
has "$TMP/err" "purpose: a request in an emergency (第19条第1項第2号) rests on it"
expect_exit 2 as clerk1 inquiry add --member 20000001 --category academic --purpose enrollment_check \
    --items a --identity verified
has "$TMP/err" "--requester"

# --- the member by name: several members are refused until narrowed (variant kanji fold 髙→高)
expect_exit 1 req decide --name "高橋 一郎" --category academic --purpose enrollment_check --items a \
    --identity verified
has_word "$TMP/err" "2 members match '高橋 一郎'"
has "$TMP/err" "narrow it with the birth date or the facility"
expect_exit 0 req decide --name 高橋一郎 --birth-date S50.5.5 --category academic \
    --purpose enrollment_check --items a --identity verified --json
has "$TMP/out" '"member_no":"20000001"'
expect_exit 0 req decide --name 高橋一郎 --facility 市民病院 --category academic \
    --purpose enrollment_check --items a --identity verified --json
has "$TMP/out" '"member_no":"20000002"'
# 第20条第3項: a permitted requester may learn that nobody by that name is registered only once
# nothing more is asked of it: until its pledge is on file it waits for it, like for a member
expect_exit 0 req decide --name 山本五郎 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '"outcome":"hold"'
has "$TMP/out" '"hold":["pledge"]'

# --- 第20条第5項: the opt-out refuses an academic society (once its pledge is on file: until
# then it waits for the pledge like any other request of its, see below)
as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --received 2026-11-01 --media paper \
    --purposes enrollment_check --items a --valid-until 2027-10-31 --document 誓-1 >/dev/null
expect_exit 0 req decide --name 山本五郎 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '"outcome":"not_found"'
expect_exit 0 req add --member 20000003 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '{"code":"opted_out","article":"第20条第5項"'
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" '"status":"decided"'
# A police inquiry under a statute (規程 第19条第1項第1号) is a ground of its own: no purpose of
# 第20条第1項, the items its 照会書 names (here the home address, which no purpose gives the
# police), held for the chief officer's decision; the opt-out does not bind it (第20条第5項
# 但し書); paper needs no pledge (取扱規程 第6条 is for provision in the society's business).
expect_exit 0 as clerk1 inquiry add --member 20000003 --category police --items a,e \
    --identity verified --identity-check 警察手帳・照会書 --requester 巡査部長甲 \
    --organization 架空県警察本部 --legal-basis 刑事訴訟法第197条第2項 \
    --contact "〒100-0009 東京都千代田区架空10-10" \
    --legal-document "架県刑第123号 (令和8年11月20日)" --json
has "$TMP/out" '"outcome":"hold","items":{"a":"provide","e":"provide"}'
has "$TMP/out" '{"code":"legal_basis","article":"第19条第1項第1号"'
has "$TMP/out" '{"code":"pledge_not_required","article":"取扱規程 第6条, 第19条第1項第1号"'
has "$TMP/out" '"hold":["chief"]'
has "$TMP/out" '"ground":"statute"'
hasnt "$TMP/out" 'item_purpose'
id=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
[ "$(sqlite3 "$MEIBO_DB" "SELECT purpose || '|' || legal_document FROM inquiries WHERE id = $id")" = \
  "|架県刑第123号 (令和8年11月20日)" ] || fail "the statute's 照会書 was not recorded"
expect_exit 0 as kanri inquiry approve "$id" --comment "捜査関係事項照会に回答する" --json
has "$TMP/out" '"outcome":"provide"'
has "$TMP/out" '{"code":"optout_legal_basis","article":"第20条第5項"'
has "$TMP/out" '{"code":"chief_approved","article":"第19条第1項第1号"'
has "$TMP/out" '"legal_basis":true'
# the record of provision is written when the answer goes out, not when it is decided (issue 14)
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id = $id")" -eq 0 ] ||
    fail "a provision was recorded before the answer went out"
printf '%s\n' "society_name = 架空循環器学会" "secretariat_contact = 東京都千代田区架空1-1" > "$TMP/letters.conf"
expect_exit 0 as clerk1 --config "$TMP/letters.conf" inquiry print "$id" --out "$TMP/answer-$id.pdf"
expect_exit 0 as clerk1 provision list --member 20000003 --json
has "$TMP/out" '"recipient":"架空県警察本部"'
has "$TMP/out" '"items":"a,e"'
has "$TMP/out" '"legal_basis":true'
has "$TMP/out" '"retention_until":"2029-11-21"'
has "$TMP/out" '"basis":"第19条第1項第1号 法令に基づく提供: 刑事訴訟法第197条第2項 (照会書 架県刑第123号 (令和8年11月20日))'

# --- 第20条第1項: every inquiry is recorded and decided. A purpose that is not one of 第20条第1項's
# (sales, free text) and a forbidden requester citing a statute (第20条第4項(b)) are refused, on
# file, not command errors.
for p in sales 新商品のご案内のため; do
    expect_exit 0 req add --member 20000001 --category academic --purpose "$p" --items d \
        --identity verified --json
    has "$TMP/out" '"outcome":"refuse"'
    has "$TMP/out" '{"code":"purpose_not_listed","article":"第20条第1項"'
    has "$TMP/out" '"member_no":null,"member_looked_up":false'
    has "$TMP/out" '"status":"decided"'
done
expect_exit 0 as clerk1 inquiry add --member 20000001 --category commercial --items e \
    --identity verified --requester 営業部長 --organization 架空名簿株式会社 \
    --legal-basis 個人情報保護法 --legal-document "第1号" --json
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" '{"code":"forbidden_category","article":"第20条第4項(b)"'
has "$TMP/out" '"status":"decided"'
# a statute cited by a category other than (f)(g)(h): refused, on file
expect_exit 0 req add --member 20000001 --category academic --items e --identity verified \
    --legal-basis 民法 --legal-document 第2号 --json
has "$TMP/out" '{"code":"legal_basis_category","article":"第20条第3項(f)(g)(h), 第20条第5項"'
has "$TMP/out" '"status":"decided"'

# --- 第20条第1項: purposes have a scope. The society's own business is not a colleague's at the
# member's hospital (c); greetings are sent by 本会会員や他団体, not by a family member (b).
expect_exit 0 as clerk1 inquiry add --member 20000001 --category colleague --purpose society_business \
    --items f --identity verified --requester 同僚乙 --organization 架空大学病院 --json
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" '{"code":"purpose_scope","article":"第20条第1項(d)(e)(f)"'
has "$TMP/out" '"member_looked_up":false'
expect_exit 0 req decide --member 20000001 --category family --purpose greetings_notices --items d \
    --identity verified --json
has "$TMP/out" '{"code":"purpose_scope","article":"第20条第1項(d)(e)(f)"'
expect_exit 0 req decide --member 20000001 --category academic --purpose society_business --items d \
    --identity verified --json
has "$TMP/out" '"code":"purpose_scope"'
has "$TMP/out" '本会が実施する事業のための利用目的です'
# a committee member (d) may ask under it
expect_exit 0 req decide --member 20000001 --category member --purpose society_business --items d \
    --identity verified --json
has "$TMP/out" '{"code":"item_purpose","article":"第20条第1項(d)"'
expect_exit 0 as clerk1 policy show --json
has "$TMP/out" '"code":"society_business","scope":"internal","items":"d,e,f","article":"第20条第1項(d)(e)(f)","text":"役員及び委員会の業務や会合情報周知等の本会が実施する事業で必要となる場合","categories":"member"'

# who may use a purpose is the chief officer's policy data: a new version, audited
expect_exit 1 as kanri policy edit purpose greetings_notices --categories member,self --note x
has "$TMP/err" "categories: 'self' is not a permitted third-party category"
expect_exit 1 as kanri policy edit purpose greetings_notices --categories member,press --note x
has "$TMP/err" "categories:"
expect_exit 0 as kanri policy edit purpose greetings_notices \
    --categories family,member,academic,government,agency,patient_group --note "理事会決定: 家族の挨拶状"
expect_exit 0 req decide --member 20000001 --category family --purpose greetings_notices --items d \
    --identity verified --json
has "$TMP/out" '{"code":"item_purpose","article":"第20条第1項(d)"'
has_word "$TMP/out" '"policy_version":2'
[ "$(sqlite3 "$MEIBO_DB" "SELECT article FROM policy_purpose_categories WHERE version = 2 AND purpose = 'greetings_notices' AND category = 'family'")" = \
  "第20条第1項(d)(e)(f); 第20条第3項(b)" ] || fail "the new row does not cite its articles"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM policy_purpose_categories WHERE version = 2")" -eq 17 ] ||
    fail "the other purposes' rows were not copied into version 2"

# --- 第20条第3項 and 第20条第5項: the same requester gets the same next step whether the person
# is a member, has opted out, or is nobody: decided before the member is consulted.
for no in 20000001 20000003 99999999; do
    expect_exit 0 as clerk1 inquiry decide --member $no --category patient_group \
        --purpose greetings_notices --items d --identity verified --requester 会長丙 \
        --organization 架空患者の会 --json
    has "$TMP/out" '"outcome":"hold","items":{"d":"provide"}'
    has "$TMP/out" '"hold":["pledge"]'
    expect_exit 0 as clerk1 inquiry decide --member $no --category patient_group \
        --purpose greetings_notices --items d --identity verified --requester 会長丙 \
        --organization 架空患者の会 --method other --json
    has "$TMP/out" '"outcome":"hold","items":{"d":"provide"}'
    has "$TMP/out" '"hold":["chief","pledge"]'
done

# --- 第20条第2項: a telephone answer waits for the chief officer's consent to the method, and that
# consent waives nothing else: the pledge of 取扱規程 第6条 is still asked for, and the chief
# cannot approve before it is on file.
expect_exit 0 as clerk1 inquiry add --member 20000001 --category member --purpose society_business \
    --items d --identity verified --identity-check 会員証 --method other --channel phone \
    --requester 委員甲 --json
has "$TMP/out" '"outcome":"hold"'
has "$TMP/out" '{"code":"method_not_written","article":"第20条第2項"'
has "$TMP/out" '{"code":"pledge_required","article":"取扱規程 第6条"'
has "$TMP/out" '"hold":["chief","pledge"]'
id=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
expect_exit 0 as clerk1 inquiry list --status pending
has_word "$TMP/out" "$id	2026-11-21	pending	hold	member	委員甲	20000001"
expect_exit 1 as clerk1 inquiry approve "$id" --comment 了承
has "$TMP/err" "needs the chief role"
expect_exit 2 as kanri inquiry approve "$id"
expect_exit 1 as kanri inquiry approve "$id" --comment "電話で回答"
has "$TMP/err" "still waits for a pledge (取扱規程 第6条"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id = $id")" -eq 0 ] ||
    fail "a telephone answer was provided without a pledge (取扱規程 第6条)"
as clerk1 recipient add --person 委員甲 --category member --identity 会員証で確認 >/dev/null
as mgr pledge add --recipient 委員甲 --signatory 委員甲 --received 2026-11-21 --media paper \
    --purposes society_business --items d --valid-until 2027-03-31 --document 誓-2 >/dev/null
expect_exit 0 as clerk1 inquiry show "$id" --json
has "$TMP/out" '"kind":"release","outcome":"hold","provided":"d","hold":"chief"'
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
# answered by telephone with the chief's consent (第20条第2項): marked given, then recorded
expect_exit 0 as clerk1 inquiry given "$id"
expect_exit 1 as clerk1 inquiry given "$id"
has "$TMP/err" "its provision is already recorded"
expect_exit 0 as clerk1 provision list --member 20000001
has "$TMP/out" "誓約書 #2 (取扱規程 第6条); 個人情報総責任者の承認"

# ... or denies it: nothing is provided
expect_exit 0 as clerk1 inquiry add --member 20000001 --category member --purpose society_business \
    --items d --identity verified --method other --requester 委員甲
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

# --- 第19条第1項第2号: an emergency is a ground of its own (no purpose of 第20条第1項); it goes to
# the chief officer, who sees the opt-out (第20条第5項) among the reasons
expect_exit 0 req decide --member 20000003 --category colleague --items e \
    --identity verified --emergency --json
has "$TMP/out" '"outcome":"hold","items":{"e":"provide"}'
has "$TMP/out" '{"code":"emergency","article":"第19条第1項第2号"'
has "$TMP/out" '{"code":"optout_emergency","article":"第19条第1項第2号, 第20条第5項"'
has "$TMP/out" '"hold":["chief"]'
has "$TMP/out" '"ground":"emergency"'

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
has "$TMP/out" "policy version 3 in force"
expect_exit 0 req decide --member 20000001 --category academic --purpose enrollment_check --items a \
    --identity verified --json
has "$TMP/out" '"outcome":"provide"'
has_word "$TMP/out" '"policy_version":3'
expect_exit 0 as clerk1 policy history
has_word "$TMP/out" "3	2026-11-21 10:00:00	kanri	理事会決定 (2026-11-20)"
expect_exit 0 as clerk1 policy show --version 1 --json
has "$TMP/out" '{"code":"academic","permitted":true,"legal_basis":false,"pledge_required":true'
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'policy.edit' AND user_login = 'kanri'")" -eq 2 ] ||
    fail "the policy edit was not audited"

# --- the letters (tests/cli/t-letters.sh) need the society's name and contact from meibo.conf
expect_exit 1 as clerk1 inquiry print 1
has "$TMP/err" "meibo.conf: society_name is not set"
