# A telephone inquiry from the police about a member, from receipt to the chief officer's
# approval: identity checked, purpose and statute recorded (第20条第5項 但し書 class), an
# answer by telephone holds for the chief officer (第20条第2項); F5 shows the decision and
# its articles without recording; Ctrl-S records it; the chief officer approves it in the
# approvals queue with a comment, and the provision is recorded (個人情報保護法 第29条).
. "$TOP/tests/tui-lib.sh"
tui_setup
recipient 架空支部 member >/dev/null   # the register (規程 第20条第3–4項)
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
i
:save-display $TMP/empty
:type 警察 太郎
<Tab>
:type 架空県警察本部
<Tab>
:type 03-0000-0000
<Tab><Right><Right><Right><Right><Right><Right>
<Tab><Right>
<Tab>
:type 警察手帳と折り返し電話で確認
<Tab><Right><Right><Right><Right><Right><Right>
<Tab>
:type 刑事訴訟法第197条第2項
<Tab>
:type 架県刑第123号
<Tab><Tab>
:type 10000206
<Tab><Tab><Tab><Tab>a<Tab><Right>
<F5>
:save-display $TMP/decided
<C-S>
:save-display $TMP/recorded
S
run_tui
screen empty < "$SCREENS/inquiry-form.txt"
screen decided <<'X'
 meibo 会員名簿 | 第三者照会の受付（規程第19〜21条）          従事者一 (従事者)
 法令上の根拠              刑事訴訟法第197条第2項
 照会書の番号・日付        架県刑第123号
 緊急（第19条第1項第2号）  いいえ
 会員番号                  10000206
 氏名（番号が不明なとき）
 生年月日
 所属施設
 照会項目（a〜f）          a
 回答方法（第20条第2項）   [書面以外（電話等）] ←→
────────────────────────────────────────────────────────────────────────────────
 書面以外（電話等）
 判定: 保留  提供項目: a / a  (未記録)
 ・第20条第3項(g) 提供可能な相手方です: 日本の警察・検察・弁護士会
 ・第19条第1項第1号 法令 (刑事訴訟法第197条第2項) に基づく照会です (照会書 架県
 刑第123号)。第20条第1項の利用目的によらず、照会書が求める項目の提供を個人情報
 総責任者が判断します
 ・第20条第2項 提供は書面で行います。書面以外の方法には本会(個人情報総責任者)の
 同意が必要です (この同意は提供の方法についてのもので、誓約書その他の条件に代わ
 りません)
 ・取扱規程 第6条, 第19条第1項第1号 取扱規程第6条の誓約書は、本会業務および会員
 への連絡通知等に必要な場合に紙媒体で提供する条件です。本件は法令に基づく場合
 (第19条第1項第1号) による提供のため、誓約書を求めません
Tab/↑↓:項目 ←→:選択 F5:判定 Ctrl-S:記録 F6:印刷 Esc:戻る
X
screen_like recorded decided <<'X'
13  照会番号 1  判定: 保留  提供項目: a / a
24 記録しました: 照会番号 1 (承認待ち)
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT status FROM inquiries")" = pending ] || fail "the inquiry is not pending"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")" -eq 0 ] || fail "a hold provided something"

# a clerk cannot approve; the chief officer can
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
Aa
:save-display $TMP/clerk-approves
S
run_tui
grep -q '個人情報総責任者だけが行えます' "$TMP/clerk-approves" ||
    fail "the clerk's approval was not refused"
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/home
A<Enter>
:save-display $TMP/queue
a
:type 捜査関係事項照会書を確認
<Enter>
:save-display $TMP/approved
S
run_tui
screen_like home member-list.txt <<'X'
1  meibo 会員名簿 | 会員一覧                                  事務局長 (総責任者)
24 保留中の照会 1件・30日以内に期限の誓約書 0件（A・P で表示）
X
screen queue <<'X'
 meibo 会員名簿 | 保留中の照会（総責任者の承認）            事務局長 (総責任者)
   番号 受付日     照会者     所属 区分 [項目] 会員番号 保留理由
