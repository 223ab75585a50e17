# Export sheets (取扱規程 第4–6条, 第38条; 規程 第16条; 規程 第20条第5項): purposes as data, the
# preview with who is excluded and why, the pledge check (an expired pledge blocks), the chief
# officer's approval (a clerk cannot approve), paper printed as an A4 landscape PDF, the xlsx
# compared with golden files (print settings, disallowed columns and excluded members absent),
# the AES-256 archive that opens only with the password from the separate notice, and one
# provision row per member on the sheet.
. "$TOP/tests/cli-lib.sh"
setup
GOLDEN=$TOP/tests/golden

cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"

add() { as clerk1 member add joined_on=2010-04-01 branch=関東甲信越 "$@" >/dev/null; }
add member_no=20000001 specialist_no=1234 family_name=髙橋 given_name=一郎 family_kana=タカハシ \
    given_kana=イチロウ name_en="Ichiro Takahashi" birth_date=1975-05-05 postal_code=113-0033 \
    home_address=東京都文京区本郷1-1-1 email=ichiro.takahashi@example.jp \
    facility_name=架空大学病院 facility_postal_code=113-8655 facility_address=東京都文京区本郷7-3-1 \
    directory_consent=yes
add member_no=20000002 family_name=佐藤 given_name=花子 family_kana=サトウ given_kana=ハナコ \
    birth_date=1970-02-02 facility_name=架空市民病院 directory_consent=yes
# her written application to stop provision (第20条第5項): the opt-out record, not a field
as clerk1 optout add 20000002 --document 停-2015-001 --received 2015-06-01 >/dev/null
add member_no=20000003 family_name=鈴木 given_name=次郎 family_kana=スズキ given_kana=ジロウ \
    birth_date=1960-03-03 status=withdrawn withdrawn_on=2020-03-31 withdraw_reason=自己都合 \
    directory_consent=yes
add member_no=20000004 family_name=田中 given_name=三郎 family_kana=タナカ given_kana=サブロウ \
    birth_date=1982-08-08 facility_name=架空県立中央病院附属心臓血管センター循環器内科 \
    facility_address=架空県架空市中央区本町一丁目二番三号架空県立中央病院附属心臓血管センター本館北棟十二階 \
    directory_consent=no
add member_no=20000005 family_name=山本 given_name=五郎 family_kana=ヤマモト given_kana=ゴロウ \
    birth_date=1990-09-09 facility_name=架空大学病院 directory_consent=yes branch=近畿

# ---- purposes as data ------------------------------------------------------------------------
expect_exit 0 as clerk1 export purposes --json
has "$TMP/out" '"code":"annual_meeting","name":"年次学術集会・支部地方会運営事務局への提供","article":"取扱規程 第4条"'
has "$TMP/out" '"code":"officers","name":"役員・委員会の業務","article":"第20条第1項(d)(e)(f)"'
has "$TMP/out" '"code":"directory"'
has "$TMP/out" '"consents":"directory","optout_excluded":true'
expect_exit 0 as clerk1 export purposes
has "$TMP/out" "branch	支部への提供	取扱規程 第4条"

# ---- the recipients: chosen from the register (規程 第20条第3–4項) ------------------------------
# the printer of the directory is a contractor (規程 第19条第2項第1号), the branch the society's
# own (取扱規程 第4条)
PRINT=$(recipient 架空印刷株式会社 contractor)
BRANCH=$(recipient 関東甲信越支部 branch)
[ "$PRINT" = 1 ] && [ "$BRANCH" = 2 ] || fail "recipients 1 and 2 expected"
# the printer's address in the register: the cover letter is mailed in a window envelope with
# it in the addressee block (issue 14)
as mgr recipient edit "$PRINT" --address "〒101-0041 東京都千代田区架空印刷町1-1" >/dev/null
# free text is not a recipient
expect_exit 1 as clerk1 export preview --purpose directory --recipient 架空印刷
has "$TMP/err" "recipient: '架空印刷' is not in the recipient register (規程 第20条第3–4項)"

