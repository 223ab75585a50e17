# Letters printed again from where the work is (issue 14), through the one printing path: p on
# the pledge registry prints the pledge form renewing the chosen pledge (取扱規程 第6条); p in
# a member's detail reprints the letter of the member's newest opt-out (第20条第5項); with
# none, the screen says there is no letter.
. "$TOP/tests/tui-lib.sh"
tui_setup
letter_setup
recipient 架空患者の会 patient_group >/dev/null   # the register (規程 第20条第3–4項)
as mgr pledge add --recipient 架空患者の会 --signatory 山田太郎 --title 会長 \
    --received 2026-11-01 --media paper --purposes greetings_notices --items d \
    --valid-until 2027-10-31 --document 誓-2026-020 >/dev/null
as clerk1 optout add 10000204 --document 停-2026-001 --received 2026-11-10 >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
P
p
:save-display $TMP/pledge
q
<Enter>
p
:save-display $TMP/optout
q<Down>
<Enter>
p
:save-display $TMP/none
S
run_tui
sed -i "s#$TMP#TMP#" "$TMP/pledge" "$TMP/optout"
tail -n 1 "$TMP/pledge" > "$TMP/pledge.msg"
tail -n 1 "$TMP/optout" > "$TMP/optout.msg"
tail -n 1 "$TMP/none" > "$TMP/none.msg"
screen pledge.msg <<'X'
outbox に保存しました: TMP/outbox/pledge-request-renewal-1.pdf
X
screen optout.msg <<'X'
outbox に保存しました: TMP/outbox/optout-1-ack.pdf
X
screen none.msg <<'X'
第三者提供の停止の申出はありません。印刷する通知はありません
X
[ -f "$TMP/outbox/pledge-request-renewal-1.pdf" ] || { ls "$TMP/outbox"; fail "no renewal form"; }
