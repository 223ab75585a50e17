# The 個人情報取扱台帳 (取扱規程 第24条): each item with its purposes, place, method, who may
# access it and its retention, generated from the data (the ledger rows, the newest policy's
# purposes of 規程 第20条第1項, the retention periods, this installation's paths), as text and
# as a PDF through the letter engine; printing it is in the access log (取扱規程 第35条).
. "$TOP/tests/cli-lib.sh"
setup
mkdir -m 700 "$TMP/bk"
printf 'backup_dir = %s/bk\n' "$TMP" > "$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"

expect_exit 2 as clerk1 ledger --format docx
expect_exit 2 "$MEIBO" ledger
has "$TMP/err" "log in"
expect_exit 0 as clerk1 ledger
L=$TMP/out
has "$L" "令和8年11月21日現在"
has "$L" "個人情報取扱台帳"
has "$L" "個人情報の取扱規程第24条"
[ "$(grep -c '^[0-9]*．' "$L")" -eq 23 ] || fail "expected 23 entries"
# every entry has the six columns of 第24条
for col in 利用目的： 保管場所： 保管方法： アクセス権限を有する者： 利用期限： 根拠：; do
    [ "$(grep -c "$col" "$L")" -eq 23 ] || fail "not every entry has $col"
done
has_word "$L" "1．会員番号"
has_word "$L" "5．氏名・フリガナ・英字氏名・生年月日・郵便番号・自宅住所"
has_word "$L" "14．アクセスログ"
has_word "$L" "16．印刷待ちの文書"
# 取扱規程 第25–28条: the staff register, the incident register and the inspections are listed too
has_word "$L" "17．従事者の秘密保持誓約書・教育の記録"
has_word "$L" "19．安全管理措置の評価"
# the purposes of item a come from the policy tables (第20条第1項(a))
has "$L" "・在籍確認等で他団体から求められる場合（第20条第1項(a)）"
# the places of this installation
has "$L" "（データベース $MEIBO_DB、日次バックアップ $TMP/bk）"
has "$L" "アクセス権限を有する者：従事者・個人情報管理者・個人情報総責任者"
has "$L" "アクセス権限を有する者：個人情報管理者・個人情報総責任者"
# retention from the retention table, with its article
has "$L" "利用期限：提供の日から。提供日から3年、その後廃棄・消去（個人情報保護法第29条第2項, 同法施行規則第21条）"
has "$L" "退会日（逝去は退会日、なければ最終更新日）から5年、その後廃棄・消去（規程 第17条, 取扱規程 第20条・第22条）"
has "$L" "照会の完結日（最後の判定の日）から1年、その後消去して匿名化（取扱規程 第9条, 規程 第17条）"

# the backups keep erased members until rotation (取扱規程 第19条, 第24条: 保管期間), and the
# people named on pledges and in the recipients register have a period of their own
sed -n '/^21．データベースのバックアップ/,/^22．/p' "$L" > "$TMP/item-backup"
has "$TMP/item-backup" "保管場所：バックアップフォルダの meibo-日時.db（暗号化の設定では .db.enc）（データベース $MEIBO_DB、日次バックアップ $TMP/bk）"
has "$TMP/item-backup" "利用期限：日次は直近14日分、月次は直近12か月分"
has "$TMP/item-backup" "消去した会員・削除した項目も、それより前のバックアップには最長12か月残る。復元の際は削除台帳と決定済みの請求により消去・訂正を改めて行う"
has "$L" "署名者の氏名・役職を消去する。誓約書の終了日（有効期限、取消しはその日）から3年、その後消去して匿名化"
has "$L" "団体の担当者の氏名を消去する。誓約書の終了日（有効期限、取消しはその日）から3年"

# generated, not written: a changed period and a changed policy show at once
as kanri retention set withdrawn_member --years 7 >/dev/null
as kanri policy edit purpose enrollment_check --items a,c --note 台帳の試験 >/dev/null
expect_exit 0 as clerk1 ledger
has "$L" "退会日（逝去は退会日、なければ最終更新日）から7年"
hasnt "$L" "最終更新日）から5年"
# item c (入会年月日) now serves the enrollment check too, in the newest policy version
sed -n '/^3．入会年月日/,/^4．/p' "$L" > "$TMP/item-c"
has "$TMP/item-c" "・在籍確認等で他団体から求められる場合（第20条第1項(a)）"

# the PDF, through the letter engine (IPAex Mincho embedded)
expect_exit 0 as mgr ledger --format pdf --out "$TMP/ledger.pdf"
has "$TMP/out" "ledger written to $TMP/ledger.pdf"
pdftotext -layout "$TMP/ledger.pdf" "$TMP/ledger.txt"
has "$TMP/ledger.txt" "個人情報取扱台帳"
has "$TMP/ledger.txt" "第三者提供の記録"
has "$TMP/ledger.txt" "削除台帳"
pdffonts "$TMP/ledger.pdf" | grep -q 'IPAexMincho.* yes ' || fail "font not embedded"
# no printer configured: a PDF without --out goes to the outbox
expect_exit 0 as mgr ledger --format pdf
has "$TMP/out" "ledger saved in the outbox: $TMP/outbox/ledger.pdf"

[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'ledger.print' AND member_no = ''")" -eq 4 ] ||
    fail "ledger prints are not in the access log"
[ "$(sqlite3 "$MEIBO_DB" "SELECT detail FROM audit_log WHERE action = 'ledger.print' ORDER BY id LIMIT 1")" = \
  "letter=ledger format=text to=stdout" ] || fail "ledger.print detail"