# ---- preview: counts and who is excluded, with the article ----------------------------------
expect_exit 0 as clerk1 export preview --purpose directory --recipient 架空印刷株式会社 --json
has "$TMP/out" '"included":2,"excluded":{"status":1,"optout":1,"consent":1,"suspended":0}'
has "$TMP/out" '{"member_no":"20000002","name":"佐藤　花子","status":"active","reason":"optout","article":"第20条第5項"}'
has "$TMP/out" '{"member_no":"20000003","name":"鈴木　次郎","status":"withdrawn","reason":"status"'
has "$TMP/out" '{"member_no":"20000004","name":"田中　三郎","status":"active","reason":"consent"'
has "$TMP/out" '"pledge_ok":false'
expect_exit 0 as clerk1 export preview --purpose directory --recipient 架空印刷株式会社 --branch 近畿
has_word "$TMP/out" "included        1"
# filters: a status the purpose does not put on sheets, a disallowed column (取扱規程 第4条)
expect_exit 1 as clerk1 export preview --purpose directory --recipient X --status withdrawn
has "$TMP/err" "status: withdrawn members are not on directory sheets"
expect_exit 1 as clerk1 export preview --purpose directory --recipient X --columns name,birth_date
has "$TMP/err" "columns: 'birth_date' is not allowed for directory"
expect_exit 1 as clerk1 export preview --purpose marketing --recipient X
has "$TMP/err" "purpose: 'marketing' is not an export purpose"
expect_exit 2 as clerk1 export preview --purpose directory
expect_exit 1 as clerk1 export preview --purpose directory --recipient X --media electronic
has "$TMP/err" "media: directory sheets go only on paper"

# ---- pledges (取扱規程 第5条, 第6条) -------------------------------------------------------------
pledge() { as mgr pledge add --signatory 山田花子 --received 2026-11-01 "$@" >/dev/null; }
pledge --recipient 架空印刷株式会社 --media paper --purposes greetings_notices --items d,e \
    --valid-until 2026-12-10 --document 誓-2026-101                                       # 1
pledge --recipient 架空印刷株式会社 --media paper --purposes greetings_notices --items d,e \
    --valid-until 2026-11-20 --document 誓-2025-050                                       # 2 expired
pledge --recipient 関東甲信越支部 --media paper,electronic \
    --purposes abstract_registration,society_business --items a,d,e,f \
    --valid-until 2027-10-31 --document 誓-2026-102                                       # 3
pledge --recipient 関東甲信越支部 --media paper --purposes society_business --items d,e \
    --valid-until 2027-10-31 --document 誓-2026-103                                       # 4 no (f)

expect_exit 1 as clerk1 export request --purpose directory --recipient 架空印刷株式会社
has "$TMP/err" "directory sheets go only to a recipient who signed a pledge (取扱規程 第6条)"
expect_exit 1 as clerk1 export request --purpose directory --recipient 架空印刷株式会社 --pledge 2
has_word "$TMP/err" "pledge 2 (誓-2025-050) expired: it was valid until 2026-11-20"
expect_exit 1 as clerk1 export request --purpose directory --recipient 架空印刷株式会社 --pledge 3
has "$TMP/err" "pledge 3 (誓-2026-102) was signed by 関東甲信越支部, not by 架空印刷株式会社"
expect_exit 1 as clerk1 export request --purpose officers --recipient 関東甲信越支部 --pledge 4
has "$TMP/err" "pledge 4 (誓-2026-103) does not cover item (f) メールアドレス"
expect_exit 1 as clerk1 export request --purpose officers --recipient 関東甲信越支部 --pledge 4 \
    --media electronic
has "$TMP/err" "pledge 4 (誓-2026-103) does not cover electronic media (取扱規程 第5条)"
# without the e-mail column pledge 4 is enough
expect_exit 0 as clerk1 export preview --purpose officers --recipient 関東甲信越支部 --pledge 4 \
    --columns name,facility_name --json
has "$TMP/out" '"pledge_ok":true'
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM exports")" -eq 0 ] || fail "a refused request was stored"

# ---- paper: printed under the chief officer's permission (規程 第16条, 取扱規程 第6条) -------------
# without a permission a paper sheet waits for the chief officer (規程 第16条)
expect_exit 0 as clerk1 export preview --purpose directory --recipient 架空印刷株式会社 --pledge 1
has "$TMP/out" "the chief officer's, before the run (規程 第16条)"
# the chief's standing permission for the paper directory to the printer: ready at once
as kanri permission grant --export directory --recipient "$PRINT" --media paper --until 2026-12-31 \
    --note 年次名簿の印刷 >/dev/null
