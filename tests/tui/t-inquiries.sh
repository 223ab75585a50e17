# The inquiry list (issue 14): every inquiry recorded (規程 第19–21条), newest first, read a
# page at a time with no row limit; Enter opens one with its decisions and reasons (wrapped,
# in words); p prints or reprints its letter through the one printing path — an inquiry held
# for a pledge (取扱規程 第6条) and later released by it, and one approved by the chief officer
# (第19条第1項第1号, 第20条第2項); the same list from a member's 照会の記録.
. "$TOP/tests/tui-lib.sh"
tui_setup
letter_setup
recipient 架空患者の会 patient_group >/dev/null   # the register (規程 第20条第3–4項)
add() { as clerk1 inquiry add --identity verified "$@" >/dev/null; }
# 1: a patients' group on paper waits for its pledge (取扱規程 第6条)
add --requester 山田太郎 --organization 架空患者の会 --category patient_group \
    --purpose greetings_notices --items d --member 10000204 \
    --contact "〒460-0001 愛知県名古屋市中区架空9-9-9"
# 2: the police under a statute wait for the chief officer (第19条第1項第1号)
add --requester 警察太郎 --organization 架空県警察本部 --category police \
    --legal-basis 刑事訴訟法第197条第2項 --legal-document 架県刑第123号 --items a \
    --member 10000204 --contact "〒100-0009 東京都千代田区架空10-10"
# 3..57: more than a page of others (keyset paging, no fixed row limit)
i=3
while [ $i -le 57 ]; do
    add --requester "照会者$i" --category self --purpose society_business --items a \
        --member 10000201 --contact "〒100-0001 東京都千代田区架空1-1-1"
    i=$((i + 1))
done
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
H
:save-display $TMP/list
<PgDown><PgDown><PgDown><PgDown>
:save-display $TMP/bottom
p
:save-display $TMP/pledge-form
<Up>
<Enter>
:save-display $TMP/held
p
:save-display $TMP/not-yet
S
run_tui
sed -i "s#$TMP#TMP#" "$TMP/pledge-form"
screen list <<'X'
 meibo 会員名簿 | 照会の一覧（規程第19〜21条）                従事者一 (従事者)
 番号  受付日     会員番号 照会者（所属）         項目  判定   状態
>   57 2026-11-21 10000201 照会者57               a     提供   判定済み
    56 2026-11-21 10000201 照会者56               a     提供   判定済み
    55 2026-11-21 10000201 照会者55               a     提供   判定済み
    54 2026-11-21 10000201 照会者54               a     提供   判定済み
    53 2026-11-21 10000201 照会者53               a     提供   判定済み
    52 2026-11-21 10000201 照会者52               a     提供   判定済み
    51 2026-11-21 10000201 照会者51               a     提供   判定済み
    50 2026-11-21 10000201 照会者50               a     提供   判定済み
    49 2026-11-21 10000201 照会者49               a     提供   判定済み
    48 2026-11-21 10000201 照会者48               a     提供   判定済み
    47 2026-11-21 10000201 照会者47               a     提供   判定済み
    46 2026-11-21 10000201 照会者46               a     提供   判定済み
    45 2026-11-21 10000201 照会者45               a     提供   判定済み
    44 2026-11-21 10000201 照会者44               a     提供   判定済み
    43 2026-11-21 10000201 照会者43               a     提供   判定済み
    42 2026-11-21 10000201 照会者42               a     提供   判定済み
    41 2026-11-21 10000201 照会者41               a     提供   判定済み
    40 2026-11-21 10000201 照会者40               a     提供   判定済み
    39 2026-11-21 10000201 照会者39               a     提供   判定済み
    38 2026-11-21 10000201 照会者38               a     提供   判定済み
  （続きは ↓ か j で）
