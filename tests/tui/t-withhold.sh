# Issue 14: whether a provision under a statute (a 捜査関係事項照会, 規程 第19条第1項第1号) is
# listed to the member in the disclosure notice (第22条第1項, 第5項) is the chief officer's
# decision per record, in the TUI too: a partial disclosure offers the member's statutory
# provisions one by one, after the ground (第22条第4項); the notice then lists the others only,
# in words (no internal code such as police or enrollment_check).
. "$TOP/tests/tui-lib.sh"
tui_setup
letter_setup
recipient 日本架空学会 academic >/dev/null   # the register (規程 第20条第3–4項)
as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --title 事務局長 \
    --received 2026-11-01 --media paper --purposes enrollment_check --items a \
    --valid-until 2027-10-31 --document 誓-2026-014 >/dev/null
add() { as clerk1 inquiry add --identity verified --contact "〒100-0011 東京都千代田区架空町1-2-3" "$@" >/dev/null; }
add --requester 山田太郎 --organization 日本架空学会 --category academic \
    --purpose enrollment_check --items a --member 10000201       # 1: provided on the pledge
add --requester 警察太郎 --organization 架空県警察本部 --category police \
    --legal-basis 刑事訴訟法第197条第2項 --legal-document 架県刑第123号 --items a \
    --member 10000201                                              # 2: a statute, the chief
as kanri inquiry approve 2 --comment 捜査関係事項照会書を確認 >/dev/null
as clerk1 inquiry print 1 --out "$TMP/a1.pdf" >/dev/null   # given: the provisions happen
as clerk1 inquiry print 2 --out "$TMP/a2.pdf" >/dev/null
as clerk1 request add --kind disclosure --member 10000201 --identity passport >/dev/null
police=$(sqlite3 "$MEIBO_DB" "SELECT id FROM provisions WHERE inquiry_id = 2")
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
R
d<Down><Enter>
<Enter>
:save-display $TMP/statutes
<Enter>
:type 捜査機関の照会の事実は捜査に支障を及ぼすおそれがある
<Enter>
:save-display $TMP/decided
S
run_tui
screen statutes <<'X'
 meibo 会員名簿 | 開示等の請求（規程第22・23条）            事務局長 (総責任者)
 番号 状態   期限         種別           会員番号 氏名         決定
>   1 受付   2026-12-05   開示           10000201 高橋 一郎
















         開示しない法令に基づく提供の記録（第22条第4項）
         ──────────────────────────────────────────────────────────────
         > 提供の記録 2  2026-11-21 架空県警察本部 （法令に基づく提供）
           その他の部分（項目名を入力）

X
[ "$(sqlite3 "$MEIBO_DB" "SELECT withheld FROM rights_requests WHERE id = 1")" = "provision:$police" ] ||
    fail "the statutory provision was not withheld"
as clerk1 request print 1 --format text > "$TMP/notice.txt"
has "$TMP/notice.txt" "日本架空学会"
hasnt "$TMP/notice.txt" "架空県警察本部"
for code in police academic agency enrollment_check; do hasnt "$TMP/notice.txt" "$code"; done