>     1 2026-11-21 警察 太郎 架空県警察本部 警察・検察・弁護士会 [a] 10000206 …






────────────────────────────────────────────────────────────────────────────────
 照会番号 1  警察 太郎 架空県警察本部 (警察・検察・弁護士会)   a  刑事訴訟法第
 197条第2項
 2026-11-21 10:00:00 clerk1 受付時の判定: 保留
   ・第20条第3項(g) 提供可能な相手方です: 日本の警察・検察・弁護士会
   ・第19条第1項第1号 法令 (刑事訴訟法第197条第2項) に基づく照会です (照会書 架
 県刑第123号)。第20条第1項の利用目的によらず、照会書が求める項目の提供を個人情
 報総責任者が判断します
   ・第20条第2項 提供は書面で行います。書面以外の方法には本会(個人情報総責任者)
 の同意が必要です (この同意は提供の方法についてのもので、誓約書その他の条件に代
 わりません)
   ・取扱規程 第6条, 第19条第1項第1号 取扱規程第6条の誓約書は、本会業務および会
 員への連絡通知等に必要な場合に紙媒体で提供する条件です。本件は法令に基づく場合
 (第19条第1項第1号) による提供のため、誓約書を求めません
Enter:判定理由 a:承認 d:不承認（総責任者）q:戻る
X
screen approved <<'X'
 meibo 会員名簿 | 保留中の照会（総責任者の承認）            事務局長 (総責任者)
   番号 受付日     照会者     所属 区分 [項目] 会員番号 保留理由

   保留中の照会はありません



















照会番号 1: 承認しました
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT status FROM inquiries")" = approved ] || fail "not approved"
# answered by telephone with the chief's consent (第20条第2項): the provision is recorded once
# it is given (issue 14), not at the approval
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")" -eq 0 ] || fail "recorded before given"
as clerk1 inquiry given 1 >/dev/null
[ "$(sqlite3 "$MEIBO_DB" "SELECT member_no || ' ' || items || ' ' || legal_basis FROM provisions")" = "10000206 a 1" ] ||
    fail "the provision is not recorded with its legal basis"

# paper to a branch officer (d: 本会会員・役員) needs a pledge (取扱規程 第6条): the inquiry holds
# until the pledge is recorded in the registry (P, n), which releases it
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
i
:type 支部 花子
<Tab>
:type 架空支部
<Tab>
:type 〒100-0002 東京都千代田区架空2-2-2
<Tab><Right><Right><Right>
<Tab><Right><Tab><Tab><Right><Right><Right><Right>
<Tab><Tab><Tab><Tab>
:type 10000201
<Tab><Tab><Tab><Tab>d
<C-S>
:save-display $TMP/pledge-hold
<F6>
:save-display $TMP/pledge-form
S
printf 'society_name = 架空循環器学会\nsecretariat_contact = 東京都千代田区架空1-1|03-0000-0000\noutbox = %s\n' \
    "$TMP/pledge-outbox" >"$TMP/pledge.conf"
run_tui --config "$TMP/pledge.conf"
grep -q '取扱規程 第6条' "$TMP/pledge-hold" || fail "the hold does not cite 取扱規程 第6条"
# F6 on an inquiry held for a pledge prints the pledge form for the recipient to sign
grep -q 'outbox に保存しました' "$TMP/pledge-form" || { cat "$TMP/pledge-form"; fail "no pledge form"; }
[ "$(find "$TMP/pledge-outbox" -name '*.pdf' | wc -l)" -eq 1 ] || fail "no pledge form PDF in the outbox"
[ "$(audit_count pledge.print clerk1)" -eq 1 ] || fail "the pledge form print is not logged"
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
Pn
:type 架空支部
<Tab>
:type 支部長 一郎
<Tab><Tab><Tab><Tab>
<Right><Right><Right><Right><Space>
<Tab>
<Right><Right><Right><Space>
:save-display $TMP/pledge-picked
<Tab>
:type 2027-03-31
<Tab>
:type 誓-2026-001
<C-S>
:save-display $TMP/pledge-recorded
S
run_tui
# issue 14: purposes and items are picked from the policy's lists, never typed as codes
screen pledge-picked <<'X'
 meibo 会員名簿 | 誓約書の登録                                  管理者 (管理者)
 提出者（団体・個人）      架空支部
 署名者の氏名              支部長 一郎
 署名者の役職
 受付日                    2026-11-21
 媒体（取扱規程第5・6条）  紙
 利用目的（第20条第1項）   役員・委員会の業務（第20条第1項(d)(e)(f)）
 項目（第20条第1項）       [x] (d) 所属施設名・住所 ←→ Space（1/6）
 有効期限
 文書番号（保管場所）











