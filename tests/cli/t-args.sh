# One way to write a command (issue 15): every command and every subcommand answers -h and
# --help, and refuses an option it does not take (exit 2, "unknown option") before it opens a
# database or asks for a password; options another subcommand takes are not silently ignored.
. "$TOP/tests/cli-lib.sh"
setup

expect_exit 0 "$MEIBO" --help
cmds=$(sed -n 's/^  \([a-z][a-z]*\)\( .*\)\{0,1\}$/\1/p' "$TMP/out")
[ "$(echo "$cmds" | wc -w)" -ge 25 ] || fail "too few commands in meibo --help: $cmds"

# try CODE TEXT cmd...: the exit code and a text of stdout+stderr, else a line in $TMP/bad
try() {
    _want=$1 _text=$2; shift 2
    set +e
    "$@" >"$TMP/o" 2>&1
    _got=$?
    set -e
    if [ "$_got" -ne "$_want" ] || ! grep -qF -- "$_text" "$TMP/o"; then
        echo "$* → exit $_got, not $_want with '$_text': $(head -c 200 "$TMP/o")" >>"$TMP/bad"
    fi
}
: >"$TMP/bad"
n=0
for c in $cmds; do
    try 0 "usage: meibo $c" "$MEIBO" "$c" --help
    try 0 "usage: meibo $c" "$MEIBO" "$c" -h
    "$MEIBO" "$c" --help >"$TMP/help" 2>&1 || true
    # the subcommands: "meibo CMD SUB" in its usage lines (a word, not an option or a value)
    subs=$(sed -n "s/^.*meibo $c \([a-z][a-z-]*\)\b.*/\1/p" "$TMP/help" | sort -u)
    for s in "" $subs; do
        # shellcheck disable=SC2086
        try 2 "unknown option '--no-such-option'" as kanri "$c" $s --no-such-option
        if [ -n "$s" ]; then
            try 0 "usage: meibo $c" "$MEIBO" "$c" "$s" -h
            try 0 "usage: meibo $c" "$MEIBO" "$c" "$s" x --help
        fi
        n=$((n + 1))
    done
done
if [ -s "$TMP/bad" ]; then
    cat "$TMP/bad"
    fail "$(wc -l <"$TMP/bad") commands do not answer -h/--help or take an unknown option"
fi
[ "$n" -ge 60 ] || fail "only $n commands and subcommands checked"

# options of another subcommand are refused, not ignored
expect_exit 2 as kanri user list --name foo --role x
has "$TMP/err" "user: list: unknown option '--name'"
expect_exit 2 as kanri denylist list --reason x
has "$TMP/err" "unknown option '--reason'"
expect_exit 2 as kanri retention set member_withdrawn --json
has "$TMP/err" "unknown option '--json'"
expect_exit 2 as kanri member show 20000001 --version 3
has "$TMP/err" "unknown option '--version'"
# -h after a subcommand's arguments is help, not an unknown option
expect_exit 0 as kanri user disable clerk1 -h
has "$TMP/out" "usage: meibo user"
as kanri user list | word_in - clerk1 || fail "user list after the help"
# an option with its value as the next argument, or joined with '='
expect_exit 0 as kanri audit log --limit 1
expect_exit 0 as kanri audit log --limit=1 --json
