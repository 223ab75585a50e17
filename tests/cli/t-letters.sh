# Letters (forms/): golden plain-text renderings of each letter (the clock pinned, so the
# dates and inquiry numbers are fixed), the same text in each PDF with IPAex Mincho embedded,
# neither confirm nor deny (規程 第20条第5項), and where a letter goes: --out, the outbox,
# the printer (CUPS lp). Printing is audited and records no second provision.
. "$TOP/tests/cli-lib.sh"
setup
recipient 日本架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)
GOLDEN=$TOP/tests/golden

cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000　FAX 03-0000-0001
CONF
# (a secretariat_contact line of 80 characters, broken into two lines at '|')
export MEIBO_CONFIG="$TMP/meibo.conf"

as clerk1 member add member_no=20000001 specialist_no=1234 joined_on=2010-04-01 family_name=髙橋 \
    given_name=一郎 family_kana=タカハシ given_kana=イチロウ birth_date=1975-05-05 \
    postal_code=113-0033 home_address=東京都文京区本郷1-1-1 email=ichiro.takahashi@example.jp \
    facility_name=架空大学病院 facility_postal_code=113-8655 \
    facility_address=東京都文京区本郷7-3-1 >/dev/null
as clerk1 member add member_no=20000003 joined_on=2010-04-01 family_name=佐藤 given_name=花子 \
    family_kana=サトウ given_kana=ハナコ birth_date=1970-02-02 >/dev/null
# her written application to stop provision (第20条第5項): the opt-out record, not a field
as clerk1 optout add 20000003 --document 停-2015-001 --received 2015-06-01 >/dev/null
as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --title 事務局長 \
    --received 2026-11-01 --media paper --purposes enrollment_check,society_business --items a,d \
    --valid-until 2027-10-31 --document 誓-2026-014 >/dev/null
# the answer is mailed (第20条第2項): each requester's contact holds a postal address
add() {
    as clerk1 inquiry add --identity verified \
        --contact "〒100-0011 東京都千代田区架空町1-2-3 架空会館2階 TEL 03-0000-0002" "$@" >/dev/null
}
academic() {
    add --requester 山田太郎 --organization 日本架空学会 --category academic \
        --purpose enrollment_check "$@"
}
academic --items a,d --member 20000001  # 1: a on the pledge, d withheld (第20条第1項): partial
academic --items a --member 20000003    # 2: the member opted out (第20条第5項): refuse
academic --items a --member 99999999    # 3: nobody: not_found
add --requester 髙橋一郎 --category self --purpose society_business --items a,b,c,d,e,f \
    --member 20000001                   # 4: the member's own (第22条第1項): provide
add --requester 山田太郎 --organization 架空県警察本部 --category police \
    --legal-basis 刑事訴訟法第197条第2項 --legal-document "架県刑第123号 (令和8年11月20日)" \
    --items a --name 山本五郎 --birth-date 1980-01-01   # 5: a statute: the chief, then not_found
add --requester 山田太郎 --organization 架空患者の会 --category patient_group \
    --purpose greetings_notices --items d,f --member 20000001  # 6: waits for a pledge
add --requester 山田太郎 --organization 架空県警察本部 --category police \
    --legal-basis 刑事訴訟法第197条第2項 --legal-document "架県刑第124号 (令和8年11月20日)" \
    --items a,e --member 20000001       # 7: a statute (第19条第1項第1号): the home address
add --requester 髙橋花子 --category family --emergency --items e --method other \
    --channel phone --member 20000003   # 8: an emergency (第19条第1項第2号), opted out
academic --purpose sales --items a --member 20000001  # 9: not a purpose of 第20条第1項: refuse
provisions() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions"; }
# decided, not yet given: no record of provision until an answer goes out (issue 14)
[ "$(provisions)" -eq 0 ] || fail "a provision was recorded before any answer went out"
pending() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions_pending"; }
[ "$(pending)" -eq 2 ] || fail "expected the decided provisions of inquiries 1 and 4"
# 規程 第19条第1項: the statute and the emergency wait for the chief officer; no letter before
for n in 5 7 8; do
    expect_exit 1 as clerk1 inquiry print $n --format text
    has "$TMP/err" "inquiry $n waits for the chief officer"
    expect_exit 0 as kanri inquiry approve $n --comment 承認
