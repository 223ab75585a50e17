# In a real terminal (tmux, 80x24): log in, type 高橋 into the incremental search as a
# terminal IME sends it (UTF-8 text) and see both 高橋 and the variant 髙橋; Enter goes to the
# list, Enter opens the detail, q comes back, Q quits, and the terminal is given back.
. "$TOP/tests/tmux/tmux-lib.inc"
tui_setup
tm_start
tm_login mgr
tm_wait_settled "7件" "every member listed"
has_word "$TMP/pane" "10000207  渡邊 明美"

tm_keys /
tm_wait "入力で絞り込み" "the search hints"
tm_type 高橋
tm_wait_settled "2件" "two hits for 高橋"
has "$TMP/pane" " 検索 高橋 "
has "$TMP/pane" " 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          関東甲信越 在籍"
has "$TMP/pane" " 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          近畿       在籍"
hasnt "$TMP/pane" "田中"
hasnt "$TMP/pane" "小林"

# Enter: back to the list, the cursor on the first hit
tm_keys Enter
tm_wait ">10000201  高橋 一郎" "the cursor on the first hit"
# Down, Enter: the detail of the variant-kanji member
tm_keys Down
tm_wait ">10000202  髙橋 花子" "the cursor on the second hit"
tm_keys Enter
tm_wait_settled "会員詳細 10000202 髙橋 花子" "the detail of 10000202"
has "$TMP/pane" "架空市民病院"
has "$TMP/pane" "＊＊＊＊"
hasnt "$TMP/pane" "hanako.takahashi@example.jp"

# q: back to the list, the search kept
tm_keys q
tm_wait_gone "会員詳細" "the detail to close"
tm_wait_settled ">10000202  髙橋 花子" "the list as it was"
has "$TMP/pane" " 検索 高橋 "

# Q: quit; the terminal is restored
tm_keys Q
rc=$(tm_wait_exit)
[ "$rc" = 0 ] || fail "meibo exited with $rc after Q"
