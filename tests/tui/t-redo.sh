# After a restore, the rights requests it could not apply again (規程 第23条, 取扱規程 第19条)
# are due on the home screen, by number, until they are done again; the request carried back
# as received is on the requests screen, overdue.
. "$TOP/tests/tui-lib.sh"
tui_setup
mkdir -m 700 "$TMP/bk"
printf 'backup_dir = %s/bk\n' "$TMP" > "$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"
as clerk1 request add --kind correction --member 10000202 --identity drivers_license \
    --received 2026-11-01 --content 所属施設の訂正 >/dev/null
as mgr backup >/dev/null
old=$(ls "$TMP"/bk/meibo-*.db)
as clerk1 request decide 1 --decision full --set facility_name=架空大学病院 >/dev/null
# decided before the decision's values were recorded (schema 024): it cannot be replayed
sqlite3 "$MEIBO_DB" "UPDATE rights_requests SET changes = '' WHERE id = 1"
"$MEIBO" restore "$old" >/dev/null

login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/home
R
:save-display $TMP/list
<Enter>
:save-display $TMP/shown
S
run_tui
tail -n 1 "$TMP/home" > "$TMP/home-line"
screen home-line <<'X'
復元でやり直す請求 1件（1番〜）　開示等の請求: 期限超過 1件・3日以内 0件（R）
X
sed -n 3p "$TMP/list" > "$TMP/list-line"
screen list-line <<'X'
>   1 受付   2026-11-15 ! 訂正           10000202 髙橋 花子
X
has "$TMP/shown" "復元で決定を再適用できず受付に戻しました: 決定をやり直してください（第23条）"
# done again: the home screen no longer names it
as clerk1 request decide 1 --decision full --set facility_name=架空大学病院 >/dev/null
login clerk1 >"$TMP/script"
printf ':save-display %s/home2\n' "$TMP" >>"$TMP/script"
run_tui
hasnt "$TMP/home2" "復元でやり直す請求"
