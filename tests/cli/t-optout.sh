# Opt-out intake (規程 第20条第5項): a member's written application to stop provision to third
# parties, recorded with its received date, document number and who recorded it, is seen by the
# inquiry decision at once, and so is its withdrawal; the acknowledgment letters (golden text,
# A4 PDF in IPAex Mincho); bad input changes nothing; audited.
. "$TOP/tests/cli-lib.sh"
setup
recipient 日本架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)
GOLDEN=$TOP/tests/golden
cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000　FAX 03-0000-0001
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"

as clerk1 member add member_no=20000001 joined_on=2010-04-01 family_name=髙橋 given_name=一郎 \
    family_kana=タカハシ given_kana=イチロウ birth_date=1975-05-05 postal_code=113-0033 \
    home_address=東京都文京区本郷1-1-1 facility_name=架空大学病院 >/dev/null
as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --received 2026-11-01 \
    --media paper --purposes enrollment_check --items a --valid-until 2027-10-31 \
    --document 誓-2026-014 >/dev/null
optouts() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM member_optouts WHERE withdrawn_on IS NULL"; }
academic() {
    as clerk1 inquiry "$@" --requester 山田太郎 --organization 日本架空学会 --category academic \
        --purpose enrollment_check --items a --identity verified --member 20000001
}

# before: the academic society with its pledge is provided item a (第20条第3項(e), 取扱規程 第6条)
expect_exit 0 academic decide --json
has "$TMP/out" '"outcome":"provide"'
expect_exit 0 academic add                       # inquiry 1, decided before the opt-out
has "$TMP/out" "outcome         provide"

# --- bad input is refused whole and records nothing
expect_exit 2 as clerk1 optout add 20000001
has "$TMP/err" "--document DOC"
expect_exit 1 as clerk1 optout add 20000001 --document 停-1 --received 2026-12-01
has "$TMP/err" "received_on: 2026-12-01 is in the future"
expect_exit 1 as clerk1 optout add 20000001 --document 停-1 --received 2009-03-31
has "$TMP/err" "before the member joined"
expect_exit 1 as clerk1 optout add 99999999 --document 停-1
has_word "$TMP/err" "no member with number 99999999"
expect_exit 1 as clerk1 optout add 20000001 --document "$(printf '停\001')"
has "$TMP/err" "document_no"
[ "$(optouts)" -eq 0 ] || fail "a refused application was recorded"

# a member edit begun before the opt-out (it read version 1)
version=$(sqlite3 "$MEIBO_DB" "SELECT version FROM members WHERE member_no = '20000001'")

# --- 第20条第5項: the written application, recorded by a clerk, in force at once
expect_exit 0 as clerk1 optout add 20000001 --document 停-2026-001 --received 令和8年11月10日
has "$TMP/out" "recorded opt-out 1: member 20000001 is no longer provided to third parties (第20条第5項)"
[ "$(sqlite3 "$MEIBO_DB" "SELECT received_on || ' ' || document_no || ' ' || recorded_by FROM member_optouts")" = \
  "2026-11-10 停-2026-001 clerk1" ] || fail "the paper trail is not stored"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'optout.add' AND user_login = 'clerk1' AND member_no = '20000001'")" -eq 1 ] ||
    fail "the opt-out was not audited"
# the decision sees it at once: the third party is refused (第20条第5項)
expect_exit 0 academic decide --json
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" '{"code":"opted_out","article":"第20条第5項"'
expect_exit 0 academic add                       # inquiry 2
has "$TMP/out" "outcome         refuse"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id = 2")" -eq 0 ] ||
    fail "an opted-out member was provided"
# the answer decided before it is no longer printed (第20条第5項)
expect_exit 1 as clerk1 inquiry print 1 --format text
has "$TMP/err" "第20条第5項"
# 但し書: a police inquiry under a statute still reaches the member (for the chief officer's
# decision, 規程 第19条第1項第1号); the member themself too
expect_exit 0 as clerk1 inquiry decide --member 20000001 --category police \
    --items a --identity verified --legal-basis 刑事訴訟法第197条第2項 --legal-document 架県刑第1号 --json
has "$TMP/out" '"outcome":"hold"'
has "$TMP/out" '{"code":"optout_legal_basis","article":"第20条第5項"'
expect_exit 0 as clerk1 inquiry decide --member 20000001 --category self --purpose society_business \
    --items a --identity verified --json