done
[ "$(pending)" -eq 4 ] || fail "expected the decided provisions of the approved inquiries 7 and 8"

# strip FILE: its text without any white space (the PDF's layout spaces differ, not its text)
strip() { tr -d ' \t\r\n\f' < "$1" | sed 's/　//g'; }
# same_text NAME: the golden NAME.txt equals $TMP/NAME.txt; $TMP/NAME.pdf holds the same text,
# A4, with every font IPAex Mincho and embedded. (To rewrite the golden files after a change of
# a form, run this script directly with GOLDEN_UPDATE=1, TOP, MEIBO and TMP set, and review.)
same_text() {
    [ -z "${GOLDEN_UPDATE:-}" ] || cp "$TMP/$1.txt" "$GOLDEN/$1.txt"
    diff -u "$GOLDEN/$1.txt" "$TMP/$1.txt" || fail "$1: the text differs from tests/golden/$1.txt"
    pdf_text "$1"
}
# pdf_text NAME: $TMP/NAME.pdf is A4 and holds the text of $TMP/NAME.txt, in IPAex Mincho
pdf_text() {
    pdfinfo "$TMP/$1.pdf" > "$TMP/info"
    has "$TMP/info" "Page size:       595.276 x 841.89 pts (A4)"
    pdftotext -layout "$TMP/$1.pdf" "$TMP/$1.pdftext"
    strip "$TMP/$1.txt" > "$TMP/a"; strip "$TMP/$1.pdftext" > "$TMP/b"
    cmp -s "$TMP/a" "$TMP/b" ||
        { diff "$TMP/$1.txt" "$TMP/$1.pdftext"; fail "$1: the PDF's text differs"; }
    pdffonts "$TMP/$1.pdf" | tail -n +3 > "$TMP/fonts"
    [ -s "$TMP/fonts" ] || fail "$1: no fonts in the PDF"
    awk '$1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+IPAexMincho$/ || $(NF-4) != "yes" { bad = 1 }
         END { exit bad }' "$TMP/fonts" ||
        { cat "$TMP/fonts"; fail "$1: a font is not IPAex Mincho embedded"; }
}
# letter N NAME: inquiry N's letter as text (stdout) and as a PDF (--out), compared
letter() {
    expect_exit 0 as clerk1 inquiry print "$1" --format text
    cp "$TMP/out" "$TMP/$2.txt"
    expect_exit 0 as clerk1 inquiry print "$1" --out "$TMP/$2.pdf"
    has "$TMP/out" "inquiry $1: $3 letter written to $TMP/$2.pdf"
    same_text "$2"
}
letter 1 letter-answer answer          # 照会回答書: item a on the pledge, item d withheld (第20条第1項)
letter 2 letter-refusal refusal        # the opted-out member: the neutral refusal
letter 4 letter-disclosure answer      # the member's own request (第22条第1項)
letter 5 letter-not-found not-found    # a legal-basis inquiry may learn "not registered"
letter 7 letter-answer-statute answer  # 第19条第1項第1号, its 照会書; no 第20条 purpose
letter 8 letter-answer-emergency answer  # 第19条第1項第2号; no 第20条 purpose
for n in 7 8; do hasnt "$TMP/letter-answer-$([ $n = 7 ] && echo statute || echo emergency).txt" 第20条; done


# the pledge request for the held inquiry 6 (取扱規程 第6条), nothing of the member in it
expect_exit 1 as clerk1 inquiry print 6
has "$TMP/err" "inquiry 6 waits for a pledge: there is no answer to print yet"
expect_exit 0 as clerk1 pledge print --inquiry 6 --format text
cp "$TMP/out" "$TMP/pledge-request.txt"
hasnt "$TMP/out" 20000001
hasnt "$TMP/out" 髙橋
expect_exit 0 as clerk1 pledge print --inquiry 6 --out "$TMP/pledge-request.pdf"
has "$TMP/out" "pledge request written to $TMP/pledge-request.pdf"
same_text pledge-request

