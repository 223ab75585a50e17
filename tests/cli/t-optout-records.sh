# Opt-outs are made and withdrawn only by their records (規程 第20条第5項: 本人からの書面による申請):
# the member's optout_on is derived from them, never set as a field (member edit, member add,
# import); an import's dates become records with the file and line as source; a telephone
# request stops provision at once as a protective interim measure, marked 書面待ち with no
# document number made up, its letter asking for the written application printable (golden),
# and the written application recorded against it when it arrives; a rights request by
# telephone does the same. The inquiry decision reads the derived state.
. "$TOP/tests/cli-lib.sh"
setup
letter_setup
add() { as clerk1 member add joined_on=2010-04-01 "$@" >/dev/null; }
add member_no=20000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ given_kana=イチロウ \
    postal_code=113-0033 home_address=東京都文京区本郷1-1-1
add member_no=20000002 family_name=佐藤 given_name=花子 family_kana=サトウ given_kana=ハナコ \
    postal_code=150-0001 home_address=東京都渋谷区神宮前1-1-1
recipient 日本架空学会 academic >/dev/null
as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --received 2026-11-01 \
    --media paper --purposes enrollment_check --items a --valid-until 2027-10-31 \
    --document 誓-2026-014 >/dev/null
rows() { sqlite3 "$MEIBO_DB" "$1"; }
academic() {
    as clerk1 inquiry decide --requester 山田太郎 --organization 日本架空学会 --category academic \
        --purpose enrollment_check --items a --identity verified --member "$1" --json
}

# --- 第20条第5項: member edit NO optout_on= does not lift an opt-out (no written withdrawal)
expect_exit 0 as clerk1 optout add 20000001 --document 停-2026-001 --received 2026-11-10
expect_exit 1 as clerk1 member edit 20000001 optout_on=
has "$TMP/err" "optout_on (第三者提供停止申出日): an opt-out is made and withdrawn only by its records"
has "$TMP/err" "meibo optout withdraw 20000001 --document DOC (the written withdrawal) (第20条第5項)"
[ "$(rows "SELECT count(*) FROM member_optouts WHERE withdrawn_on IS NULL")" -eq 1 ] ||
    fail "member edit lifted the opt-out without a written withdrawal"
expect_exit 0 academic 20000001                    # the next inquiry is still refused
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" '"code":"opted_out","article":"第20条第5項"'
# nor re-dated, nor made by an edit
expect_exit 1 as clerk1 member edit 20000001 optout_on=2026-11-01
has "$TMP/err" "optout_on"
expect_exit 1 as clerk1 member edit 20000002 optout_on=2026-11-01
has "$TMP/err" "meibo optout add 20000002 --document DOC"
[ "$(rows "SELECT count(*) FROM member_optouts")" -eq 1 ] || fail "member edit made an opt-out"
# an edit of other fields keeps it (the derived value passes through unchanged)
expect_exit 0 as clerk1 member edit 20000001 branch=関東甲信越
[ "$(rows "SELECT count(*) FROM member_optouts WHERE withdrawn_on IS NULL")" -eq 1 ] ||
    fail "an unrelated edit touched the opt-out"

# --- member add optout_on=… makes no opt-out without a document
expect_exit 1 as clerk1 member add member_no=20000009 joined_on=2010-04-01 family_name=田中 \
    given_name=三郎 family_kana=タナカ given_kana=サブロウ optout_on=2015-06-01
has "$TMP/err" "meibo optout add 20000009 --document DOC"
[ "$(rows "SELECT count(*) FROM members WHERE member_no = '20000009'")" -eq 0 ] ||
    fail "a member was added with an opt-out field"

# --- an import's opt-out dates become records with the file and line as their source
cat > "$TMP/members.csv" <<'CSV'
member_no,joined_on,family_name,given_name,family_kana,given_kana,optout_on
20000010,2010-04-01,鈴木,次郎,スズキ,ジロウ,
20000011,2010-04-01,山本,五郎,ヤマモト,ゴロウ,2016-05-10
CSV
expect_exit 0 as clerk1 import "$TMP/members.csv" --dry-run
has_word "$TMP/out" "1 opt-out would be recorded from column optout_on, each with this file and its line as source (第20条第5項"
[ "$(rows "SELECT count(*) FROM member_optouts")" -eq 1 ] || fail "a dry run recorded an opt-out"
expect_exit 0 as clerk1 import "$TMP/members.csv"
has "$TMP/out" "$TMP/members.csv: 1 opt-out recorded from column optout_on, each with this file and its line as source (第20条第5項; see: meibo optout list)"
[ "$(rows "SELECT o.channel || ' ' || o.source || ' ' || o.received_on || ' [' || o.document_no || '] ' || o.recorded_by FROM member_optouts o JOIN members m ON m.id = o.member_id WHERE m.member_no = '20000011'")" = \
  "import $TMP/members.csv:3 2016-05-10 [] clerk1" ] || fail "the imported opt-out does not name its file and line"
