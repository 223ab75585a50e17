# Terminal behaviour: help generated from the action table; resize to 100x30 and back to
# 80x24 at any moment; below 80x24 a clear message; the idle lock (取扱規程 第30条) blanks the
# screen after the configured minutes and asks for the password, keeping an unsaved form;
# hostile text stored in the database is shown visibly, never sent as control characters;
# ambiguous-width characters (①) can be configured as two cells (meibo.conf(5)).
. "$TOP/tests/tui-lib.sh"
tui_setup

# help, then resizes
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
?
:save-display $TMP/help
jjjjjjjjjjjjjjjj
:save-display $TMP/help-end
q
:resize 100x30
:save-display $TMP/wide
:resize 60x20
:save-display $TMP/small
:resize 80x24
:save-display $TMP/back
S
run_tui
screen help <<'X'
 meibo 会員名簿 | ヘルプ: 会員一覧                            従事者一 (従事者)
  /                        検索語を入力
  s                        状態で絞り込み（切替）
  b                        支部で絞り込み
  p                        専門医で絞り込み（切替）
  a                        会員を追加
  L                        アクセス記録（第23条）
  i                        第三者照会を受け付ける（第20条）
  H                        照会の一覧・記録（開く・回答書の印刷）
  A                        保留中の照会（総責任者の承認）
  P                        誓約書の登録簿（取扱規程第5・6条）
  X                        名簿の出力（取扱規程第4〜6条）
  R                        開示等の請求（第22・23条）
  T                        個人情報取扱台帳（取扱規程第24条）
  o                        並び順を切り替え（会員番号・入会日・施設…）
  O                        並び順を選ぶ
  #                        該当件数を最後まで数える
  K                        照会の規程表（第20条）
  D                        提供しない照会者（第20条第4項(d)）
  I                        事故・違反の記録（取扱規程第26条）
  E                        管理者の検査報告（取扱規程第25条）
  U                        従事者の管理（取扱規程第27・28・33・34条）
  （続きは ↓ か j で）
q:戻る
X
# the lines below the screen, scrolled to (no "more" line once everything is shown)
screen help-end <<'X'
 meibo 会員名簿 | ヘルプ: 会員一覧                            従事者一 (従事者)
  T                        個人情報取扱台帳（取扱規程第24条）
  o                        並び順を切り替え（会員番号・入会日・施設…）
  O                        並び順を選ぶ
  #                        該当件数を最後まで数える
  K                        照会の規程表（第20条）
  D                        提供しない照会者（第20条第4項(d)）
  I                        事故・違反の記録（取扱規程第26条）
  E                        管理者の検査報告（取扱規程第25条）
  U                        従事者の管理（取扱規程第27・28・33・34条）
  S                        統計情報（会員数の集計表、個人を特定しない）
  ────────────────────────────────────────────────────────────────────────────
  <Up> k                   1行上へ
  <Down> j                 1行下へ
  <PgUp> <C-B>             前のページ
  <PgDown> <C-F> <Space>   次のページ
  <Home> g                 先頭へ
  <Enter> <KEnter>         開く・決定
  q <Esc>                  戻る・取消（会員一覧では終了するか尋ねる）
  Q                        終了（尋ねずに）
  ? <F1>                   ヘルプ
  <C-L>                    画面を再描画
  <F12> <C-X>              画面をロック（取扱規程第30条）
q:戻る
X
screen wide <<'X'
 meibo 会員名簿 | 会員一覧                                                        従事者一 (従事者)
 検索                                    全て 全支部 専門医:全て                                7件
 会員番号  氏名            フリガナ          所属施設                               支部       状態
>10000204  小林 真理       コバヤシ マリ     架空林業病院                           東海       在籍
 10000201  高橋 一郎       タカハシ イチロウ 架空中央病院                           関東甲信越 在籍
 10000202  髙橋 花子       タカハシ ハナコ   架空市民病院                           近畿       在籍
 10000206  田中 誠         タナカ マコト     架空博多病院                           九州       在籍
 10000203  林 大輔         ハヤシ ダイスケ   架空大学病院                           関東甲信越 在籍
 10000205  森 健           モリ ケン         架空森病院                             北海道・…  退会
 10000207  渡邊 明美       ワタナベ アケミ   架空岡山病院①                          中国・四国 在籍



















/:検索 Enter:詳細 s,b:絞込 a:追加 i:照会 A:承認 P:誓約書 R:請求 ?:ヘルプ Q:終了
X
screen small <<'X'
画面が小さすぎます（80×24 以上）



















X
screen back < "$SCREENS/member-list.txt"

# the idle lock: 5 minutes by default; the form and its input survive it
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000203<Enter><Enter>e
<Tab><Tab><Tab><Tab><C-U>大介
:idle 299
:save-display $TMP/not-yet
:idle 1
:save-display $TMP/locked
wrong<Enter>
:save-display $TMP/still-locked
:type $(cat "$TMP/clerk1.pw")
<Enter>
:save-display $TMP/unlocked
S
run_tui
screen locked <<'X'
 meibo 会員名簿 | 画面ロック（取扱規程第30条）



    画面をロックしました。clerk1 のパスワードで再開します。

    パスワード
















