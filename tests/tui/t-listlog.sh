# Paging through the member list is visible in the access log (取扱規程 第35条; issue 12 §2):
# each page the clerk is shown is logged with the members on it, as ranges of numbers, so
# `audit log --member` finds a member the clerk only saw in the list.
. "$TOP/tests/tui-lib.sh"
setup
as kanri demo --members 250 --seed 7 >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
<Down>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
<PgDown>
:save-display $TMP/paged
Q
S
run_tui
rows=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'search' AND user_login = 'clerk1' AND detail LIKE '%members=%'")
[ "$rows" -ge 2 ] || fail "the pages shown were not logged ($rows rows)"
# a member of a later page (the list is in reading order: one of the last rows shown)
last=$(sqlite3 "$MEIBO_DB" "SELECT detail FROM audit_log WHERE action = 'search' AND user_login = 'clerk1' ORDER BY id DESC LIMIT 1" |
       sed 's/.*members=//; s/[-,].*//')
[ -n "$last" ] || fail "no member number in the last page's row"
expect_exit 0 as mgr audit log --member "$last" --user clerk1
has "$TMP/out" "search"
has "$TMP/out" "members="
