# Crash consistency (issue 7): meibo killed with SIGKILL at random moments during an import
# and during a member edit. After every kill: PRAGMA integrity_check is ok, an import is there
# whole or not at all (all or nothing), a member is the old record or the new one, never a mix,
# with its version, search keys and one audit row per saved edit, and `meibo audit verify`
# passes (取扱規程 第23条, 第35条: no change without its log row, no log row without its change).
# CRASH_TRIALS (default 60) trials of each; the kill moments are random over the time a whole
# run takes, from a fixed seed (CRASH_SEED) so that a failure can be repeated.
. "$TOP/tests/cli-lib.sh"
setup
trials=${CRASH_TRIALS:-60}
# under valgrind (a wrapper script) every run is some 30 times slower: fewer trials
case $(head -c 2 "$MEIBO") in '#!') trials=${CRASH_TRIALS:-6} ;; esac
seed=${CRASH_SEED:-7}
q() { sqlite3 "$MEIBO_DB" "$1"; }

# rnd K MAX: the K-th random delay in [0, MAX) seconds, as "0.123"
rnd() { awk -v s="$seed" -v k="$1" -v m="$2" 'BEGIN { srand(s * 100003 + k); printf "%.3f", rand() * m }'; }

# ms CMD...: run CMD, print how long it took in seconds ("0.420")
ms() { _t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; _t1=$(date +%s%N); awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

# killed K MAX LOGIN ARGS...: run meibo itself (not a shell function: SIGKILL must reach meibo)
# as LOGIN in the background and SIGKILL it after random delay K in [0, 1.3 MAX) (it may have
# finished by then: some trials must see the whole change).
# Prints "killed" or "finished".
killed() {
    _d=$(rnd "$1" "$(awk -v m="$2" 'BEGIN { print m * 1.3 }')"); _u=$3; shift 3
    "$MEIBO" --user "$_u" --password-file "$TMP/$_u.pw" "$@" >/dev/null 2>&1 &
    _pid=$!
    sleep "$_d"
    if kill -KILL "$_pid" 2>/dev/null; then echo killed; else echo finished; fi
    wait "$_pid" 2>/dev/null || true
}

check_db() {
    [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "$1: integrity_check: $(q 'PRAGMA integrity_check')"
    [ "$(q 'PRAGMA foreign_key_check' | wc -l)" -eq 0 ] || fail "$1: foreign keys broken"
    expect_exit 0 as mgr audit verify
    has "$TMP/out" "chain intact"
}

# --- import: 600 members a file, each file with its own member numbers ---------------------------
"$MEIBO" --db "$TMP/src.db" init --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
"$MEIBO" --db "$TMP/src.db" --user kanri --password-file "$TMP/kanri.pw" demo --members 600 --seed 3 >/dev/null
csv() { # csv K: the demo members renumbered 3KKK0001…
    sqlite3 -csv -header "$TMP/src.db" "SELECT printf('3%03d%04d', $1, m.rowid) AS member_no,
        joined_on, family_name, given_name, family_kana, given_kana, birth_date, branch,
        coalesce(f.name, '') AS facility_name FROM members m LEFT JOIN facilities f ON f.id = m.facility_id
        ORDER BY m.id" > "$TMP/import.csv"
}
csv 0
full=$(ms as clerk1 import "$TMP/import.csv")
expect_exit 0 as clerk1 member show 30000001
base=$(count_members)
[ "$base" -eq 600 ] || fail "the timing import stored $base members"
imports=1 kills=0
for k in $(seq 1 "$trials"); do
    csv "$k"
    before=$(count_members)
    how=$(killed "$k" "$full" clerk1 import "$TMP/import.csv")
    [ "$how" = killed ] && kills=$((kills + 1))
    after=$(count_members)
    new=$(q "SELECT count(*) FROM members WHERE member_no LIKE '3$(printf %03d "$k")%'")
    if [ "$new" -eq 600 ]; then
        imports=$((imports + 1))
    elif [ "$new" -ne 0 ]; then
        fail "import trial $k ($how): $new of 600 members stored (a partial import)"
    fi
    [ "$after" -eq $((before + new)) ] || fail "import trial $k: members $before -> $after"
    # one audited create per member and one import row per whole import
    [ "$(q "SELECT count(*) FROM audit_log WHERE action = 'member.create'")" -eq "$after" ] ||
        fail "import trial $k: member.create rows do not match the members"
    [ "$(q "SELECT count(*) FROM audit_log WHERE action = 'import'")" -eq "$imports" ] ||
        fail "import trial $k: import rows do not match the imports"
    check_db "import trial $k ($how)"
done
echo "import: $trials trials, $kills killed mid-run, $imports whole imports, full run ${full}s"

# --- member edit: three fields at once, killed at random -----------------------------------------
no=30000001
full=$(ms as clerk1 member edit $no --version 1 family_name=試験 branch=試験支部 home_address=試験住所)
ekills=0 saved=0
for k in $(seq 1 "$trials"); do
    old=$(q "SELECT family_name || '|' || branch || '|' || home_address FROM members WHERE member_no = '$no'")
    v=$(q "SELECT version FROM members WHERE member_no = '$no'")
    how=$(killed "$((k + 1000))" "$full" clerk1 member edit $no --version "$v" \
        family_name="姓$k" branch="支部$k" home_address="東京都架空$k")
    [ "$how" = killed ] && ekills=$((ekills + 1))
    now=$(q "SELECT family_name || '|' || branch || '|' || home_address FROM members WHERE member_no = '$no'")
    v2=$(q "SELECT version FROM members WHERE member_no = '$no'")
    if [ "$now" = "姓$k|支部$k|東京都架空$k" ]; then
        [ "$v2" -eq $((v + 1)) ] || fail "edit trial $k: saved but version $v -> $v2"
        saved=$((saved + 1))
        expect_exit 0 as clerk1 search "姓$k" --count
        grep -q "^-- 1 found" "$TMP/out" || fail "edit trial $k ($how): search 姓$k: $(cat "$TMP/out")"
    elif [ "$now" = "$old" ]; then
        [ "$v2" -eq "$v" ] || fail "edit trial $k: unchanged but version $v -> $v2"
    else
        fail "edit trial $k ($how): half-edited: '$old' became '$now'"
    fi
    [ "$(q "SELECT count(*) FROM audit_log WHERE action = 'member.update' AND member_no = '$no'")" -eq $((v2 - 1)) ] ||
        fail "edit trial $k: member.update rows do not match version $v2"
    check_db "edit trial $k ($how)"
done
echo "edit: $trials trials, $ekills killed mid-run, $saved saved, full run ${full}s"
[ "$kills" -ge $((trials / 4)) ] || fail "only $kills of $trials imports were killed mid-run"