expect_exit 0 as clerk1 permission list
has "$TMP/out" "export	standing	in force	2026-11-21..2026-12-31	kanri	会員名簿を架空印刷株式会社へ紙で 年次名簿の印刷"
expect_exit 0 as clerk1 export request --purpose directory --recipient 架空印刷株式会社 --pledge 1 --json
has_word "$TMP/out" '{"export":1,"status":"ready","included":2'
# paper is printed: a file copy leaving meibo needs the chief officer's permission (第16条)
expect_exit 1 as clerk1 export run 1 --out "$TMP/sheet.xlsx"
has "$TMP/err" "a file copy leaving meibo needs the chief officer's prior permission (規程 第16条)"
[ ! -e "$TMP/sheet.xlsx" ] || fail "a paper export wrote a file"
expect_exit 0 as clerk1 export run 1 --json
has "$TMP/out" '"file_kind":"pdf"'
has "$TMP/out" "\"sheet\":\"outbox $TMP/outbox/export-1-sheet.pdf\""
has "$TMP/out" "\"cover\":\"outbox $TMP/outbox/export-1-cover.pdf\""
sheet=$TMP/outbox/export-1-sheet.pdf
pdfinfo "$sheet" > "$TMP/info"
has "$TMP/info" "Page size:       841.89 x 595.276 pts (A4)"   # landscape
has "$TMP/info" "Author:          一般社団法人 日本架空循環器学会"
pdffonts "$sheet" | grep -q "IPAexMincho.*yes" || fail "IPAex Mincho is not embedded in the sheet"
pdftotext "$sheet" "$TMP/sheet.txt"
has_word "$TMP/sheet.txt" "取扱注意 架空印刷株式会社 誓約書番号 誓-2026-101"
grep -qE "出力番号 1 +1/1([^0-9]|$)" "$TMP/sheet.txt" || fail "no page foot 出力番号 1  1/1 on the sheet"
has "$TMP/sheet.txt" "髙橋"
has "$TMP/sheet.txt" "山本"
for absent in 佐藤 鈴木 田中 1975-05-05 ichiro.takahashi 20000001; do
    hasnt "$TMP/sheet.txt" "$absent"    # excluded members, columns the purpose does not carry
done
pdftotext "$TMP/outbox/export-1-cover.pdf" "$TMP/cover.txt"
has "$TMP/cover.txt" "会員情報の提供について（送付状）"
has_word "$TMP/cover.txt" "〒101-0041"
has "$TMP/cover.txt" "架空印刷株式会社 御中"
has_word "$TMP/cover.txt" "誓約書番号：誓-2026-101"
has "$TMP/cover.txt" "提供件数：2名"
has "$TMP/cover.txt" "第20条第5項"
# the golden cover letter (whitespace and the date aside): the chief officer's permission is
# that of 規程 第16条 (個人情報保護規程), with its number, not 取扱規程 第16条 (issue 13 §7)
cover_text() { tr -d ' \t\r\n\f' < "$1" | sed 's/　//g; s/20[0-9][0-9]年[0-9]*月[0-9]*日//g'; }
cover_text "$TMP/cover.txt" > "$TMP/cover.stripped"
has "$TMP/cover.stripped" "個人情報総責任者の事前の許可による（個人情報保護規程第16条、許可番号2）"
hasnt "$TMP/cover.stripped" "取扱規程第6条、第16条"
[ -z "${GOLDEN_UPDATE:-}" ] || cover_text "$TMP/cover.txt" > "$GOLDEN/export-cover.txt"
cover_text "$TMP/cover.txt" | diff -u "$GOLDEN/export-cover.txt" - ||
    fail "the cover letter differs from tests/golden/export-cover.txt"
# ran once only; recorded with its SHA-256
expect_exit 1 as clerk1 export run 1
has "$TMP/err" "export 1 has already been run"
expect_exit 0 as clerk1 export show 1 --json
has "$TMP/out" '"status":"done"'
has "$TMP/out" "\"sha256\":\"$(sha256sum "$sheet" | cut -d' ' -f1)\""
# one provision per member on the sheet (個人情報保護法 第29条), none for the excluded
expect_exit 0 as clerk1 provision list --member 20000005 --json
has "$TMP/out" '"recipient":"架空印刷株式会社","requester":"","category":"contractor","items":"d,e","purpose":"directory"'
has_word "$TMP/out" '"pledge":1,"export":1'
expect_exit 0 as clerk1 provision list --member 20000002
[ ! -s "$TMP/out" ] || fail "an opted-out member (第20条第5項) was recorded as provided"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE export_id = 1")" -eq 2 ] ||
    fail "two provisions expected for export 1"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'export.member'")" -eq 2 ] ||
    fail "each member on the sheet is in the access log (取扱規程 第35条)"

