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
screen_like investigator inquiry-form.txt <<'X'
7  照会者の区分（第20条）    [✕ 興信所 (第20条第4項(c))] ←→
22  ✕ 興信所 (第20条第4項(c))
X
screen_like press inquiry-form.txt <<'X'
7  照会者の区分（第20条）    [✕ 報道機関 (第20条第4項(c))] ←→
22  ✕ 報道機関 (第20条第4項(c))
X

# the change history says what changed: 変更前 → 変更後 per field, in words; a masked field
# (the e-mail address: 秘匿項目) only that it changed, no value kept (issue 14)
as clerk1 member edit 10000201 --version 1 facility_name=架空総合病院 email=new@example.jp directory_consent=no >/dev/null
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM member_changes WHERE field = 'email' AND masked = 1
  AND old_value = '' AND new_value = ''")" -eq 1 ] || fail "a masked field's values were kept"
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000201<Enter><Enter>
<PgDown><PgDown><PgDown>
:save-display $TMP/history
S
run_tui
screen history <<'X'
 meibo 会員名簿 | 会員詳細 10000201 高橋 一郎                 従事者一 (従事者)
 同意・第三者提供停止（第20条第5項）
   名簿掲載同意          同意なし
   第三者提供停止申出日  —
   退会日                —
   退会理由              —
 変更履歴
   2026-11-21 10:00  clerk1     会員情報の変更 メールアドレス、所属施設名、名…
       メールアドレス: 変更あり（秘匿項目のため変更前・変更後は記録しません）
       所属施設名: 架空中央病院 → 架空総合病院
       名簿掲載同意: はい → いいえ
   2026-11-21 10:00  kanri      会員の登録
 提供記録（個人情報保護法第29条）
   （なし）
 照会の記録
   （なし）
 事故・違反（取扱規程第26条）
   （なし）





r:秘匿項目の表示/伏せる e:編集 w:退会 i:照会 o:提供停止 q:戻る ?:ヘルプ
X

# under --lang en the same codes are in English words, never the codes themselves
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
L
u
:type clerk1
<Enter>
:save-display $TMP/audit-en
S
run_tui --lang en
grep -q 'log in ' "$TMP/audit-en" || fail "the operations are not in English words: $(cat "$TMP/audit-en")"
grep -q 'member\.read\|login_failed\|member\.reveal' "$TMP/audit-en" && fail "a code reached the English screen"
true
