# The test harness itself (issue 15, tests; the brief's rule: no test that cannot fail): a
# screen that differs from its expected text fails, whole (screen) or as a near copy
# (screen_like); nothing turns such a comparison into a pass: a blessing run (BLESS_DIR,
# tools/bless-screens) writes the screens drawn and compares none, so tests/run-tests.sh counts
# none of its tests as passed and fails; GOLDEN_UPDATE and MEIBO_GOLDEN_UPDATE, which rewrite a
# golden file before comparing it, do not reach a test that run-tests.sh runs. And word_in
# (has_word): an expected number is not found inside another number.
. "$TOP/tests/cli-lib.sh"
H=$TMP/h
mkdir "$H" "$H/bless"

# the same screen; a screen of 13件 where 3件 is expected; a near copy with its line wrong
cat >"$H/t-same.sh" <<'EOF'
. "$TOP/tests/tui-lib.sh"
printf '%s\n' " 会員一覧" "3件" >"$TMP/list"
screen list <<'X'
 会員一覧
3件
X
EOF
cat >"$H/t-differs.sh" <<'EOF'
. "$TOP/tests/tui-lib.sh"
printf '%s\n' " 会員一覧" "13件" >"$TMP/list"
screen list <<'X'
 会員一覧
3件
X
EOF
cat >"$H/t-like-differs.sh" <<'EOF'
. "$TOP/tests/tui-lib.sh"
printf '%s\n' " 会員一覧" "3件" >"$TMP/list"
screen list <<'X'
 会員一覧
3件
X
printf '%s\n' " 会員一覧" "4件" >"$TMP/list2"
screen_like list2 list <<'X'
2 5件
X
EOF
# a test that fails if a golden-update switch reached it
cat >"$H/t-golden.sh" <<'EOF'
[ -z "${GOLDEN_UPDATE:-}" ] && [ -z "${MEIBO_GOLDEN_UPDATE:-}" ] ||
    { echo "a golden-update switch reached the test"; exit 1; }
EOF

# run CMD...: CMD's exit code in $rc, its output in $TMP/out and $TMP/err
run() { set +e; "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; set -e; }
R=$TOP/tests/run-tests.sh

# comparisons that are run: the same screen passes, a different one fails (either form)
run env BLESS_DIR= "$R" tui "$H/t-same.sh"
[ "$rc" -eq 0 ] || { cat "$TMP/out" "$TMP/err"; fail "the same screen did not pass"; }
has "$TMP/out" "tui: 1 passed, 0 failed"
run env BLESS_DIR= "$R" tui "$H/t-differs.sh"
[ "$rc" -ne 0 ] || fail "a screen of 13件 passed for 3件"
has "$TMP/out" "tui: 0 passed, 1 failed"
has "$TMP/err" "FAIL: screen list differs from the expected one"
run env BLESS_DIR= "$R" tui "$H/t-like-differs.sh"
[ "$rc" -ne 0 ] || fail "a screen_like whose changed line differs passed"
has "$TMP/err" "FAIL: screen list2 differs from the expected one"

# a blessing run: the screens drawn are written, none is compared, and none counts as a pass
run env BLESS_DIR="$H/bless" "$R" tui "$H/t-differs.sh" "$H/t-like-differs.sh" "$H/t-same.sh"
[ "$rc" -ne 0 ] || fail "a run with BLESS_DIR set passed"
has "$TMP/out" "tui: 0 passed, 0 failed, 3 ran to write their screens"
has "$TMP/err" "tui: BLESS_DIR is set: screens written, nothing checked"
has_word "$H/bless/list2" "4件"
run env BLESS_DIR="$H/bless" "$R" tui "$H/t-same.sh"
[ "$rc" -ne 0 ] || fail "a run with BLESS_DIR set passed (a single test)"
has "$TMP/out" "tui: 0 passed, 0 failed, 1 ran to write their screens"

# golden updates stay outside run-tests.sh (a test that rewrote its golden file would pass)
run env GOLDEN_UPDATE=1 MEIBO_GOLDEN_UPDATE=1 "$R" cli "$H/t-golden.sh"
[ "$rc" -eq 0 ] || { cat "$TMP/out" "$TMP/err"; fail "GOLDEN_UPDATE reached a test run by run-tests.sh"; }
GOLDEN_UPDATE=1 sh "$H/t-golden.sh" >/dev/null && fail "t-golden.sh cannot see a golden-update switch"

# word_in: a whole word where the expected text begins or ends with a letter or digit
printf '%s\n' "全13件" "clerk12" '{"persons":31}' "110,000件以上" >"$TMP/words"
for w in 3件 13件 clerk1 '"persons":3' 10,000件以上; do
    case $w in 13件) word_in "$TMP/words" "$w" || fail "word_in: $w not found" ;;
    *) ! word_in "$TMP/words" "$w" || fail "word_in: $w found inside another number" ;;
    esac
done
printf '%s\n' "（3件）" "user clerk1." '"persons":3}' "照会 10,000件以上" >"$TMP/words"
for w in 3件 clerk1 '"persons":3' 10,000件以上; do
    word_in "$TMP/words" "$w" || fail "word_in: $w not found"
done
