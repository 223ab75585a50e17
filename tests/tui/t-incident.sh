# The incident register in the terminal (取扱規程 第26条; 個人情報保護法 第26条, 施行規則 第8条):
# the home screen names incident reports overdue; the incidents screen (I) lists them, shows one
# with the reporting decision and its deadlines, records a new one whose affected members the
# core computes, records findings; closing is the manager's (第26条: the 個人情報管理者), and a
# clerk's attempt changes nothing; the member's detail lists the incidents touching the member.
. "$TOP/tests/tui-lib.sh"
tui_setup
# discovered 2026-11-15 with an improper purpose: the 速報 was due 2026-11-20, today is 11-21
as clerk1 incident add --kind leak --summary "不正アクセスにより会員情報が閲覧された" \
    --discovered 2026-11-15 --discovered-by 従事者一 --reported-to mgr --improper \
    --members 10000201,10000202 --items a,e,f >/dev/null
sql() { sqlite3 "$MEIBO_DB" "$1"; }

login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/home
I
:save-display $TMP/list
<Enter>
:save-display $TMP/shown
n
<Tab>
:type 照会回答書を別の照会者に誤送付
<Tab><Tab><Tab>
:type mgr
<Tab><Tab><Tab><Tab>
<Right><Right><Right><Right><Right><Right>
<Tab><Tab><Tab><Tab>
:type 10000203
<Tab>
:type a,d
:save-display $TMP/form
<C-S>
:save-display $TMP/added
<Down>u
<Tab>
:type 外部からの不正アクセス
<C-S>
c
<Enter>
:save-display $TMP/refused
q
<Down><Enter>
<PgDown>
:save-display $TMP/detail
S
run_tui
screen_like home member-list.txt <<'X'
24 事故の報告: 期限超過 1件・3日以内 0件（I）
X
screen list <<'X'
 meibo 会員名簿 | 事故・違反の記録（取扱規程第26条）          従事者一 (従事者)
 番号 状態   種別     判明日     人数 委員会 次の報告期限
>   1 対応中 漏えい   2026-11-15      2 要報告 速報 2026-11-20 !




















n:記録 Enter:表示 u:調査・報告 c:終了 p:報告案 N:本人通知 a:全て q:戻る
X
screen shown <<'X'
 meibo 会員名簿 | 事故・違反の記録（取扱規程第26条）          従事者一 (従事者)
 番号 状態   種別     判明日     人数 委員会 次の報告期限
>   1 対応中 漏えい   2026-11-15      2 要報告 速報 2026-11-20 !









────────────────────────────────────────────────────────────────────────────────
 事故 1  漏えい  対応中  判明日 2026-11-15
 不正アクセスにより会員情報が閲覧された
 発見者: 従事者一  報告先: mgr (2026-11-15)
 対象: 2人  会員番号、氏名・生年月日・自宅住所、メールアドレス
 原因: -
 直ちに行った対応: -
 再発防止策: -
 個人情報保護委員会への報告を要します（法第26条第1項）
   ● 不正の目的をもって行われたおそれがある行為（不正アクセス等）による漏えい…
 速報 2026-11-18〜2026-11-20 (-)  確報 2027-01-14 (-)
n:記録 Enter:表示 u:調査・報告 c:終了 p:報告案 N:本人通知 a:全て q:戻る
X
screen form <<'X'
 meibo 会員名簿 | 事故・違反の記録（取扱規程第26条）          従事者一 (従事者)
 種別                      漏えい
 何が起きたか              照会回答書を別の照会者に誤送付
 判明日                    2026-11-21
 発見者                    従事者一
 報告先の管理者（ID）      mgr
 発生日（不明なら空欄）
 原因
 直ちに行った対応
 対象会員の算出元          会員番号の一覧
 番号・ファイル・利用者ID
 期間の始め（記録）
 期間の終わり（記録）
 会員番号（一覧のとき）    10000203
 項目 a〜f（一覧のとき）   a,d
 財産的被害のおそれ        いいえ
 不正の目的のおそれ        いいえ




────────────────────────────────────────────────────────────────────────────────

Tab/↓/Enter:次 ↑:前 F3:秘匿項目を表示 Ctrl-S/F2:保存 Esc:戻る
X
screen added <<'X'
 meibo 会員名簿 | 事故・違反の記録（取扱規程第26条）          従事者一 (従事者)
 番号 状態   種別     判明日     人数 委員会 次の報告期限
>   2 対応中 漏えい   2026-11-21      1 -
    1 対応中 漏えい   2026-11-15      2 要報告 速報 2026-11-20 !



















事故 2 を記録しました（対象 1 人）
X
screen refused <<'X'
 meibo 会員名簿 | 事故・違反の記録（取扱規程第26条）          従事者一 (従事者)
 番号 状態   種別     判明日     人数 委員会 次の報告期限
    2 対応中 漏えい   2026-11-21      1 -
>   1 対応中 漏えい   2026-11-15      2 要報告 速報 2026-11-20 !



















個人情報管理者か総責任者だけが行えます
X
screen_like detail detail-history.txt <<'X'
1  meibo 会員名簿 | 会員詳細 10000201 高橋 一郎                 従事者一 (従事者)
14    事故 1  2026-11-15  漏えい  [a,e,f] 対応中
X
# the new incident's member and items were computed from the list; the clerk's finding recorded,
# the close refused and nothing closed
[ "$(sql "SELECT member_no || ':' || items FROM incident_members WHERE incident_id = 2")" = "10000203:a,d" ] ||
    fail "incident 2's affected member"
[ "$(sql "SELECT cause || ' ' || status FROM incidents WHERE id = 1")" = "外部からの不正アクセス open" ] ||
    fail "the clerk's finding was not recorded, or the incident was closed"
[ "$(audit_count incident.add clerk1)" -eq 2 ] || fail "incident.add not in the access log"
[ "$(audit_count incident.update clerk1)" -eq 1 ] || fail "incident.update not in the access log"

# --- the manager records the prompt report (速報): the next report due is the 確報 (60 days)
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
I
<Down>u
<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>
:type 2026-11-21
<C-S>
:save-display $TMP/reported
S
run_tui
screen reported <<'X'
 meibo 会員名簿 | 事故・違反の記録（取扱規程第26条）            管理者 (管理者)
 番号 状態   種別     判明日     人数 委員会 次の報告期限
    2 対応中 漏えい   2026-11-21      1 -
>   1 対応中 漏えい   2026-11-15      2 要報告 確報 2027-01-14



















事故 1 の記録を更新しました
X
[ "$(sql "SELECT prompt_reported_on FROM incidents WHERE id = 1")" = "2026-11-21" ] ||
    fail "the prompt report was not recorded"
