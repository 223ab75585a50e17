# Members' rights in the terminal (規程 第20条第5項, 第22–23条): the home screen names the
# requests overdue and nearly due; the requests screen lists them by due date, shows one,
# records a correction through the audited member edit, prints the notice (第22条第5項) and
# completes it; refusing is the chief officer's (規程 第10条第2項); from a member's detail the
# written opt-out is recorded (third parties refused at once) and withdrawn.
. "$TOP/tests/tui-lib.sh"
tui_setup
cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 | TEL 03-0000-0000
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"
# today is 2026-11-21 (MEIBO_NOW): 1 is overdue, 2 nearly due, 3 due in 14 days
as clerk1 request add --kind disclosure --member 10000201 --identity passport \
    --received 2026-11-01 >/dev/null
as clerk1 request add --kind correction --member 10000202 --identity drivers_license \
    --received 2026-11-08 --content 所属施設の訂正 --document 訂-2026-001 >/dev/null
as clerk1 request add --kind disclosure --member 10000203 --identity passport >/dev/null
sql() { sqlite3 "$MEIBO_DB" "$1"; }

# --- a clerk: the home notice, the list, one request; a correction granted, printed, completed
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/home
R
:save-display $TMP/list
<Down><Enter>
:save-display $TMP/shown
d<Enter>
:type facility_name=架空大学病院
<Enter>
:type 転勤による
<Enter>
:save-display $TMP/decided
p
:save-display $TMP/printed
c
y
:save-display $TMP/completed
<Up>d<Down><Down><Enter><Enter>
<Enter>
:save-display $TMP/clerk-refuses
S
run_tui
screen_like home member-list.txt <<'X'
24 開示等の請求: 期限超過 1件・3日以内 1件（R）
X
screen list <<'X'
 meibo 会員名簿 | 開示等の請求（規程第22・23条）              従事者一 (従事者)
 番号 状態   期限         種別           会員番号 氏名         決定
>   1 受付   2026-11-15 ! 開示           10000201 高橋 一郎
    2 受付   2026-11-22 ~ 訂正           10000202 髙橋 花子
    3 受付   2026-12-05   開示           10000203 林 大輔


















n:受付 Enter:詳細 d:決定 p:印刷 c:完了 a:全件 q:戻る（!超過 ~3日以内）
X
screen shown <<'X'
 meibo 会員名簿 | 開示等の請求（規程第22・23条）              従事者一 (従事者)
 番号 状態   期限         種別           会員番号 氏名         決定
    1 受付   2026-11-15 ! 開示           10000201 高橋 一郎
>   2 受付   2026-11-22 ~ 訂正           10000202 髙橋 花子
    3 受付   2026-12-05   開示           10000203 林 大輔













────────────────────────────────────────────────────────────────────────────────
 請求番号 2  訂正（第23条第1項）  受付  期限 2026-11-22 残り1日
 10000202 髙橋 花子  受付 2026-11-08 書面
 本人確認の方法（第22条）: 運転免許証  文書番号（請求書の保管先）: 訂-2026-001
 手数料（円）: 0  請求の内容: 所属施設の訂正
n:受付 Enter:詳細 d:決定 p:印刷 c:完了 a:全件 q:戻る（!超過 ~3日以内）
X
screen decided <<'X'
 meibo 会員名簿 | 開示等の請求（規程第22・23条）              従事者一 (従事者)
 番号 状態   期限         種別           会員番号 氏名         決定
    1 受付   2026-11-15 ! 開示           10000201 高橋 一郎
>   2 決定済 2026-11-22 ~ 訂正           10000202 髙橋 花子    全部
    3 受付   2026-12-05   開示           10000203 林 大輔









────────────────────────────────────────────────────────────────────────────────
 請求番号 2  訂正（第23条第1項）  決定済  期限 2026-11-22 残り1日
 10000202 髙橋 花子  受付 2026-11-08 書面
 本人確認の方法（第22条）: 運転免許証  文書番号（請求書の保管先）: 訂-2026-001
 手数料（円）: 0  請求の内容: 所属施設の訂正
 決定: 全部 (2026-11-21 clerk1)
   転勤による
   訂正した項目: 所属施設名
   通知 -  完了 -
決定を記録しました: 請求番号 2: 全部
X
# the correction went through the audited member edit (第23条第1項, 取扱規程 第23条)
[ "$(sql "SELECT f.name FROM members m JOIN facilities f ON f.id = m.facility_id WHERE m.member_no = '10000202'")" = 架空大学病院 ] ||
    fail "the member was not corrected"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'member.update' AND user_login = 'clerk1' AND member_no = '10000202' AND detail = 'fields=facility_name'")" -eq 1 ] ||
    fail "the correction is not in the access log as a member edit"
# the notice went to the outbox (no printer) and completed the request
grep -q "outbox に保存しました: $TMP/outbox/request-2-correction.pdf" "$TMP/printed" || fail "not printed"
has "$TMP/printed" "通知 2026-11-21  完了 -"
[ -s "$TMP/outbox/request-2-correction.pdf" ] || fail "no notice in the outbox"
has_word "$TMP/completed" "完了しました: 請求番号 2"
hasnt "$TMP/completed" "10000202"
[ "$(sql "SELECT status || ' ' || completed_by FROM rights_requests WHERE id = 2")" = "completed clerk1" ] ||
    fail "request 2 is not completed"
