# The member's detail: birth date, postal code, home address and email masked until the
# clerk reveals them with r; opening the detail is a logged read and each reveal is written
# to the access log (取扱規程 第23条). Dates show their 和暦.
. "$TOP/tests/tui-lib.sh"
tui_setup
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000202<Enter><Enter>
:save-display $TMP/masked
S
run_tui
screen masked <<'X'
 meibo 会員名簿 | 会員詳細 10000202 髙橋 花子                 従事者一 (従事者)
 基本情報
   会員番号              10000202
   姓                    髙橋
   名                    花子
   セイ                  タカハシ
   メイ                  ハナコ
   英字氏名              TAKAHASHI Hanako
   状態                  在籍
   入会年月日            2015-04-01（平成27年4月1日）
 連絡先（秘匿項目）
   生年月日              ＊＊＊＊（r で表示・記録されます）
   郵便番号              ＊＊＊＊（r で表示・記録されます）
   自宅住所              ＊＊＊＊（r で表示・記録されます）
   メールアドレス        ＊＊＊＊（r で表示・記録されます）
 所属
   所属施設名            架空市民病院
   施設郵便番号          530-0002
   施設住所              大阪府大阪市北区架空4-4-4
   支部                  近畿
 資格
   専門医番号            —
 同意・第三者提供停止（第20条第5項）
r:秘匿項目の表示/伏せる e:編集 w:退会 i:照会 o:提供停止 q:戻る ?:ヘルプ
X
[ "$(audit_count member.read clerk1)" -eq 1 ] || fail "opening the detail is not logged"
[ "$(audit_count member.reveal clerk1)" -eq 0 ] || fail "a reveal was logged without r"

login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000202<Enter><Enter>r
:save-display $TMP/revealed
<PgDown>
:save-display $TMP/history
S
run_tui
screen revealed <<'X'
 meibo 会員名簿 | 会員詳細 10000202 髙橋 花子                 従事者一 (従事者)
 基本情報
   会員番号              10000202
   姓                    髙橋
   名                    花子
   セイ                  タカハシ
   メイ                  ハナコ
   英字氏名              TAKAHASHI Hanako
   状態                  在籍
   入会年月日            2015-04-01（平成27年4月1日）
 連絡先（秘匿項目）
   生年月日              1982-07-07（昭和57年7月7日）
   郵便番号              530-0001
   自宅住所              大阪府大阪市北区架空3-3-3
   メールアドレス        hanako.takahashi@example.jp
 所属
   所属施設名            架空市民病院
   施設郵便番号          530-0002
   施設住所              大阪府大阪市北区架空4-4-4
   支部                  近畿
 資格
   専門医番号            —
 同意・第三者提供停止（第20条第5項）
秘匿項目を表示しました（アクセス記録に残ります）
X
screen history < "$SCREENS/detail-history.txt"
[ "$(audit_count member.reveal clerk1)" -eq 1 ] || fail "the reveal is not logged"
[ "$(sqlite3 "$MEIBO_DB" "SELECT member_no FROM audit_log WHERE action = 'member.reveal'")" = 10000202 ] ||
    fail "the reveal names the wrong member"

# r again hides the masked fields (issue 14); the edit form opened then shows them masked and
# logs no reveal until F3, which is logged like r (取扱規程 第23条)
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000202<Enter><Enter>r
r
:save-display $TMP/hidden
e
:save-display $TMP/form-masked
<F3>
:save-display $TMP/form-shown
<Esc>
S
run_tui
grep -q "＊＊＊＊" "$TMP/hidden" || fail "r again did not hide the masked fields"
grep -q "秘匿項目を伏せました" "$TMP/hidden" || fail "hiding is not said"
grep -q "自宅住所 *＊＊＊＊（F3で表示）" "$TMP/form-masked" || fail "the edit form showed the address unasked"
[ "$(audit_count member.reveal clerk1)" -eq 3 ] ||
    fail "reveals: $(audit_count member.reveal clerk1), want 3 (r earlier, r now, F3)"
grep -q "＊＊＊＊（F3で表示）" "$TMP/form-shown" && fail "F3 did not show the masked fields"
true
