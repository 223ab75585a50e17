# The access log: 取扱規程 第23条 (per user ID), 第35条 (every access recorded),
# append-only and hash-chained.
. "$TOP/tests/cli-lib.sh"
setup
as clerk1 import "$FIXTURES/members-utf8-bom.csv" >/dev/null
no=$(sqlite3 "$MEIBO_DB" "SELECT member_no FROM members ORDER BY id LIMIT 1")

SSH_CONNECTION="192.0.2.44 51234 192.0.2.1 22" as clerk1 member show "$no" >/dev/null
expect_exit 0 as mgr audit log --member "$no" --json
has "$TMP/out" '"action":"member.read"'
has "$TMP/out" '"ssh_client":"192.0.2.44","ssh_client_claimed":true'
has "$TMP/out" "\"unix_user\":\"$(id -un)\""
has "$TMP/out" '"user":"clerk1"'
# SSH_CONNECTION is the user's own word: shown as the claimed source, not as fact (issue 12 §2)
expect_exit 0 as mgr audit log --member "$no"
has_word "$TMP/out" "claimed:192.0.2.44"

# a clerk reads only their own log
expect_exit 0 as clerk1 audit log --user clerk1
expect_exit 1 as clerk1 audit log --user mgr
expect_exit 1 as clerk1 audit log
expect_exit 0 as mgr audit log --since 2026-11-21 --user clerk1
has "$TMP/out" "member.read"

expect_exit 0 as mgr audit verify
has "$TMP/out" "chain intact"

# append-only: the schema refuses UPDATE and DELETE
! sqlite3 "$MEIBO_DB" "UPDATE audit_log SET detail = 'x' WHERE id = 3" 2>/dev/null || fail "UPDATE allowed"
! sqlite3 "$MEIBO_DB" "DELETE FROM audit_log WHERE id = 3" 2>/dev/null || fail "DELETE allowed"

# tampering past the triggers is found and the row named
# (an old row edited in place, the chain left as it was: the whole log is walked with --full;
# the daily verify starts at the last verified anchor, t-anchor.sh)
sqlite3 "$MEIBO_DB" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'forged' WHERE id = 4"
expect_exit 1 as mgr audit verify --full
has_word "$TMP/err" "row 4"

# --- list views log which members they showed, compactly (取扱規程 第35条; issue 12 §2) -------
sqlite3 "$MEIBO_DB" "SELECT member_no FROM members ORDER BY member_no" > "$TMP/nos"
expect_exit 0 as clerk1 search "" --sort number --limit 3
first=$(sed -n 1p "$TMP/nos") third=$(sed -n 3p "$TMP/nos")
row=$(sqlite3 "$MEIBO_DB" "SELECT detail FROM audit_log WHERE action = 'search' ORDER BY id DESC LIMIT 1")
case $row in *" shown=3 "*"members=$first"[!0-9]* | *" shown=3 "*"members=$first") ;; *) fail "the search row names no members: $row" ;; esac
# the second member is found by its own number in the list's row
second=$(sed -n 2p "$TMP/nos")
expect_exit 0 as mgr audit log --member "$second"
has "$TMP/out" "members="
has_word "$TMP/out" "clerk1"