has "$TMP/out" '"outcome":"provide"'
# what an export reads (the member record): the opt-out date at once
expect_exit 0 as clerk1 member show 20000001 --json
has "$TMP/out" '"optout_on":"2026-11-10"'
# a stale member edit cannot undo it: the opt-out moved the member's version on
expect_exit 1 as clerk1 member edit 20000001 --version "$version" branch=関東甲信越
has_word "$TMP/err" "was changed by clerk1"
[ "$(optouts)" -eq 1 ] || fail "the stale edit changed the opt-out"
# one in force at a time
expect_exit 1 as clerk1 optout add 20000001 --document 停-2026-002
has_word "$TMP/err" "already has an application to stop provision in force (opt-out 1, received 2026-11-10"

# --- list and show
expect_exit 0 as clerk1 optout list
has_word "$TMP/out" "$(printf '1\tin-force\t2026-11-10\t20000001\t髙橋 一郎\t停-2026-001')"
expect_exit 0 as clerk1 optout list --member 20000001 --json
has "$TMP/out" '[{"id":1,"member_no":"20000001","received_on":"2026-11-10","document_no":"停-2026-001","recorded_by":"clerk1"'
has "$TMP/out" '"in_force":true,"withdrawn_on":null'
expect_exit 0 as clerk1 optout show 1
has "$TMP/out" "state           in force"

# --- the acknowledgment to the member (golden text; the PDF holds the same text)
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
expect_exit 0 as clerk1 optout print 1 --format text
cp "$TMP/out" "$TMP/optout-ack.txt"
has "$TMP/out" "第三者提供の停止のお申出について（通知）"
has "$TMP/out" "受付番号　第1号"
expect_exit 0 as clerk1 optout print 1 --out "$TMP/optout-ack.pdf"
has "$TMP/out" "opt-out 1: optout-ack letter written to $TMP/optout-ack.pdf"
same_text optout-ack
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'optout.print' AND member_no = '20000001'")" -eq 2 ] ||
    fail "printing the acknowledgment was not audited"
# 西暦 by configuration
printf 'letter_dates = seireki\n' >> "$TMP/meibo.conf"
expect_exit 0 as clerk1 optout print 1 --format text
has "$TMP/out" "２．お申出書の受付日　2026年11月10日"
sed -i '/letter_dates/d' "$TMP/meibo.conf"

# --- the withdrawal: in writing, not before the application; provision possible again at once
expect_exit 1 as clerk1 optout withdraw 20000001 --document 撤-2026-001 --received 2026-11-09
has "$TMP/err" "before the application was received (2026-11-10)"
expect_exit 0 as clerk1 optout withdraw 20000001 --document 撤-2026-001
has "$TMP/out" "opt-out 1 withdrawn"
[ "$(optouts)" -eq 0 ] || fail "the opt-out is still in force"
[ "$(sqlite3 "$MEIBO_DB" "SELECT withdrawn_on || ' ' || withdrawal_document_no || ' ' || withdrawn_by FROM member_optouts")" = \
  "2026-11-21 撤-2026-001 clerk1" ] || fail "the withdrawal's paper trail is not stored"
expect_exit 0 academic decide --json
has "$TMP/out" '"outcome":"provide"'
hasnt "$TMP/out" opted_out
expect_exit 0 as clerk1 member show 20000001 --json
has "$TMP/out" '"optout_on":null'
expect_exit 1 as clerk1 optout withdraw 20000001 --document 撤-2026-002
has "$TMP/err" "has no application to stop provision in force"
expect_exit 0 as clerk1 optout list
[ ! -s "$TMP/out" ] || fail "a withdrawn opt-out is listed as in force"
expect_exit 0 as clerk1 optout list --all
has_word "$TMP/out" "withdrawn 2026-11-21 撤-2026-001"
expect_exit 0 as clerk1 optout print 1 --format text
cp "$TMP/out" "$TMP/optout-withdrawal.txt"
expect_exit 0 as clerk1 optout print 1 --out "$TMP/optout-withdrawal.pdf"
same_text optout-withdrawal
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'optout.withdraw' AND user_login = 'clerk1'")" -eq 1 ] ||
    fail "the withdrawal was not audited"
# the member's change history shows both (取扱規程 第23条)
expect_exit 0 as mgr audit log --member 20000001
has "$TMP/out" optout.add
has "$TMP/out" optout.withdraw
# a new application after the withdrawal
expect_exit 0 as clerk1 optout add 20000001 --document 停-2026-003
has_word "$TMP/out" "recorded opt-out 2"