────────────────────────────────────────────────────────────────────────────────
 ←→:選択肢を移動  Space:選ぶ・外す（いくつでも）
Tab/↓/Enter:次 ↑:前 ←→:選択 Space:選ぶ Ctrl-S/F2:登録 Esc:戻る
X
screen pledge-recorded <<'X'
 meibo 会員名簿 | 誓約書の登録簿（取扱規程第5・6条）            管理者 (管理者)
 番号 状態     有効期限     文書番号   提出者 / 署名者  [項目] 目的
>   1 有効     2027-03-31   誓-2026-001 架空支部 / 支部長 一郎  [d] 役員・委員…




















誓約書を登録しました: 番号 1 (保留解除 1)
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT status FROM inquiries WHERE id = 2")" = decided ] ||
    fail "recording the pledge did not release the held inquiry"

# the member asks in writing for their own data (第22条): provided; F6 prints the answer
# into the outbox (no printer configured), and the print is in the access log
printf 'society_name = 架空循環器学会\nsecretariat_contact = 東京都千代田区架空1-1|03-0000-0000\noutbox = %s\n' \
    "$TMP/outbox" >"$TMP/letters.conf"
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
i<F6>
:save-display $TMP/print-first
:type 林 大輔
<Tab><Tab>
:type 東京都渋谷区架空5-5-5
<Tab><Tab><Right><Tab>
:type 運転免許証
<Tab><Tab><Tab><Tab><Tab>
:type 10000203
<Tab><Tab><Tab><Tab>a
<C-S><F6>
:save-display $TMP/printed
S
run_tui --config "$TMP/letters.conf"
grep -q '先に記録してください' "$TMP/print-first" || fail "printing before recording was not refused"
grep -q 'outbox に保存しました' "$TMP/printed" || { cat "$TMP/printed"; fail "the letter was not saved"; }
[ "$(find "$TMP/outbox" -name '*.pdf' | wc -l)" -eq 1 ] || fail "no PDF in the outbox"
[ "$(audit_count inquiry.print clerk1)" -eq 1 ] || fail "the print is not logged"

# an emergency (規程 第19条第1項第2号) is a ground of its own: the purpose field is not used; F5
# shows it held for the chief officer under 第19条第1項第2号, with no 第20条第1項 purpose
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
i
:type 髙橋 一郎
<Tab><Tab>
:type 090-0000-0000
<Tab><Right>
<Tab><Right>
<Tab>
:type 本人の兄、折り返し電話で確認
<Tab><Right><Right><Right><Right><Right><Right>
<Tab><Tab><Tab><Right>
<Tab>
:type 10000202
<Tab><Tab><Tab><Tab>e<Tab><Right>
:save-display $TMP/emergency-form
<F5>
:save-display $TMP/emergency
S
run_tui
grep -q '第19条第1項第2号 人の生命、身体又は財産の保護' "$TMP/emergency" ||
    { cat "$TMP/emergency"; fail "the emergency is not decided under 第19条第1項第2号"; }
grep -q '判定: 保留  提供項目: e / e' "$TMP/emergency" || { cat "$TMP/emergency"; fail "not held"; }
grep -q '利用目的（第20条第1項）   （なし' "$TMP/emergency-form" || fail "no purpose is picked"
! grep -q '利用目的「' "$TMP/emergency" || fail "an emergency was decided under a purpose"