↑↓:選択 Enter:照会を開く p:回答書を印刷 q:戻る ?:ヘルプ
X
screen bottom <<'X'
 meibo 会員名簿 | 照会の一覧（規程第19〜21条）                従事者一 (従事者)
 番号  受付日     会員番号 照会者（所属）         項目  判定   状態
    21 2026-11-21 10000201 照会者21               a     提供   判定済み
    20 2026-11-21 10000201 照会者20               a     提供   判定済み
    19 2026-11-21 10000201 照会者19               a     提供   判定済み
    18 2026-11-21 10000201 照会者18               a     提供   判定済み
    17 2026-11-21 10000201 照会者17               a     提供   判定済み
    16 2026-11-21 10000201 照会者16               a     提供   判定済み
    15 2026-11-21 10000201 照会者15               a     提供   判定済み
    14 2026-11-21 10000201 照会者14               a     提供   判定済み
    13 2026-11-21 10000201 照会者13               a     提供   判定済み
    12 2026-11-21 10000201 照会者12               a     提供   判定済み
    11 2026-11-21 10000201 照会者11               a     提供   判定済み
    10 2026-11-21 10000201 照会者10               a     提供   判定済み
     9 2026-11-21 10000201 照会者9                a     提供   判定済み
     8 2026-11-21 10000201 照会者8                a     提供   判定済み
     7 2026-11-21 10000201 照会者7                a     提供   判定済み
     6 2026-11-21 10000201 照会者6                a     提供   判定済み
     5 2026-11-21 10000201 照会者5                a     提供   判定済み
     4 2026-11-21 10000201 照会者4                a     提供   判定済み
     3 2026-11-21 10000201 照会者3                a     提供   判定済み
     2 2026-11-21 10000204 架空県警察本部         a     保留   総責任者の判断待…
>    1 2026-11-21 10000204 架空患者の会           d     保留   誓約書待ち
↑↓:選択 Enter:照会を開く p:回答書を印刷 q:戻る ?:ヘルプ
X
screen_like pledge-form bottom <<'X'
24 outbox に保存しました: TMP/outbox/pledge-request-inquiry-1.pdf
X
screen held <<'X'
 meibo 会員名簿 | 照会番号 2                                  従事者一 (従事者)
 照会番号 2  状態: 総責任者の判断待ち  判定: 保留
 受付日: 2026-11-21（書面）  記録: 2026-11-21 10:00:00 clerk1
 照会者の氏名: 警察太郎／架空県警察本部
 回答先（住所・電話）: 〒100-0009 東京都千代田区架空10-10
 照会者の区分（第20条）: 日本の警察・検察・弁護士会
 身元・目的の確認: 確認済み
 法令上の根拠: 刑事訴訟法第197条第2項 架県刑第123号
 会員: 10000204  照会項目（a〜f）: a
 回答方法（第20条第2項）: 書面  媒体（取扱規程第5・6条）: 紙

 【受付時の判定】 2026-11-21 10:00 clerk1  判定: 保留・総責任者の判断待ち  提供
 項目: a
   ・第20条第3項(g) 提供可能な相手方です: 日本の警察・検察・弁護士会
   ・第19条第1項第1号 法令 (刑事訴訟法第197条第2項) に基づく照会です (照会書 架
 県刑第123号)。第20条第1項の利用目的によらず、照会書が求める項目の提供を個人情
 報総責任者が判断します
   ・取扱規程 第6条, 第19条第1項第1号 取扱規程第6条の誓約書は、本会業務および会
 員への連絡通知等に必要な場合に紙媒体で提供する条件です。本件は法令に基づく場合
 (第19条第1項第1号) による提供のため、誓約書を求めません



p:回答書を印刷 a:住所 t:電話で回答済み v:誤登録の取消 q:戻る ?:ヘルプ
X
screen_like not-yet held <<'X'
24 総責任者の承認待ちです。回答書は承認の後に印刷できます（第20条第2項）
X
ls "$TMP/outbox" | grep -q 'pledge' || fail "the pledge form was not put in the outbox"

# the pledge arrives (inquiry 1 released) and the chief approves inquiry 2: both print now
as mgr pledge add --recipient 架空患者の会 --signatory 山田太郎 --title 会長 \
    --received 2026-11-21 --media paper --purposes greetings_notices --items d \
    --valid-until 2027-10-31 --document 誓-2026-020 >/dev/null
as kanri inquiry approve 2 --comment 捜査関係事項照会書を確認 >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
<Enter>
H
:save-display $TMP/member-list
<Enter>
:save-display $TMP/approved
p
:save-display $TMP/printed
q<Down><Enter>
:save-display $TMP/released
p
:save-display $TMP/printed2
S
run_tui
sed -i "s#$TMP#TMP#" "$TMP/printed" "$TMP/printed2"
screen member-list <<'X'
 meibo 会員名簿 | 照会の記録 10000204                         従事者一 (従事者)
 番号  受付日     会員番号 照会者（所属）         項目  判定   状態
>    2 2026-11-21 10000204 架空県警察本部         a     提供   承認済み
     1 2026-11-21 10000204 架空患者の会           d     提供   判定済み



















