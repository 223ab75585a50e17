# Command line basics: --version, --help on every command, usage errors exit 2, init.
. "$TOP/tests/cli-lib.sh"

expect_exit 0 "$MEIBO" --version
has "$TMP/out" "meibo "
expect_exit 0 "$MEIBO" --help
cp "$TMP/out" "$TMP/help"
for c in init user demo import search member audit; do
    has "$TMP/help" "  $c"
    expect_exit 0 "$MEIBO" "$c" --help
    has "$TMP/out" "usage: meibo $c"
done
expect_exit 2 "$MEIBO" frobnicate
has "$TMP/err" "unknown command 'frobnicate'"
expect_exit 2 "$MEIBO" --bogus
expect_exit 2 "$MEIBO" init
has "$TMP/err" "--chief"

# no database yet
expect_exit 1 "$MEIBO" --user x --password-file "$(pw x)" search 田中
has "$TMP/err" "meibo init"

setup
[ -f "$MEIBO_DB" ] || fail "init made no database"
expect_exit 1 "$MEIBO" init --pledge-on 2026-04-01 --chief other --password-file "$(pw other)"
has "$TMP/err" "already exists"

# the pragmas the issue asks for
[ "$(sqlite3 "$MEIBO_DB" 'PRAGMA journal_mode')" = wal ] || fail "not WAL"

# a password file others can read is refused
chmod 644 "$TMP/clerk1.pw"
expect_exit 1 as clerk1 search 田中
has "$TMP/err" "others can read this password file"
chmod 600 "$TMP/clerk1.pw"

# a database written by a newer meibo is refused clearly
schema=$(sqlite3 "$MEIBO_DB" "PRAGMA user_version")
sqlite3 "$MEIBO_DB" "PRAGMA user_version = 999"
expect_exit 1 as clerk1 search 田中
has "$TMP/err" "newer than this meibo"

# the config file names the database; a bad line is reported with file and line
sqlite3 "$MEIBO_DB" "PRAGMA user_version = $schema"
printf '# meibo.conf\ndb = %s\n' "$MEIBO_DB" > "$TMP/meibo.conf"
MEIBO_DB= expect_exit 0 "$MEIBO" --config "$TMP/meibo.conf" --user clerk1 --password-file "$TMP/clerk1.pw" search ''
printf 'db = x\ncolour = yes\n' > "$TMP/bad.conf"
expect_exit 1 "$MEIBO" --config "$TMP/bad.conf" search x
has "$TMP/err" "bad.conf:2: unknown key 'colour'"