# text is never cut: a recipient of 92 characters wraps, six purposes and every item on both
# media run onto a second page, and the PDF still holds every character
long=$(printf '架空%.0s' $(seq 1 45))学会
all=abstract_registration,enrollment_check,specialist_application,qualification_renewal
all=$all,society_business,greetings_notices
as clerk1 pledge print --recipient "$long" --purposes $all --items a,b,c,d,e,f \
    --media paper,electronic --format text > "$TMP/long.txt"
as clerk1 pledge print --recipient "$long" --purposes $all --items a,b,c,d,e,f \
    --media paper,electronic --out "$TMP/long.pdf" >/dev/null
has "$TMP/long.txt" "提供を受ける者：$long"
pdf_text long
has_word "$TMP/info" "Pages:           3"   # the cover letter, then the form on two

# --- neither confirm nor deny: the refusal for the opted-out member (2) and the letter for
# nobody (3) are the same text and the same PDF text once the inquiry number is pinned
pin() { sed 's/照会番号　第[0-9]*号/照会番号　第#号/' "$1"; }
as clerk1 inquiry print 3 --format text > "$TMP/nobody.txt"
pin "$TMP/letter-refusal.txt" > "$TMP/a"; pin "$TMP/nobody.txt" > "$TMP/b"
cmp "$TMP/a" "$TMP/b" ||
    { diff "$TMP/a" "$TMP/b"; fail "the refusal tells an opted-out member from a non-member"; }
as clerk1 inquiry print 3 --out "$TMP/nobody.pdf" >/dev/null
pdftotext -layout "$TMP/nobody.pdf" "$TMP/nobody.pdftext"
pdftotext -layout "$TMP/letter-refusal.pdf" - | sed 's/照会番号[ 　]*第[0-9]*号/#/' > "$TMP/a"
sed 's/照会番号[ 　]*第[0-9]*号/#/' "$TMP/nobody.pdftext" > "$TMP/b"
cmp "$TMP/a" "$TMP/b" || { diff "$TMP/a" "$TMP/b"; fail "the refusal PDFs differ"; }
for word in 20000003 佐藤 第20条第5項 停止 登録はありません; do hasnt "$TMP/letter-refusal.txt" "$word"; done
# 第20条第1項: the inquiry under a purpose that is none of its (9) is on file and refused in the
# same words as any other refusal
as clerk1 inquiry print 9 --format text > "$TMP/sales.txt"
pin "$TMP/sales.txt" > "$TMP/b"; pin "$TMP/letter-refusal.txt" > "$TMP/a"
cmp "$TMP/a" "$TMP/b" || { diff "$TMP/a" "$TMP/b"; fail "the refusal for an unlisted purpose differs"; }