↑↓:選択 Enter:照会を開く p:回答書を印刷 q:戻る ?:ヘルプ
X
screen approved <<'X'
 meibo 会員名簿 | 照会番号 2                                  従事者一 (従事者)
 照会番号 2  状態: 承認済み  判定: 提供
 受付日: 2026-11-21（書面）  記録: 2026-11-21 10:00:00 clerk1
 照会者の氏名: 警察太郎／架空県警察本部
 回答先（住所・電話）: 〒100-0009 東京都千代田区架空10-10
 照会者の区分（第20条）: 日本の警察・検察・弁護士会
 身元・目的の確認: 確認済み
 法令上の根拠: 刑事訴訟法第197条第2項 架県刑第123号
 会員: 10000204  照会項目（a〜f）: a
 回答方法（第20条第2項）: 書面  媒体（取扱規程第5・6条）: 紙

 【受付時の判定】 2026-11-21 10:00 clerk1  判定: 保留・総責任者の判断待ち  提供
 項目: a
   ・第20条第3項(g) 提供可能な相手方です: 日本の警察・検察・弁護士会
   ・第19条第1項第1号 法令 (刑事訴訟法第197条第2項) に基づく照会です (照会書 架
 県刑第123号)。第20条第1項の利用目的によらず、照会書が求める項目の提供を個人情
 報総責任者が判断します
   ・取扱規程 第6条, 第19条第1項第1号 取扱規程第6条の誓約書は、本会業務および会
 員への連絡通知等に必要な場合に紙媒体で提供する条件です。本件は法令に基づく場合
 (第19条第1項第1号) による提供のため、誓約書を求めません

 【総責任者の承認】 2026-11-21 10:00 kanri  判定: 提供  提供項目: a
   コメント: 捜査関係事項照会書を確認
p:回答書を印刷 a:住所 t:電話で回答済み v:誤登録の取消 q:戻る ?:ヘルプ
X
screen_like printed approved <<'X'
24 outbox に保存しました: TMP/outbox/inquiry-2-answer.pdf
X
screen released <<'X'
 meibo 会員名簿 | 照会番号 1                                  従事者一 (従事者)
 照会番号 1  状態: 判定済み  判定: 提供
 受付日: 2026-11-21（書面）  記録: 2026-11-21 10:00:00 clerk1
 照会者の氏名: 山田太郎／架空患者の会
 回答先（住所・電話）: 〒460-0001 愛知県名古屋市中区架空9-9-9
 照会者の区分（第20条）: 患者会その他本会の取り扱い分野と密接な関係を有する団体
 身元・目的の確認: 確認済み
 利用目的（第20条第1項）: 挨拶状や告知等を本会会員や他団体が送付(メールアドレス
 は送信)する場合
 会員: 10000204  照会項目（a〜f）: d
 回答方法（第20条第2項）: 書面  媒体（取扱規程第5・6条）: 紙

 【受付時の判定】 2026-11-21 10:00 clerk1  判定: 保留・誓約書待ち  提供項目: d
   ・第20条第3項(i) 提供可能な相手方です: 患者会その他本会の取り扱い分野と密接
 な関係を有する団体
   ・第20条第1項(d) 所属施設名・住所: 利用目的「挨拶状や告知等を本会会員や他団
 体が送付(メールアドレスは送信)する場合」に該当します
   ・取扱規程 第6条 紙媒体での提供には、この相手方から紙媒体・利用目的・項目 d
 を含む有効な誓約書の提出が必要です

 【誓約書による解除】 2026-11-21 10:00 mgr  判定: 提供  提供項目: d
   ・第20条第3項(i) 提供可能な相手方です: 患者会その他本会の取り扱い分野と密接
 な関係を有する団体
p:回答書を印刷 a:住所 t:電話で回答済み v:誤登録の取消 q:戻る ?:ヘルプ
X
screen_like printed2 released <<'X'
24 outbox に保存しました: TMP/outbox/inquiry-1-answer.pdf
X
[ "$(ls "$TMP/outbox" | grep -c answer)" -eq 2 ] || { ls "$TMP/outbox"; fail "expected the two answers in the outbox"; }
[ "$(audit_count inquiry.print clerk1)" -eq 2 ] || fail "the answers' printing was not logged"