# refusing is the chief officer's: the core refuses the clerk, nothing changes
has "$TMP/clerk-refuses" "個人情報総責任者だけが行えます"
[ "$(sql "SELECT status FROM rights_requests WHERE id = 1")" = received ] || fail "the clerk refused a request"

# --- the chief officer refuses request 1 with a 第22条第4項 reason chosen from the table
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
R
d<Down><Down><Enter>
:save-display $TMP/reasons
<Enter>
:type 第三者の権利利益を害するおそれ
<Enter>
:save-display $TMP/refused
S
run_tui
screen reasons <<'X'
 meibo 会員名簿 | 開示等の請求（規程第22・23条）            事務局長 (総責任者)
 番号 状態   期限         種別           会員番号 氏名         決定
>   1 受付   2026-11-15 ! 開示           10000201 高橋 一郎
    3 受付   2026-12-05   開示           10000203 林 大輔












  理由（規程第22条第4項・第23条）
  ────────────────────────────────────────────────────────────────────────────
  > 第22条第4項第1号 本人又は第三者の生命、身体、財産その他の権利利益を害する…
    第22条第4項第2号 本会の業務の適正な実施に著しい支障を及ぼすおそれがある場…
    第22条第4項第3号 他の日本の法令に違反することとなる場合
    第22条第1項 ご本人（又はその代理人）であることを確認できない場合
    第22条第1項 代理人によるお申出で、代理権を確認できない場合

X
has "$TMP/refused" "決定を記録しました: 請求番号 1: 応じない"
has "$TMP/refused" "決定: 応じない (2026-11-21 kanri)  第22条第4項第1号 本人又は第三者の生命"
[ "$(sql "SELECT decision || ' ' || reason || ' ' || decided_by FROM rights_requests WHERE id = 1")" = "none harm kanri" ] ||
    fail "the refusal is not stored"

# --- opt-out intake from the member's detail (第20条第5項), then its withdrawal
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000206
<Enter><Enter>
o
:save-display $TMP/oform
<Tab>
:type 停-2026-001
<C-S>
:save-display $TMP/orecorded
y
:save-display $TMP/oprinted
:exec "$MEIBO" --user clerk1 --password-file "$TMP/clerk1.pw" inquiry decide --member 10000206 --category academic --purpose enrollment_check --items a --identity verified --json > "$TMP/decided-after"
o
:save-display $TMP/wform
<Tab>
:type 撤-2026-001
<C-S>
:save-display $TMP/withdrawn
n
S
run_tui
screen oform <<'X'
 meibo 会員名簿 | 提供停止の申出（第20条第5項） 10000206      従事者一 (従事者)
 本人の書面による申出を記録します。記録した時から第三者照会は拒否されます。

 申出書の受付日            2026-11-21
 文書番号（申出書の保管先）
 受付方法                  書面

















Tab/↓/Enter:次 ↑:前 F3:秘匿項目を表示 Ctrl-S/F2:保存 Esc:戻る
X
has "$TMP/orecorded" "本人への通知書を印刷しますか？ (y/n)"
has_word "$TMP/orecorded" "記録しました: 受付番号 1"
grep -q "outbox に保存しました: $TMP/outbox/optout-1-ack.pdf" "$TMP/oprinted" || fail "the notice was not printed"
# a third-party inquiry weighs the opt-out at once (第20条第5項); this requester still owes its
# pledge, so its next step is the same as for anyone (取扱規程 第6条), refused once it is on file
has "$TMP/decided-after" '"hold":["pledge"]'
has "$TMP/decided-after" '{"code":"opted_out","article":"第20条第5項"'
has_word "$TMP/wform" "提供停止の撤回（第20条第5項） 10000206"
has "$TMP/wform" "本人の書面による撤回を記録します。"
has_word "$TMP/withdrawn" "撤回を記録しました: 受付番号 1"
[ "$(sql "SELECT document_no || ' ' || recorded_by || ' ' || withdrawal_document_no || ' ' || withdrawn_by FROM member_optouts")" = \
  "停-2026-001 clerk1 撤-2026-001 clerk1" ] || fail "the opt-out and its withdrawal are not stored"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action IN ('optout.add', 'optout.withdraw', 'optout.print') AND member_no = '10000206'")" -eq 3 ] ||
    fail "the opt-out intake is not in the access log"

# --- a request by telephone (第20条第5項): the interim stop, 書面待ち, no document number; the
# letter asking for the written application printed from the same screen
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000204
<Enter><Enter>
o
<Tab><Tab><Right>
:save-display $TMP/pform
<C-S>
:save-display $TMP/precorded
y
:save-display $TMP/pprinted
S
run_tui
screen_like pform oform <<'X'
1  meibo 会員名簿 | 提供停止の申出（第20条第5項） 10000204      従事者一 (従事者)
6  受付方法                  [電話（暫定停止・書面待ち、文書番号なし）] ←→
X
has_word "$TMP/precorded" "暫定停止を記録しました（書面待ち）: 受付番号 2"
has "$TMP/precorded" "書面による申出のお願いを印刷しますか？ (y/n)"
grep -q "outbox に保存しました: $TMP/outbox/optout-2-request.pdf" "$TMP/pprinted" ||
    fail "the letter asking for the written application was not printed"
[ "$(sql "SELECT channel || ' [' || document_no || '] ' || coalesce(written_on, 'NULL') FROM member_optouts WHERE id = 2")" = \
  "phone [] NULL" ] || fail "the telephone request was not stored as the interim stop"