# --- where a letter goes. No printer configured: the outbox beside the database.
expect_exit 0 as clerk1 inquiry print 2
has "$TMP/out" "inquiry 2: refusal letter saved in the outbox: $TMP/outbox/inquiry-2-refusal.pdf"
expect_exit 0 as clerk1 inquiry print 2
has "$TMP/out" "saved in the outbox: $TMP/outbox/inquiry-2-refusal-2.pdf"
[ "$(head -c 5 "$TMP/outbox/inquiry-2-refusal.pdf")" = "%PDF-" ] || fail "the outbox file is not a PDF"
[ -z "$(find "$TMP/outbox" -perm -o=r)" ] || fail "letters in the outbox are readable by others"
# a configured outbox
printf 'outbox = %s/letters\n' "$TMP" >> "$TMP/meibo.conf"
expect_exit 0 as clerk1 pledge print --recipient 架空患者の会 --purposes greetings_notices --items d,f
has "$TMP/out" "pledge request saved in the outbox: $TMP/letters/pledge-request.pdf"
# a printer: lp -d QUEUE with the PDF on its standard input (a stand-in lp named by lp_command:
# meibo runs with PATH=/usr/bin:/bin whatever the caller's PATH, so a stand-in first on PATH is
# never run)
mkdir "$TMP/bin"
cat > "$TMP/bin/lp" <<LP
#!/bin/sh
printf '%s\n' "\$@" > "$TMP/lp.args"
cat > "$TMP/lp.pdf"
[ "\$2" = office-1 ] || { echo "lp: The printer or class does not exist." >&2; exit 1; }
echo "request id is office-1-7 (1 file(s))"
LP
chmod +x "$TMP/bin/lp"
printf 'printer = office-1\n' >> "$TMP/meibo.conf"
PATH="$TMP/bin:$PATH" expect_exit 1 as clerk1 inquiry print 1
[ ! -e "$TMP/lp.args" ] || fail "meibo ran an lp from the caller's PATH"
printf 'lp_command = %s/bin/lp\n' "$TMP" >> "$TMP/meibo.conf"
expect_exit 0 as clerk1 inquiry print 1
# what CUPS said, not lp's file count (issue 19); each job its own title, no personal data in it
has "$TMP/out" "inquiry 1: answer letter sent to printer office-1 (request office-1-7)"
hasnt "$TMP/out" "file(s)"
printf -- '-d\noffice-1\n-t\nmeibo inquiry-1-answer\n' | cmp - "$TMP/lp.args" || fail "lp got other arguments: $(cat "$TMP/lp.args")"
expect_exit 0 as mgr ledger --format pdf
has_word "$TMP/out" "ledger sent to printer office-1"
sed -n 4p "$TMP/lp.args" | grep -qx "meibo ledger" || fail "the ledger's job title: $(sed -n 4p "$TMP/lp.args")"
# the queue's state is asked first (lpstat beside lp): a stopped printer takes the job, and the
# clerk is told it waits and why; a queue CUPS does not have is refused before lp runs
cat > "$TMP/bin/lpstat" <<'LPSTAT'
#!/bin/sh
case $2 in
office-1) echo "printer office-1 is idle.  enabled since Sat 21 Nov 2026 09:00:00 JST" ;;
office-2) printf 'printer office-2 disabled since Sat 21 Nov 2026 09:00:00 JST -\n\tPaused\n' ;;
*) echo "lpstat: Invalid destination name in list \"$2\"." >&2; exit 1 ;;
esac
LPSTAT
chmod +x "$TMP/bin/lpstat"
expect_exit 0 as clerk1 inquiry print 1
hasnt "$TMP/err" "stopped"
sed -i 's/^printer = office-1$/printer = office-2/' "$TMP/meibo.conf"
sed -i 's/\[ "\$2" = office-1 \]/[ "$2" = office-1 ] || [ "$2" = office-2 ]/' "$TMP/bin/lp"
expect_exit 0 as clerk1 inquiry print 1
has_word "$TMP/out" "sent to printer office-2"
has "$TMP/err" "printer office-2 is stopped; the job waits until it is enabled (cupsenable office-2): printer office-2 disabled since Sat 21 Nov 2026 09:00:00 JST - Paused"
rm -f "$TMP/lp.args"
sed -i 's/^printer = office-2$/printer = office-9/' "$TMP/meibo.conf"
expect_exit 1 as clerk1 inquiry print 1
has "$TMP/err" "printer office-9: CUPS has no such printer"
has "$TMP/err" "nothing was printed"
[ ! -e "$TMP/lp.args" ] || fail "lp ran for a printer CUPS does not have"
rm -f "$TMP/bin/lpstat"
sed -i 's/^printer = office-9$/printer = office-1/' "$TMP/meibo.conf"
[ "$(head -c 5 "$TMP/lp.pdf")" = "%PDF-" ] || fail "lp did not get the PDF"
# --out still writes the file; text without --out is still a preview, never printed
rm "$TMP/lp.pdf"
expect_exit 0 as clerk1 inquiry print 1 --out "$TMP/again.pdf"
expect_exit 0 as clerk1 inquiry print 1 --format text
has "$TMP/out" 照会回答書
[ ! -e "$TMP/lp.pdf" ] || fail "a preview went to the printer"
# a printer lp refuses
sed -i 's/^printer = office-1$/printer = nowhere/' "$TMP/meibo.conf"
expect_exit 1 as clerk1 inquiry print 1
has "$TMP/err" "lp -d nowhere failed (exit 1): lp: The printer or class does not exist."