# a requester who gave only a telephone number: no letter until the address is entered (a),
# then it prints with the addressee block (第20条第2項: the answer is written, and mailed)
add --requester 電話太郎 --category self --purpose society_business --items a \
    --member 10000201 --contact "03-0000-0058"
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
H<Enter>
p
:save-display $TMP/no-address
a
:type 〒100-0001 東京都千代田区架空1-1-1
<Enter>
:save-display $TMP/address
p
:save-display $TMP/mailed
S
run_tui
sed -i "s#$TMP#TMP#" "$TMP/mailed"
tail -n 1 "$TMP/no-address" > "$TMP/no-address.msg"
screen no-address.msg <<'X'
郵送先の住所がありません: 照会の記録（H）の a で入力します（第20条第2項）
X
screen address <<'X'
 meibo 会員名簿 | 照会番号 58                                 従事者一 (従事者)
 照会番号 58  状態: 判定済み  判定: 提供
 受付日: 2026-11-21（書面）  記録: 2026-11-21 10:00:00 clerk1
 照会者の氏名: 電話太郎
 回答先（住所・電話）: 03-0000-0058
 郵送先の住所: 〒100-0001 東京都千代田区架空1-1-1
 照会者の区分（第20条）: 本人
 身元・目的の確認: 確認済み
 利用目的（第20条第1項）: 役員及び委員会の業務や会合情報周知等の本会が実施する
 事業で必要となる場合
 会員: 10000201  照会項目（a〜f）: a
 回答方法（第20条第2項）: 書面  媒体（取扱規程第5・6条）: 紙

 【受付時の判定】 2026-11-21 10:00 clerk1  判定: 提供  提供項目: a
   ・第20条第3項(a) 提供可能な相手方です: 本人
   ・第22条第1項 本人からの照会は保有個人データの開示として扱います







回答先の住所を記録しました。p で印刷できます
X
tail -n 1 "$TMP/mailed" > "$TMP/mailed.msg"
screen mailed.msg <<'X'
outbox に保存しました: TMP/outbox/inquiry-58-answer.pdf
X
[ -f "$TMP/outbox/inquiry-58-answer.pdf" ] || fail "the answer was not printed once the address was entered"

# issue 14: the record of provision (個人情報保護法 第29条) is written when the answer goes out,
# not when it is decided; an inquiry recorded by mistake is voided (v, with the reason,
# audited) and nothing is ever recorded as provided on it; an answer by telephone that the
# chief officer consented to (第20条第2項) is marked given (t)
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id = 57")" -eq 0 ] ||
    fail "a provision was recorded for an answer never printed"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id IN (1, 2, 58)")" -eq 3 ] ||
    fail "the printed answers' provisions are not recorded"
add --requester 警察次郎 --organization 架空県警察本部 --category police \
    --legal-basis 刑事訴訟法第197条第2項 --legal-document 架県刑第125号 --items a \
    --member 10000201 --method other --channel phone --contact "〒100-0009 東京都千代田区架空10-10"
as kanri inquiry approve 59 --comment 折り返し電話で確認済み >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
H<Down><Down><Enter>
v
:type 別の会員の照会と取り違えて記録
<Enter>
:save-display $TMP/voided
q<Up><Up><Enter>
t
y
:save-display $TMP/given
S
run_tui
screen voided <<'X'
 meibo 会員名簿 | 照会番号 57                                 従事者一 (従事者)
 照会番号 57  状態: 取消（誤登録）  判定: 提供
 取消の理由: 別の会員の照会と取り違えて記録（2026-11-21 10:00）
 受付日: 2026-11-21（書面）  記録: 2026-11-21 10:00:00 clerk1
 照会者の氏名: 照会者57
 回答先（住所・電話）: 〒100-0001 東京都千代田区架空1-1-1
 照会者の区分（第20条）: 本人
 身元・目的の確認: 確認済み
 利用目的（第20条第1項）: 役員及び委員会の業務や会合情報周知等の本会が実施する
 事業で必要となる場合
 会員: 10000201  照会項目（a〜f）: a
 回答方法（第20条第2項）: 書面  媒体（取扱規程第5・6条）: 紙

 【受付時の判定】 2026-11-21 10:00 clerk1  判定: 提供  提供項目: a
   ・第20条第3項(a) 提供可能な相手方です: 本人
   ・第22条第1項 本人からの照会は保有個人データの開示として扱います







照会番号 57 を誤登録として取り消しました
X
tail -n 1 "$TMP/given" > "$TMP/given.msg"
screen given.msg <<'X'
電話で回答済みとして提供を記録しました（個人情報保護法第29条）
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE inquiry_id = 59")" -eq 1 ] ||
    fail "the answer by telephone was not recorded as given"
[ "$(sqlite3 "$MEIBO_DB" "SELECT void_reason FROM inquiries WHERE id = 57")" = 別の会員の照会と取り違えて記録 ] ||
    fail "the void was not recorded"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions_pending WHERE inquiry_id = 57")" -eq 0 ] ||
    fail "the voided inquiry still has a provision to give"
[ "$(audit_count inquiry.void clerk1)" -eq 1 ] || fail "the void was not audited"