# ---- a file copy: the chief officer approves first (規程 第16条) -------------------------------
expect_exit 0 as clerk1 export request --purpose directory --recipient 架空印刷株式会社 --pledge 1 --copy
has "$TMP/out" "it waits for the chief officer's approval"
expect_exit 1 as clerk1 export run 2 --out "$TMP/dir.xlsx"
has "$TMP/err" "export 2 waits for the chief officer's approval"
expect_exit 1 as clerk1 export approve 2
has "$TMP/err" "needs the chief role; you are clerk"
expect_exit 1 as mgr export approve 2
has "$TMP/err" "needs the chief role; you are manager"
expect_exit 0 as kanri export approve 2 --comment "印刷会社へ入稿用"
expect_exit 0 as clerk1 export run 2 --out "$TMP/dir.xlsx"
has "$TMP/out" "xlsx written to $TMP/dir.xlsx"
mkdir "$TMP/x"
(cd "$TMP/x" && unzip -q "$TMP/dir.xlsx")
ws=$TMP/x/xl/worksheets/sheet1.xml
# print settings: A4 (paperSize 9) landscape, one page wide, header row repeated and frozen,
# protected, header and footer with the recipient, the pledge and the export number
has "$ws" '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>'
has "$ws" '<pageSetUpPr fitToPage="1"/>'
has "$ws" '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
has "$ws" '<sheetProtection sheet="1"'
has "$ws" '<oddHeader>&amp;C取扱注意 架空印刷株式会社 誓約書番号 誓-2026-101</oddHeader>'
has "$ws" '<oddFooter>&amp;C出力番号 2  &amp;P/&amp;N</oddFooter>'
has "$TMP/x/xl/workbook.xml" "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'名簿'!\$1:\$1</definedName>"
has "$TMP/x/docProps/core.xml" '<dc:title>会員名簿 (出力番号 2)</dc:title><dc:creator>一般社団法人 日本架空循環器学会</dc:creator>'
has "$TMP/x/docProps/core.xml" '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-21T01:00:00Z</dcterms:created>'
for absent in 佐藤 鈴木 田中 1975-05-05 ichiro.takahashi 20000001 生年月日 会員番号; do
    hasnt "$ws" "$absent"   # excluded members; columns the directory does not carry
done
# golden files, volatile parts (the creation and modification times) stripped; to renew them
# run this script by hand (not through run-tests.sh) with MEIBO_GOLDEN_UPDATE=1
strip() { sed -e 's#<dcterms:created[^<]*</dcterms:created>##' \
              -e 's#<dcterms:modified[^<]*</dcterms:modified>##' "$1"; }
for part in xl/worksheets/sheet1.xml xl/workbook.xml docProps/core.xml xl/styles.xml; do
    golden=$GOLDEN/export-$(echo "$part" | tr / -)
    strip "$TMP/x/$part" > "$TMP/part"
    if [ -n "${MEIBO_GOLDEN_UPDATE:-}" ]; then cp "$TMP/part" "$golden"; fi
    diff -u "$golden" "$TMP/part" || fail "the xlsx part $part differs from $golden"
done
# a sheet may leave meibo only after approval: the denied stays in meibo
expect_exit 0 as clerk1 export request --purpose directory --recipient 架空印刷株式会社 --pledge 1 --copy
expect_exit 2 as kanri export deny 3
expect_exit 0 as kanri export deny 3 --comment "用途不明"
expect_exit 1 as clerk1 export run 3 --out "$TMP/denied.xlsx"
has "$TMP/err" "export 3 was denied"

# ---- electronic media: AES-256 archive, the password on a separate letter (第38条) ------------------
expect_exit 0 as clerk1 export request --purpose officers --recipient 関東甲信越支部 --pledge 3 \
    --media electronic --json
