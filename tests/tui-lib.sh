# tui-lib.sh: the scripted screen harness (after tig's): helpers sourced by tests/tui/*.sh.
# meibo reads keys from $MEIBO_SCRIPT and draws into memory; ":save-display FILE" writes the
# screen as text, which a test compares with the expected screen in a heredoc. LANG, TZ,
# TERM, the size (80x24) and the clock are pinned by tests/run-tests.sh and cli-lib.sh.
. "$TOP/tests/cli-lib.sh"

# tui_setup: the accounts of cli-lib.sh and the members of tests/fixtures/tui-members.csv
tui_setup() {
    setup
    as kanri import "$FIXTURES/tui-members.csv" >/dev/null
}

# login LOGIN: script lines that log in as LOGIN (its password from cli-lib.sh's pw)
login() {
    printf '%s\n<Tab>\n:type %s\n<Enter>\n' "$1" "$(cat "$TMP/$1.pw")"
}

# run_tui [meibo-args...]: run the script in $TMP/script (stdin of the heredoc style is not
# used: the script is a file, as in tig)
run_tui() {
    MEIBO_SCRIPT="$TMP/script" timeout 60 "$MEIBO" "$@" </dev/null >"$TMP/tui.out" 2>"$TMP/tui.err" ||
        { cat "$TMP/tui.err"; fail "meibo exited with $?"; }
}

# screen NAME: compare $TMP/NAME (written by :save-display) with the expected text on stdin
screen() {
    cat >"$TMP/$1.expected"
    # tools/bless-screens: keep the screen drawn, for the expected text of a changed screen (a
    # blessing run goes on past a changed screen, and run-tests.sh never counts it as a pass)
    [ -n "${BLESS_DIR:-}" ] && { cp "$TMP/$1" "$BLESS_DIR/$1"; return 0; }
    if ! diff -u "$TMP/$1.expected" "$TMP/$1" >"$TMP/$1.diff"; then
        cat "$TMP/$1.diff"
        fail "screen $1 differs from the expected one"
    fi
}

# SCREENS: expected screens that more than one test draws (tests/tui/screens/NAME.txt), each
# compared whole by one test (screen NAME < "$SCREENS/NAME.txt") and by others with screen_like
SCREENS=$TOP/tests/tui/screens

# screen_like NAME BASE: screen NAME, whose expected text is BASE's with the lines given on
# stdin changed: a line "N TEXT" makes line N read TEXT (no stdin lines: the same screen). BASE
# is an earlier screen of this test, or FILE.txt: $SCREENS/FILE.txt. For a screen that is
# another one with a line or two changed (the message line after an action): the lines they
# share are written once. tools/bless-screens rewrites the changed lines from the screen drawn.
screen_like() {
    case $2 in
    *.txt) _base=$SCREENS/$2 ;;
    *) _base=$TMP/$2.expected ;;
    esac
    [ -f "$_base" ] || fail "screen $1: no base screen $2 (an earlier screen of this test, or FILE.txt)"
    cat >"$TMP/$1.changes"
    LC_ALL=C awk '
        FILENAME == ARGV[1] {
            if ($0 !~ /^[1-9][0-9]*( |$)/) { print "screen_like: not \"N TEXT\": " $0 >"/dev/stderr"; bad = 1; exit }
            n = $1 + 0; sub(/^[0-9]+ ?/, ""); text[n] = $0; next
        }
        { print (FNR in text) ? text[FNR] : $0; last = FNR }
        END {
            if (bad) exit 1
            for (n in text) if (n + 0 > last) { print "screen_like: no line " n " in the base" >"/dev/stderr"; exit 1 }
        }' "$TMP/$1.changes" "$_base" >"$TMP/$1.like" || fail "screen $1: bad changes of $2"
    screen "$1" <"$TMP/$1.like"
}

# audit_count ACTION USER: rows of the access log with that action by that user
audit_count() {
    sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = '$1' AND user_login = '$2'"
}
