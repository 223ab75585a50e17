# The manager's inspection report on screen (取扱規程 第25条; E in the member list) and the staff
# register (U: pledge 第27条, training 第28条, fixed-term approval 第33条, term end 第34条, with
# their dates); p prints the report; a clerk may open neither.
. "$TOP/tests/tui-lib.sh"
tui_setup
as mgr user add --pledge-on 2026-11-02 temp1 --name "派遣一" --role clerk --fixed-term \
    --term-end 2027-03-31 --new-password-file "$(pw temp1)" >/dev/null
as mgr user add nop1 --name "誓約未提出" --role clerk --new-password-file "$(pw nop1)" >/dev/null
as kanri user approve temp1 >/dev/null
as mgr user training clerk1 --on 2026-06-10 --topic "個人情報保護研修" >/dev/null
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
U
:save-display $TMP/staff
<Down><Down><Down><Down>
:save-display $TMP/staff2
q
E
:save-display $TMP/report
<PgDown>
:save-display $TMP/report2
p
:save-display $TMP/printed
q
S
run_tui
screen staff <<'X'
 meibo 会員名簿 | 従事者の管理（取扱規程第27・28・33・34条）    管理者 (管理者)
 利用者ID     氏名         権限             状態               雇用期間の終了
>clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
 nop1         誓約未提出   従事者           誓約書が未登録     -
 temp1        派遣一       従事者           有効               2027-03-31









────────────────────────────────────────────────────────────────────────────────
 clerk1　従事者一
 権限・状態：従事者・有効
 雇用期間の終了日（第34条）：なし
 秘密保持の誓約書（第27条）：2026-04-01
 教育・訓練（第28条）：2026-06-10 個人情報保護研修
 ログインの失敗（第33条）：なし
n:追加 x:無効化 u:待機解除 p:パスワード a:承認 t:終了日 s:誓約書 e:研修 q:戻る
X
screen staff2 <<'X'
 meibo 会員名簿 | 従事者の管理（取扱規程第27・28・33・34条）    管理者 (管理者)
 利用者ID     氏名         権限             状態               雇用期間の終了
 clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
 nop1         誓約未提出   従事者           誓約書が未登録     -
>temp1        派遣一       従事者           有効               2027-03-31








────────────────────────────────────────────────────────────────────────────────
 temp1　派遣一
 権限・状態：従事者・有効
 雇用期間の終了日（第34条）：2027-03-31
 期間の定めのある従事者（第33条）：総責任者の承認 kanri 2026-11-21
 秘密保持の誓約書（第27条）：2026-11-02
 教育・訓練（第28条）：なし （過去12か月に記録なし）
 ログインの失敗（第33条）：なし
n:追加 x:無効化 u:待機解除 p:パスワード a:承認 t:終了日 s:誓約書 e:研修 q:戻る
X
screen report <<'X'
 meibo 会員名簿 | 検査報告（取扱規程第25条）                    管理者 (管理者)
 令和8年11月21日

 個人情報総責任者　殿


 個人情報管理者　管理者

     個人データの安全管理措置の評価（検査）報告書

 　個人情報の取扱規程第25条に基づき、令和8年10月22日から令和8年11月21日までの個
   人情報の取扱いを同規程第24条の個人情報取扱台帳および会員管理システムの記録に
   より検査しましたので、下記のとおり報告します。

     記

 １．検査の範囲
     期間：令和8年10月22日〜令和8年11月21日（アクセスログ 25行）
     執務時間：08:30〜18:00（平日）（meibo.conf の office_hours）
     指摘事項：8件

 ２．従事者ごとの取扱い（取扱規程第23条・第35条）
     利用者ID　閲覧／表示／変更／出力／検索／照会（提供・一部・拒否・保留・該当
↑↓:1行 PgUp/PgDn:ページ p:印刷 q:戻る
X
screen report2 <<'X'
 meibo 会員名簿 | 検査報告（取扱規程第25条）                    管理者 (管理者)
     利用者ID　閲覧／表示／変更／出力／検索／照会（提供・一部・拒否・保留・該当
       なし）／執務時間外
     kanri　0／0／8／0／0／0（0・0・0・0・0）／15
     mgr　1／0／0／0／1／0（0・0・0・0・0）／9
     system　0／0／0／0／0／0（0・0・0・0・0）／1

 ３．執務時間外のアクセス
     ・kanri：15件（1日）【指摘】
     ・mgr：9件（1日）【指摘】

 ４．通常を大きく超える閲覧・表示
     基準：1日の閲覧（または伏せ字の表示）の件数が、その従事者の1日あたり件数の
       中央値（記録のある日について）の5倍を超え、かつ200件を超える日
     指摘事項なし

 ５．従事者の管理（取扱規程第27条・第28条・第33条・第34条）
     ・kanri（事務局長）：過去12か月に教育・訓練の記録がない（最終 なし、取扱規
       程第28条）【指摘】
     ・mgr（管理者）：過去12か月に教育・訓練の記録がない（最終 なし、取扱規程第
       28条）【指摘】
     ・nop1（誓約未提出）：秘密保持の誓約書が登録されていない（取扱規程第27条）
       【指摘】
↑↓:1行 PgUp/PgDn:ページ p:印刷 q:戻る
X
sed -i "s|$TMP|/tmp/meibo-tui.XXXXXX|g" "$TMP/printed"
screen_like printed report2 <<'X'
24 outbox に保存しました: /tmp/meibo-tui.XXXXXX/outbox/inspection-0.pdf
X
[ "$(audit_count inspect.print mgr)" -eq 1 ] || fail "the printed report is not in the access log"
# a clerk: neither screen
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
E
:save-display $TMP/clerk
S
run_tui
grep -q "個人情報管理者か総責任者だけが行えます" "$TMP/clerk" || { cat "$TMP/clerk"; fail "a clerk opened the inspection"; }