has_word "$TMP/out" '{"export":4,"status":"pending","included":3'
expect_exit 0 as kanri export approve 4
# with no printer the notice goes to the outbox: the archive must not go there too
expect_exit 1 as clerk1 export run 4
has "$TMP/err" "the password never lies beside the file (取扱規程 第38条)"
expect_exit 1 as clerk1 export run 4 --out "$TMP/outbox/officers.zip"
has "$TMP/err" "the archive must be written elsewhere"
mkdir "$TMP/usb"
expect_exit 0 as clerk1 export run 4 --out "$TMP/usb/officers.zip"
has "$TMP/out" "encrypted archive written to $TMP/usb/officers.zip"
has "$TMP/out" "password notice written to $TMP/outbox/export-4-password.pdf"
pdftotext "$TMP/outbox/export-4-password.pdf" "$TMP/pw.txt"
has "$TMP/pw.txt" "パスワードのお知らせ"
password=$(grep -E '^([A-HJ-NP-Za-km-z2-9]{5} ){3}[A-HJ-NP-Za-km-z2-9]{5}$' "$TMP/pw.txt" | tr -d ' ')
[ ${#password} -eq 20 ] || fail "no 20-character password on the notice"
# the password is nowhere else: not on the terminal, the cover letter, the log or the record
hasnt "$TMP/out" "$password"
pdftotext "$TMP/outbox/export-4-cover.pdf" "$TMP/cover4.txt"
hasnt "$TMP/cover4.txt" "$password"
has "$TMP/cover4.txt" "本書とパスワードを同じ場所に保管しないでください"
sqlite3 "$MEIBO_DB" .dump > "$TMP/dump.sql"
hasnt "$TMP/dump.sql" "$password"
# the archive opens with the password only
7zz t -p"$password" "$TMP/usb/officers.zip" > "$TMP/7z.log" 2>&1 || { cat "$TMP/7z.log"; fail "the password does not open the archive"; }
if 7zz t -pwrong-password "$TMP/usb/officers.zip" > "$TMP/7z.log" 2>&1; then fail "a wrong password opened the archive"; fi
has "$TMP/7z.log" "Wrong password"
if unzip -t "$TMP/usb/officers.zip" > "$TMP/unzip.log" 2>&1; then fail "the archive opened without a password"; fi
zipinfo -v "$TMP/usb/officers.zip" > "$TMP/zipinfo" 2>&1 || true
has "$TMP/zipinfo" "file security status:                           encrypted"
mkdir "$TMP/y"
7zz x -p"$password" -o"$TMP/y" "$TMP/usb/officers.zip" > /dev/null
(cd "$TMP/y" && unzip -q export-4.xlsx)
has "$TMP/y/xl/worksheets/sheet1.xml" "ichiro.takahashi@example.jp"
hasnt "$TMP/y/xl/worksheets/sheet1.xml" "佐藤"
expect_exit 0 as clerk1 export show 4 --json
has "$TMP/out" "\"sha256\":\"$(sha256sum "$TMP/usb/officers.zip" | cut -d' ' -f1)\""
has "$TMP/out" '"file_kind":"zip"'

# ---- an expired pledge blocks the run (取扱規程 第6条) ----------------------------------------------
expect_exit 0 as clerk1 export request --purpose directory --recipient 架空印刷株式会社 --pledge 1
before=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")
MEIBO_NOW=$((MEIBO_NOW + 20 * 86400)) expect_exit 1 as clerk1 export run 5
has_word "$TMP/err" "pledge 1 (誓-2026-101) expired: it was valid until 2026-12-10"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")" -eq "$before" ] ||
    fail "a blocked run recorded provisions"
[ ! -e "$TMP/outbox/export-5-sheet.pdf" ] || fail "a blocked run printed a sheet"

# ---- the list and the audit --------------------------------------------------------------------
expect_exit 0 as clerk1 export list
has_word "$TMP/out" "4	done	officers	electronic	3	関東甲信越支部"
has_word "$TMP/out" "3	denied	directory	paper,copy	2	架空印刷株式会社"
expect_exit 0 as clerk1 export list --status ready --json
has_word "$TMP/out" '"id":5'
hasnt "$TMP/out" '"id":4'
for action in export.preview export.request export.approve export.deny export.run; do
    [ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = '$action'")" -ge 1 ] ||
        fail "no $action in the access log"
done
expect_exit 0 as kanri audit verify
