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
    "$MEIBO" init --pledge-on 2026-04-01 --chief kanri --name "事務局長" --password-file "$(pw kanri)" >/dev/null
    as kanri user add --pledge-on 2026-04-01 mgr --name "管理者" --role manager --new-password-file "$(pw mgr)" >/dev/null
    as kanri user add --pledge-on 2026-04-01 clerk1 --name "従事者一" --role clerk --new-password-file "$(pw clerk1)" >/dev/null
}

# recipient NAME CATEGORY [IDENTITY]: register NAME (an organization) in the recipient register
# (規程 第20条第3–4項) as clerk1, with an identity record; prints its number
recipient() {
    as clerk1 recipient add --organization "$1" --category "$2" \
        --identity "${3:-書面（公印）で身元・利用目的を確認}" --json |
        sed -n 's/^{"id":\([0-9]*\).*/\1/p'
}

# permit PURPOSE RECIPIENT [UNTIL]: the chief officer's standing permission (規程 第16条) for
# paper sheets of PURPOSE to RECIPIENT, so their requests are ready at once
permit() { as kanri permission grant --export "$1" --recipient "$2" --media paper --until "${3:-2027-03-31}" >/dev/null; }

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

# word_in FILE TEXT: FILE (- for stdin) contains TEXT as a whole word: where TEXT begins or
# ends with an ASCII letter or digit, the text there does not go on with another one, so a
# check of a number cannot pass for a different number: "3件" is in "全3件" and "（3件）" but
# not in "13件"; "clerk1" is not in "clerk12"; '"persons":3' is not in '"persons":31'. (Only
# letters and digits continue a word: "3" is in "3.5" and "000件" in "10,000件".) Bytes,
# not characters: each byte of a UTF-8 multi-byte character is >= 0x80, not a letter or digit.
word_in() {
    [ -n "$2" ] || fail "word_in: an empty word"
    W=$2 LC_ALL=C awk '
    BEGIN { w = ENVIRON["W"]; n = length(w)
            a = substr(w, 1, 1) ~ /[0-9A-Za-z]/; z = substr(w, n, 1) ~ /[0-9A-Za-z]/ }
    {   off = 0
        while ((i = index(substr($0, off + 1), w)) > 0) {
            at = off + i
            if (!(a && at > 1 && substr($0, at - 1, 1) ~ /[0-9A-Za-z]/) &&
                !(z && substr($0, at + n, 1) ~ /[0-9A-Za-z]/)) { found = 1; exit }
            off = at
        }
    }
    END { exit !found }' "$1"
}
# has_word FILE TEXT: FILE contains TEXT as a whole word (word_in): for expected texts that
# begin or end with a number (has "3件" would pass for 13件)
has_word() { word_in "$1" "$2" || { echo "--- $1:"; cat "$1"; fail "expected '$2' (a whole word) in $1"; }; }

# count_members: number of members (via sqlite3)
count_members() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members"; }

# sgid_setup [LINE...]: the set-group-ID model (docs/ARCHITECTURE.md, Security; boundary.h) for a test: a
# copy of the test binary (built with its system configuration in a test folder,
# Makefile TEST_SYSCONFDIR) set-group-ID to a group standing in for meibo (daemon) in
# $TMP/sgbin/meibo; the state folder $SG with backups/ and outbox/ (2770 root:daemon); the
# system configuration $SYSCONF (root:root 0644) naming $SG as state_dir, then each LINE.
# nob CMD...: run CMD as nobody (uid and gid 65534, no other groups).
# Skips the test (exit 0) where the model cannot be set up: not root, no daemon group or
# setpriv, a sanitizer build (LeakSanitizer cannot run set-group-ID), no test binary.
sgid_setup() {
    [ "$(id -u)" -eq 0 ] || { echo "skip: set-group-ID tests need root"; exit 0; }
    getent group daemon >/dev/null && command -v setpriv >/dev/null ||
        { echo "skip: no daemon group or setpriv"; exit 0; }
    case $(head -c 2 "$MEIBO") in '#!') echo "skip: set-group-ID needs meibo itself"; exit 0 ;; esac
    grep -q -a __asan_init "$MEIBO" && { echo "skip: set-group-ID under a sanitizer"; exit 0; }
    [ -x "${MEIBO_SGID_TEST:-}" ] ||
        { echo "skip: no set-group-ID test binary (make build/meibo-sgid-test)"; exit 0; }
    SYSCONF=$("$MEIBO_SGID_TEST" --version | sed -n 's/^system configuration: //p')
    _sys=${SYSCONF%/meibo/meibo.conf}
    case $_sys in /tmp/meibo-sysconf-*) ;; *) fail "the test binary's system configuration is $SYSCONF" ;; esac
    rm -rf "$_sys"
    mkdir -m 755 "$_sys" "$_sys/meibo"
    chmod 711 "$TMP"
    mkdir -m 755 "$TMP/sgbin"
    cp "$MEIBO_SGID_TEST" "$TMP/sgbin/meibo"
    chgrp daemon "$TMP/sgbin/meibo"
    chmod 2755 "$TMP/sgbin/meibo"
    SG=$TMP/sg
    mkdir "$SG" "$SG/backups" "$SG/outbox"
    chgrp daemon "$SG" "$SG/backups" "$SG/outbox"
    chmod 2770 "$SG" "$SG/backups" "$SG/outbox"
    { echo "state_dir = $SG"; for _l in "$@"; do echo "$_l"; done; } > "$SYSCONF"
    chmod 644 "$SYSCONF"
}
nob() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
# golden_letter NAME: $TMP/NAME.txt equals tests/golden/NAME.txt (GOLDEN_UPDATE=1 rewrites it),
# and $TMP/NAME.pdf holds the same text, with IPAex Mincho embedded
golden_letter() {
    [ -z "${GOLDEN_UPDATE:-}" ] || cp "$TMP/$1.txt" "$TOP/tests/golden/$1.txt"
    diff -u "$TOP/tests/golden/$1.txt" "$TMP/$1.txt" || fail "$1: the text differs from tests/golden/$1.txt"
    [ -f "$TMP/$1.pdf" ] || return 0
    pdftotext -layout "$TMP/$1.pdf" "$TMP/$1.pdftext"
    tr -d ' \t\r\n\f' < "$TMP/$1.txt" | sed 's/　//g' > "$TMP/a"
    tr -d ' \t\r\n\f' < "$TMP/$1.pdftext" | sed 's/　//g' > "$TMP/b"
    cmp -s "$TMP/a" "$TMP/b" || { diff "$TMP/$1.txt" "$TMP/$1.pdftext"; fail "$1: the PDF's text differs"; }
    pdffonts "$TMP/$1.pdf" | tail -n +3 | grep -q 'IPAexMincho.*yes' || fail "$1: IPAex Mincho not embedded"
}
# letter_setup: a meibo.conf with the letter keys (the society's name and contact), in use
letter_setup() {
    printf '%s\n' "society_name = 一般社団法人 日本架空循環器学会" \
        "secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000　FAX 03-0000-0001" \
        > "$TMP/meibo.conf"
    export MEIBO_CONFIG="$TMP/meibo.conf"
}
