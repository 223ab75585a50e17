# The list's count never delays a keystroke (issue 17): past 10,000 matches it says
# 10,000件以上 at once and counts them all only when # asks; a capped count stays exact below.
. "$TOP/tests/tui-lib.sh"
setup
as kanri demo --members 10050 --seed 7 >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/capped
<Down>#
:save-display $TMP/exact
/林
:save-display $TMP/small
S
run_tui
head -n 2 "$TMP/capped" | word_in - "10,000件以上（#:数える）" || fail "the count was not capped: $(head -n 2 "$TMP/capped")"
head -n 2 "$TMP/exact" | word_in - "10,050件" || fail "# did not count every member: $(head -n 2 "$TMP/exact")"
want=$(as clerk1 search 林 --count)
[ "$want" -lt 10000 ] || fail "林 should be a small list"
shown=$(head -n 2 "$TMP/small" | sed -n 's/.* \([0-9,]*\)件＋施設名\([0-9,]*\)件$/\1 \2/p' | tr -d ,)
[ -n "$shown" ] && [ $((${shown% *} + ${shown#* })) -eq "$want" ] ||
    fail "a small count is not exact: $(head -n 2 "$TMP/small") (want $want in all)"
