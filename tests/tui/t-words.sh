# Every screen in the clerk's language (issue 14): no stored code reaches a screen. The
# category picker of the inquiry form shows each category of 第20条第4項(c) once, in its own
# words (興信所, 報道機関), not the clause's shared text twice.
. "$TOP/tests/tui-lib.sh"
tui_setup
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
i<Tab><Tab><Tab>
<Right><Right><Right><Right><Right><Right><Right><Right><Right><Right>
:save-display $TMP/investigator
<Right>
:save-display $TMP/press
S
run_tui
screen investigator <<'X'
 meibo 会員名簿 | 第三者照会の受付（規程第19〜21条）          従事者一 (従事者)
 受付日                    2026-11-21
 受付方法                  電話
 照会者の氏名
 照会者の所属・団体
 回答先（住所・電話）
 照会者の区分（第20条）    [✕ 興信所 (第20条第4項(c))] ←→
 身元・目的の確認          未確認
 確認の方法
 利用目的（第20条第1項）   年次学術集会演題登録等の本会が実施する事業で必要と…
 法令上の根拠
 照会書の番号・日付
 緊急（第19条第1項第2号）  いいえ
 会員番号
 氏名（番号が不明なとき）
 生年月日
 所属施設
 照会項目（a〜f）
 回答方法（第20条第2項）   書面
 媒体（取扱規程第5・6条）  紙
────────────────────────────────────────────────────────────────────────────────
 ✕ 興信所 (第20条第4項(c))

Tab/↑↓:項目 ←→:選択 F5:判定 Ctrl-S:記録 F6:印刷 Esc:戻る
X
screen press <<'X'
 meibo 会員名簿 | 第三者照会の受付（規程第19〜21条）          従事者一 (従事者)
 受付日                    2026-11-21
 受付方法                  電話
 照会者の氏名
 照会者の所属・団体
 回答先（住所・電話）
 照会者の区分（第20条）    [✕ 報道機関 (第20条第4項(c))] ←→
 身元・目的の確認          未確認
 確認の方法
 利用目的（第20条第1項）   年次学術集会演題登録等の本会が実施する事業で必要と…
 法令上の根拠
 照会書の番号・日付
 緊急（第19条第1項第2号）  いいえ
 会員番号
 氏名（番号が不明なとき）
 生年月日
 所属施設
 照会項目（a〜f）
 回答方法（第20条第2項）   書面
 媒体（取扱規程第5・6条）  紙
────────────────────────────────────────────────────────────────────────────────
 ✕ 報道機関 (第20条第4項(c))

Tab/↑↓:項目 ←→:選択 F5:判定 Ctrl-S:記録 F6:印刷 Esc:戻る
X