# --- every print is in the access log; the first answer given out (printed, saved; not a
# preview on stdout) writes its record of provision (個人情報保護法 第29条), a reprint none
[ "$(provisions)" -eq 4 ] || fail "expected one provision per answer given out"
[ "$(pending)" -eq 0 ] || fail "an answer given out left its provision undecided"
audits() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE $1"; }
[ "$(audits "action = 'inquiry.print' AND user_login = 'clerk1'")" -eq 22 ] ||
    fail "inquiry.print rows: $(sqlite3 "$MEIBO_DB" "SELECT detail FROM audit_log WHERE action = 'inquiry.print'")"
[ "$(audits "action = 'inquiry.print' AND member_no = '20000003'
             AND detail LIKE 'id=2 letter=refusal format=pdf to=outbox %'")" -eq 2 ] ||
    fail "the outbox prints of inquiry 2 are not in the access log"
[ "$(audits "action = 'inquiry.print'
             AND detail = 'id=1 letter=answer format=pdf to=printer office-1'")" -eq 2 ] ||
    fail "the printed letter is not in the access log"
[ "$(audits "action = 'pledge.print' AND member_no = ''")" -eq 5 ] || fail "pledge.print rows"

# --- refusals: usage errors, nothing to print, no settings
expect_exit 2 as clerk1 inquiry print 1 --format docx
has "$TMP/err" "--format is pdf or text"
expect_exit 2 as clerk1 inquiry print
expect_exit 2 as clerk1 pledge print --format text
has "$TMP/err" "give one of --inquiry ID, --pledge ID or --recipient ORG"
expect_exit 2 as clerk1 pledge print --recipient 架空患者の会 --items d
has "$TMP/err" "--recipient needs --purposes and --items"
expect_exit 1 as clerk1 pledge print --inquiry 1 --format text
has "$TMP/err" "inquiry 1 does not wait for a pledge"
expect_exit 1 as clerk1 inquiry print 99
has_word "$TMP/err" "no inquiry 99"
printf 'secretariat_contact = TEL 03-0000-0000\n' > "$TMP/bare.conf"
expect_exit 1 as clerk1 --config "$TMP/bare.conf" inquiry print 1 --format text
has "$TMP/err" "meibo.conf: society_name is not set"

# --- the addressee block (issue 14): a requester who gave only a telephone number gets a letter
# only once a postal address is entered (第20条第2項: the answer is written, and mailed)
as clerk1 inquiry add --identity verified --requester 山田太郎 --organization 日本架空学会 \
    --category academic --purpose enrollment_check --items a --member 20000001 \
    --contact "TEL 03-0000-0003" --json > "$TMP/out"
n=$(sed -n 's/.*"inquiry":\([0-9]*\).*/\1/p' "$TMP/out")
[ -n "$n" ] || { cat "$TMP/out"; fail "no inquiry number"; }
expect_exit 1 as clerk1 inquiry print "$n" --format text
has "$TMP/err" "has no postal address to mail its letter to"
expect_exit 1 as clerk1 inquiry address "$n" --address "03-0000-0003"
has "$TMP/err" "is no postal address"
expect_exit 0 as clerk1 inquiry address "$n" --address "〒100-0005 東京都千代田区架空丸の内1-1"
expect_exit 0 as clerk1 inquiry print "$n" --format text
has_word "$TMP/out" "〒100-0005"
has_word "$TMP/out" "東京都千代田区架空丸の内1-1"
hasnt "$TMP/out" "03-0000-0003"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'inquiry.address'")" -eq 1 ] ||
    fail "entering the address was not audited"
