# The 個人情報取扱台帳 on screen (取扱規程 第24条): T in the member list opens it, read-only, each
# entry with its purposes, place, method, who may access it and its retention, wrapped to the
# terminal's width without starting a line with closing punctuation; q goes back.
. "$TOP/tests/tui-lib.sh"
tui_setup
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
T
:save-display $TMP/top
<PgDown>
:save-display $TMP/page2
g
<Down>
:save-display $TMP/line2
q
:save-display $TMP/back
S
run_tui
# the temporary folder's name changes each run; its length does not
for f in top page2 line2; do sed -i "s|$TMP|/tmp/meibo-tui.XXXXXX|g" "$TMP/$f"; done
screen top <<'X'
 meibo 会員名簿 | 個人情報取扱台帳（取扱規程第24条）          従事者一 (従事者)
 1．会員番号
     利用目的：
       ・会員の管理、会員への連絡通知（取扱規程第2条）
       ・年次学術集会演題登録等の本会が実施する事業で必要となる場合（第20条第1
         項(a)）
       ・在籍確認等で他団体から求められる場合（第20条第1項(a)）
     保管場所：会員管理システム members 表（データベース
       /tmp/meibo-tui.XXXXXX/meibo.db、日次バックアップ
       /tmp/meibo-tui.XXXXXX/backups）
     保管方法：電子データ
     アクセス権限を有する者：従事者・個人情報管理者・個人情報総責任者
     利用期限：在籍中および退会後。退会日（逝去は退会日、なければ最終更新日）か
       ら5年、その後廃棄・消去（規程 第17条, 取扱規程 第20条・第22条）
     根拠：規程 第20条第1項(a), 取扱規程 第1条・第18条
 2．循環器専門医番号
     利用目的：
       ・専門医資格の管理
       ・循環器専門医資格に関する申請等の本会が実施する事業で必要となる場合（第
         20条第1項(b)(c)）
       ・他団体における資格更新等で他団体から求められる場合（第20条第1項
         (b)(c)）
     保管場所：会員管理システム members 表（データベース
↑↓:1行 PgUp/PgDn:ページ g:先頭 q:戻る
X
screen page2 <<'X'
 meibo 会員名簿 | 個人情報取扱台帳（取扱規程第24条）          従事者一 (従事者)
     保管場所：会員管理システム members 表（データベース
       /tmp/meibo-tui.XXXXXX/meibo.db、日次バックアップ
       /tmp/meibo-tui.XXXXXX/backups）
     保管方法：電子データ
     アクセス権限を有する者：従事者・個人情報管理者・個人情報総責任者
     利用期限：在籍中および退会後。退会日（逝去は退会日、なければ最終更新日）か
       ら5年、その後廃棄・消去（規程 第17条, 取扱規程 第20条・第22条）
     根拠：規程 第20条第1項(b)
 3．入会年月日
     利用目的：
       ・会員資格の管理
       ・循環器専門医資格に関する申請等の本会が実施する事業で必要となる場合（第
         20条第1項(b)(c)）
       ・他団体における資格更新等で他団体から求められる場合（第20条第1項
         (b)(c)）
     保管場所：会員管理システム members 表（データベース
       /tmp/meibo-tui.XXXXXX/meibo.db、日次バックアップ
       /tmp/meibo-tui.XXXXXX/backups）
     保管方法：電子データ
     アクセス権限を有する者：従事者・個人情報管理者・個人情報総責任者
     利用期限：在籍中および退会後。退会日（逝去は退会日、なければ最終更新日）か
       ら5年、その後廃棄・消去（規程 第17条, 取扱規程 第20条・第22条）
↑↓:1行 PgUp/PgDn:ページ g:先頭 q:戻る
X
screen line2 <<'X'
 meibo 会員名簿 | 個人情報取扱台帳（取扱規程第24条）          従事者一 (従事者)
     利用目的：
       ・会員の管理、会員への連絡通知（取扱規程第2条）
       ・年次学術集会演題登録等の本会が実施する事業で必要となる場合（第20条第1
         項(a)）
       ・在籍確認等で他団体から求められる場合（第20条第1項(a)）
     保管場所：会員管理システム members 表（データベース
       /tmp/meibo-tui.XXXXXX/meibo.db、日次バックアップ
       /tmp/meibo-tui.XXXXXX/backups）
     保管方法：電子データ
     アクセス権限を有する者：従事者・個人情報管理者・個人情報総責任者
     利用期限：在籍中および退会後。退会日（逝去は退会日、なければ最終更新日）か
       ら5年、その後廃棄・消去（規程 第17条, 取扱規程 第20条・第22条）
     根拠：規程 第20条第1項(a), 取扱規程 第1条・第18条
 2．循環器専門医番号
     利用目的：
       ・専門医資格の管理
       ・循環器専門医資格に関する申請等の本会が実施する事業で必要となる場合（第
         20条第1項(b)(c)）
       ・他団体における資格更新等で他団体から求められる場合（第20条第1項
         (b)(c)）
     保管場所：会員管理システム members 表（データベース
       /tmp/meibo-tui.XXXXXX/meibo.db、日次バックアップ
↑↓:1行 PgUp/PgDn:ページ g:先頭 q:戻る
X
grep -q '^>10000204  小林 真理' "$TMP/back" || fail "q did not go back to the member list"

# English labels (the entries are the society's own words, in Japanese)
login clerk1 >"$TMP/script"
printf 'T\n:save-display %s/en\n' "$TMP" >>"$TMP/script"
run_tui --lang en
grep -q 'Personal-data ledger (Rules Art. 24)' "$TMP/en" || fail "English title"
grep -q '^     Purposes: *$' "$TMP/en" || fail "English labels: $(cat "$TMP/en")"

# the chief officer's permissions in force end the ledger, as on paper (規程 第16条), in words:
# no purpose code ("directory") on the screen; End goes to the last page
org=$(recipient "架空印刷株式会社" contractor)
as kanri permission grant --export directory --recipient "$org" --media paper --until 2027-03-31 \
    --note "年次名簿の印刷" >/dev/null
login clerk1 >"$TMP/script"
printf 'T\n<End>\n:save-display %s/end\n' "$TMP" >>"$TMP/script"
run_tui
grep -q '^ 個人データの複写・持出しの許可（規程第16条：個人情報総責任者の事前の許可）' "$TMP/end" ||
    fail "no permissions heading: $(cat "$TMP/end")"
grep -q '^     1．［常時］日次バックアップ' "$TMP/end" || fail "the backup permission of init: $(cat "$TMP/end")"
grep -q '^     2．［常時］会員名簿を架空印刷株式会社へ紙で 年次名簿の印刷' "$TMP/end" ||
    fail "the export permission: $(cat "$TMP/end")"
grep -qE '^         2026-11-21 kanri 許可、期限：2027-03-31([^0-9]|$)' "$TMP/end" || fail "granted, until: $(cat "$TMP/end")"
grep -q 'directory' "$TMP/end" && fail "a purpose code on the screen"
true
