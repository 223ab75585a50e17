# ambiguous_width = 2 (Tera Term, PuTTY in their CJK settings; issue 14): box-drawing
# characters are East Asian ambiguous, so lines are drawn with '-' (curses drew them as
# "qqqq" there), box-drawing characters in stored text become ASCII too, and text keeps its
# cells: ① counts two cells, the columns after it stay in place.
. "$TOP/tests/tui-lib.sh"
tui_setup
printf 'ambiguous_width = 2\n' >"$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"
as mgr member edit 10000203 facility_name='架空─病院' >/dev/null
as clerk1 request add --kind disclosure --member 10000201 --identity passport >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
o
:save-display $TMP/list
R<Enter>
d
:save-display $TMP/popup
S
run_tui
for f in list popup; do
    if grep -q '[─│┌┐└┘]' "$TMP/$f"; then cat "$TMP/$f"; fail "box-drawing characters on the $f screen"; fi
    hasnt "$TMP/$f" "qqqq"
done
has "$TMP/list" "架空-病院"
has "$TMP/list" " 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①        中国・四国 在籍"
has "$TMP/list" "^"
has "$TMP/popup" "--------------------"