expect_exit 0 as clerk1 optout show 2
has "$TMP/out" "channel         import (取込)"
has_word "$TMP/out" "source          $TMP/members.csv:3"
expect_exit 0 academic 20000011
has "$TMP/out" '"outcome":"refuse"'
[ "$(rows "SELECT count(*) FROM audit_log WHERE action = 'import' AND detail LIKE '%optouts=1'")" -eq 1 ] ||
    fail "the import's audit row does not count its opt-outs"

# --- a telephone request: provision stops at once, 書面待ち, no document number made up
expect_exit 0 academic 20000002
has "$TMP/out" '"outcome":"provide"'
expect_exit 2 as clerk1 optout phone 20000002 --document 停-1
has "$TMP/err" "a telephone request has no document"
expect_exit 0 as clerk1 optout phone 20000002 --received 2026-11-20
has "$TMP/out" "recorded opt-out 3 (telephone, interim: awaiting the written application, 書面待ち)"
[ "$(rows "SELECT channel || ' [' || document_no || '] ' || coalesce(written_on, 'NULL') FROM member_optouts WHERE id = 3")" = \
  "phone [] NULL" ] || fail "the telephone request was stored as a written application"
expect_exit 0 academic 20000002                    # stopped at once (protective interim measure)
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" '"code":"opted_out","article":"第20条第5項"'
expect_exit 0 as clerk1 optout list
has_word "$TMP/out" "$(printf '3\tinterim(書面待ち)\t2026-11-20\t20000002\t佐藤 花子\t-')"
expect_exit 0 as clerk1 optout show 3 --json
has "$TMP/out" '"channel":"phone","source":"","awaiting_written":true,"written_on":null'
# the letter asking for the written application (golden text; the PDF holds the same text)
expect_exit 0 as clerk1 optout print 3 --format text
cp "$TMP/out" "$TMP/optout-request.txt"
has "$TMP/out" "第三者提供の停止のお申出について（書面によるお申出のお願い）"
has "$TMP/out" "本会個人情報保護規程第20条第5項は、提供の停止を「本人からの書面による申請に基づき」行う"
has "$TMP/out" "受付番号　第3号（書面待ち）"
hasnt "$TMP/out" "文書番号"
expect_exit 0 as clerk1 optout print 3 --out "$TMP/optout-request.pdf"
has "$TMP/out" "opt-out 3: optout-request letter written to $TMP/optout-request.pdf"
golden_letter optout-request
[ "$(rows "SELECT count(*) FROM audit_log WHERE action = 'optout.print' AND detail LIKE '%letter=optout-request%'")" -eq 2 ] ||
    fail "printing the request letter was not audited"
# the written application arrives: recorded against the interim record
expect_exit 2 as clerk1 optout written 3
has "$TMP/err" "--document DOC"
expect_exit 1 as clerk1 optout written 3 --document 停-2026-004 --received 2026-11-19
has "$TMP/err" "before the telephone request (2026-11-20)"
expect_exit 1 as clerk1 optout written 1 --document 停-2026-004
has "$TMP/err" "opt-out 1 is not a telephone request awaiting its written application"
expect_exit 0 as clerk1 optout written 3 --document 停-2026-004
has "$TMP/out" "opt-out 3: the written application is recorded"
[ "$(rows "SELECT channel || ' ' || document_no || ' ' || written_on || ' ' || written_by || ' ' || received_on FROM member_optouts WHERE id = 3")" = \
  "phone 停-2026-004 2026-11-21 clerk1 2026-11-20" ] || fail "the written application is not on the interim record"
expect_exit 1 as clerk1 optout written 3 --document 停-2026-005
has "$TMP/err" "its written application is recorded already"
expect_exit 0 as clerk1 optout print 3 --format text       # now the acknowledgment
has "$TMP/out" "第三者提供の停止のお申出について（通知）"
has_word "$TMP/out" "お申出書の文書番号　停-2026-004"
[ "$(rows "SELECT count(*) FROM audit_log WHERE action = 'optout.written' AND member_no = '20000002'")" -eq 1 ] ||
    fail "the written application was not audited"
# the withdrawal needs its written withdrawal (document)
expect_exit 2 as clerk1 optout withdraw 20000002
has "$TMP/err" "--document DOC"

# --- a stop-of-provision rights request by telephone: interim, not a made-up "請求N" number
as clerk1 request add --kind stop_provision --member 20000010 --channel phone \
    --identity registered_address >/dev/null
expect_exit 0 as clerk1 request decide 1 --decision full
[ "$(rows "SELECT o.channel || ' [' || o.document_no || '] ' || coalesce(o.written_on, 'NULL') || ' ' || o.request_id FROM member_optouts o JOIN rights_requests r ON r.optout_id = o.id WHERE r.id = 1")" = \
  "phone [] NULL 1" ] || fail "a telephone request was recorded as a written application"
[ "$(rows "SELECT count(*) FROM member_optouts WHERE document_no LIKE '請求%'")" -eq 0 ] ||
    fail "a document number was made up"
expect_exit 0 academic 20000010
has "$TMP/out" '"outcome":"refuse"'
