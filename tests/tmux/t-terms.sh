# Keys over a real terminal for each TERM a clerk's SSH session may carry (issue 14): tmux
# sends its own sequences for Home, End, PgDn, F1 (CSI \e[1~, \e[6~, SS3 \eOP) whatever the
# pane's terminfo entry says; vt100 has no Home, End, PgUp, PgDn at all, vt220 calls Home
# and End Find and Select. Each is a key or nothing, never Esc (戻る, quit) plus "[6~" typed
# into the search; sequences no entry knows (ctrl-Up, F13) are dropped whole; a sequence
# that arrives split is still one key; a bare Esc is still 戻る; Esc on the list asks first.
. "$TOP/tests/tmux/tmux-lib.inc"
tui_setup
for term in vt100 vt220 xterm screen tmux-256color; do
    TM_SESSION=$(echo "$term" | tr -c 'a-z0-9\n' _)
    TM_TERM=$term tm_start
    tm_login mgr
    tm_wait_settled "7件" "every member listed ($term)"
    tm_keys Down Down Down
    tm_wait ">10000206" "the cursor on the fourth row ($term)"
    # Home: the first row (under vt100 it was Esc, quitting, and "[1~" left on the prompt)
    tm_keys Home
    tm_wait ">10000204" "Home to the first row ($term)"
    tm_keys End
    # unknown sequences: ctrl-Up, F13, shift-F1 (xterm's), a keypad 5: nothing happens
    tm_keys -H 1b 5b 31 3b 35 41
    tm_keys -H 1b 5b 32 35 7e
    tm_keys -H 1b 4f 32 50
    tm_keys -H 1b 5b 45
    tm_keys j
    tm_wait ">10000201" "j after the dropped sequences ($term)"
    tm_settle
    hasnt "$TMP/pane" "終了しますか"
    hasnt "$TMP/pane" "[1;5A"
    hasnt "$TMP/pane" "25~"
    # PgDn in a member's detail pages the detail (it went back and typed "[6~")
    tm_keys Enter
    tm_wait_settled "会員詳細 10000201" "the detail ($term)"
    tm_keys NPage
    tm_wait_gone "基本情報" "PgDn in the detail ($term)"
    has_word "$TMP/pane" "会員詳細 10000201"
    # a sequence split over a slow link: ESC [ 6 now, ~ after more than ESCDELAY
    tm_keys PPage
    tm_wait "基本情報" "PgUp in the detail ($term)"
    tm_keys -H 1b 5b 36
    sleep 0.3
    tm_keys -H 7e
    tm_wait_gone "基本情報" "a split PgDn ($term)"
    has_word "$TMP/pane" "会員詳細 10000201"
    # F1 (SS3) and F5-style CSI keys: the help, back with a bare Esc
    tm_keys F1
    tm_wait "ヘルプ: 会員詳細" "F1 ($term)"
    tm_keys Escape
    tm_wait_gone "ヘルプ: 会員詳細" "Esc closes the help ($term)"
    tm_keys Escape
    tm_wait_settled "会員一覧" "Esc closes the detail ($term)"
    hasnt "$TMP/pane" "[6~"
    hasnt "$TMP/pane" "~"
    # Esc on the list asks; n stays; Q quits at once, the terminal given back
    tm_keys Escape
    tm_wait "meibo を終了しますか" "Esc on the list asks ($term)"
    tm_keys n
    tm_wait_gone "終了しますか" "n keeps meibo ($term)"
    tm_keys Q
    if infocmp -1 "$term" | grep -q smcup; then
        rc=$(tm_wait_exit)
    else
        # no alternate screen in the entry: the last screen stays, as for any program
        tm_wait "EXITED " "meibo to exit ($term)"
        has "$TMP/pane" "TTY RESTORED"
        [ "$(tm_fmt '#{cursor_flag}')" = 1 ] || fail "the cursor is still hidden ($term)"
        : >"$TMP/pane.done"
        rc=$(sed -n 's/^.*EXITED \([0-9]*\)$/\1/p' "$TMP/pane")
    fi
    [ "$rc" = 0 ] || fail "meibo exited with $rc after Q ($term)"
done
