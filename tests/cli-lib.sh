# cli-lib.sh: helpers sourced by tests/cli/*.sh (run by tests/run-tests.sh cli).
# The clock is pinned: 2026-11-21 10:00:00 JST.
export MEIBO_NOW=1795222800
export MEIBO_DB="$TMP/meibo.db"
unset SSH_CONNECTION || true

fail() { echo "FAIL: $*" >&2; exit 1; }

# pw NAME: a password file for an account (mode 600), printed path
pw() { printf '%s\n' "pass-$1-2026" > "$TMP/$1.pw"; chmod 600 "$TMP/$1.pw"; echo "$TMP/$1.pw"; }

# as LOGIN meibo-args...: run meibo as LOGIN
as() { _u=$1; shift; "$MEIBO" --user "$_u" --password-file "$TMP/$_u.pw" "$@"; }

# setup: a database with chief "kanri", manager "mgr", clerk "clerk1"
setup() {
    "$MEIBO" init --chief kanri --name "事務局長" --password-file "$(pw kanri)" >/dev/null
    as kanri user add mgr --name "管理者" --role manager --new-password-file "$(pw mgr)" >/dev/null
    as kanri user add clerk1 --name "従事者一" --role clerk --new-password-file "$(pw clerk1)" >/dev/null
}

# expect_exit CODE cmd...: run, capture stdout/stderr in $TMP/out $TMP/err, check the code
expect_exit() {
    _want=$1; shift
    set +e
    "$@" >"$TMP/out" 2>"$TMP/err"
    _got=$?
    set -e
    if [ "$_got" -ne "$_want" ]; then
        echo "--- stdout"; cat "$TMP/out"; echo "--- stderr"; cat "$TMP/err"
        fail "expected exit $_want, got $_got: $*"
    fi
}

# has FILE TEXT: FILE contains TEXT (fixed string)
has() { grep -qF -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "expected '$2' in $1"; }; }
hasnt() { ! grep -qF -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "did not expect '$2' in $1"; }; }

# count_members: number of members (via sqlite3)
count_members() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members"; }