Enter:再開
X
screen_like still-locked locked <<'X'
24 利用者IDまたはパスワードが違います
X
screen unlocked <<'X'
 meibo 会員名簿 | 会員情報の編集 10000203                     従事者一 (従事者)
 10000203  林 大輔
 会員番号 *              10000203
 専門医番号              30103
 入会年月日 *            2001-10-01
 状態                    在籍
 姓 *                    林
 名 *                    大介
 セイ *                  ハヤシ
 メイ *                  ダイスケ
 英字氏名                HAYASHI Daisuke
 生年月日                ＊＊＊＊（F3で表示）
 郵便番号                ＊＊＊＊（F3で表示）
 自宅住所                ＊＊＊＊（F3で表示）
 メールアドレス          ＊＊＊＊（F3で表示）
 所属施設名              架空大学病院
 施設郵便番号            150-0003
 施設住所                東京都渋谷区架空6-6-6
 支部                    関東甲信越
 名簿掲載同意            はい
 第三者提供停止申出日    —  （申出書の記録から。詳細画面の o で）


Tab/↓/Enter:次 ↑:前 F3:秘匿項目を表示 Ctrl-S/F2:保存 Esc:戻る
X
grep -q '大介' "$TMP/not-yet" || fail "the form changed before the lock"

# a configured idle time
printf 'idle_lock_minutes = 1\nambiguous_width = 2\n' >"$TMP/meibo.conf"
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/ambiguous
:idle 60
:save-display $TMP/locked1
S
run_tui --config "$TMP/meibo.conf"
grep -q '画面をロックしました' "$TMP/locked1" || fail "idle_lock_minutes = 1 did not lock after a minute"
# ① takes two cells: the columns after it move left by one to stay aligned
grep -q '架空岡山病院①        中国' "$TMP/ambiguous" || fail "ambiguous_width = 2 not applied"

# hostile text in the database (written past the core, as by a tampered file)
sqlite3 "$MEIBO_DB" "UPDATE members SET family_name = char(27) || ']52;c;ZXZpbA==' || char(7) || '悪',
    given_name = char(27) || '[2J' || char(8238) || 'x' WHERE member_no = '10000206'"
login clerk1 >"$TMP/script"
printf ':save-display %s\n/10000206<Enter><Enter>\n:save-display %s\n' "$TMP/hostile" "$TMP/hostile-detail" >>"$TMP/script"
run_tui
screen hostile-detail <<'X'
 meibo | 会員詳細 10000206 ^[]52;c;ZXZpbA==^G悪 ^[[2J<U+202E… 従事者一 (従事者)
 基本情報
   会員番号              10000206
   姓                    ^[]52;c;ZXZpbA==^G悪
   名                    ^[[2J<U+202E>x
   セイ                  タナカ
   メイ                  マコト
   英字氏名              TANAKA Makoto
   状態                  在籍
   入会年月日            2012-04-01（平成24年4月1日）
 連絡先（秘匿項目）
   生年月日              ＊＊＊＊（r で表示・記録されます）
   郵便番号              ＊＊＊＊（r で表示・記録されます）
   自宅住所              ＊＊＊＊（r で表示・記録されます）
   メールアドレス        ＊＊＊＊（r で表示・記録されます）
 所属
   所属施設名            架空博多病院
   施設郵便番号          812-0002
   施設住所              福岡県福岡市博多区架空3-4-5
   支部                  九州
 資格
   専門医番号            —
 同意・第三者提供停止（第20条第5項）
r:秘匿項目の表示/伏せる e:編集 w:退会 i:照会 o:提供停止 q:戻る ?:ヘルプ
X

# help in each screen's own words (issue 14): n on the pledge screen records a pledge, on the
# exports screen requests an export; PgDn and Space page through the help, Home goes back
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
<Down>P?
:save-display $TMP/help-pledges
q<Esc>X?
:save-display $TMP/help-exports
q<Esc>?
<PgDown>
:save-display $TMP/help-pgdn
<Home>
:save-display $TMP/help-home
<Space>
:save-display $TMP/help-space
S
run_tui
grep -q "誓約書を登録" "$TMP/help-pledges" || fail "the pledge screen's help: $(cat "$TMP/help-pledges")"
! grep -q "会員を追加" "$TMP/help-pledges" || fail "the pledge screen's n is described as adding a member"
grep -q "名簿の提供（書き出し）を依頼" "$TMP/help-exports" || fail "the exports screen's help: $(cat "$TMP/help-exports")"
cmp -s "$TMP/help-pgdn" "$TMP/help-home" && fail "PgDn did not scroll the help"
cmp -s "$TMP/help-space" "$TMP/help-pgdn" || fail "Space did not page the help as PgDn does"
true
