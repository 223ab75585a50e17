# Crash consistency (issue 7): meibo killed with SIGKILL at random moments during an import,
# a member edit, an export run and a purge. After every kill: PRAGMA integrity_check is ok, an
# import is there whole or not at all (all or nothing), a member is the old record or the new
# one, never a mix, with its version, search keys and one audit row per saved edit; an export
# is done with one provision record (and one export.member log row) per member on its sheet, or
# not run at all with none, and can then be run (個人情報保護法 第29条; 取扱規程 第4–6条); a purge
# disposed of everything due or of nothing (規程 第17条); and `meibo audit verify` passes
# (取扱規程 第23条, 第35条: no change without its log row, no log row without its change).
# CRASH_TRIALS (default 60) trials of import and edit, CRASH_EXPORT_TRIALS (default 25) of
# export and purge, CRASH_BACKUP_TRIALS (default 15) of an encrypted backup and of a restore;
# the kill moments are random over the time a whole run takes, from a fixed seed (CRASH_SEED)
# so that a failure can be repeated.
. "$TOP/tests/cli-lib.sh"
setup
trials=${CRASH_TRIALS:-60}
# under valgrind (a wrapper script) every run is some 30 times slower: fewer trials
etrials=${CRASH_EXPORT_TRIALS:-25}
case $(head -c 2 "$MEIBO") in '#!') trials=${CRASH_TRIALS:-6} etrials=${CRASH_EXPORT_TRIALS:-3} ;; esac
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
"$MEIBO" --db "$TMP/src.db" init --pledge-on 2026-04-01 --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
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
        [ "$(cat "$TMP/out")" = 1 ] || fail "edit trial $k ($how): search 姓$k: $(cat "$TMP/out")"
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

# --- export run: a paper sheet of some 570 members, killed at random ---------------------------
# A database of its own, the outbox beside it. meibo makes the sheet in a folder of its own
# beside the database (.meibo-export-XXXXXX; never in the shared /tmp) that a killed run
# cannot remove: the folders the trials leave are counted, those holding files too, and removed.
export MEIBO_DB="$TMP/export.db"
setup
printf 'society_name = 日本架空学会\nsecretariat_contact = 東京都千代田区 | 03-0000-0000\n' > "$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"
as kanri demo --members 600 --seed 5 >/dev/null
recipient 東海支部 branch >/dev/null                # the register (規程 第20条第3–4項)
as mgr pledge add --recipient 東海支部 --signatory 山田花子 --received 2026-11-01 \
    --media paper --purposes society_business --items d,e,f --valid-until 2027-10-31 \
    --document 誓-2026-201 >/dev/null
permit officers 東海支部                            # the chief's standing permission (規程 第16条)
# request E: a paper sheet for the officers' work, ready under that permission; its id
request() {
    expect_exit 0 as clerk1 export request --purpose officers --recipient 東海支部 --pledge 1 --json
    sed -n 's/^{"export":\([0-9]*\),.*/\1/p' "$TMP/out"
}
# check_export ID WHAT: done with one provision and one export.member row per member on the
# sheet, or ready (not run) with none; and over all exports: no provision of an export that is
# not done, no done export short of its provisions
check_export() {
    _st=$(q "SELECT status FROM exports WHERE id = $1")
    _np=$(q "SELECT count(*) FROM provisions WHERE export_id = $1")
    _runs=$(q "SELECT count(*) FROM audit_log WHERE action = 'export.run' AND detail LIKE 'id=$1 %'")
    case $_st in
    done) [ "$_np" -gt 0 ] && [ "$_np" -eq "$(q "SELECT included FROM exports WHERE id = $1")" ] ||
              fail "$2: export $1 done with $_np provision records"
          [ "$_runs" -eq 1 ] || fail "$2: export $1 done with $_runs export.run log rows" ;;
    ready) [ "$_np" -eq 0 ] || fail "$2: export $1 not run, yet $_np provision records"
           [ "$_runs" -eq 0 ] || fail "$2: export $1 not run, yet logged as run" ;;
    *) fail "$2: export $1 is '$_st'" ;;
    esac
    [ "$(q "SELECT count(*) FROM provisions p LEFT JOIN exports e ON e.id = p.export_id
            WHERE p.export_id IS NOT NULL AND coalesce(e.status, '') <> 'done'")" -eq 0 ] ||
        fail "$2: provision records of an export that is not done"
    [ "$(q "SELECT count(*) FROM exports e WHERE status = 'done'
            AND included <> (SELECT count(*) FROM provisions WHERE export_id = e.id)")" -eq 0 ] ||
        fail "$2: a done export without all its provision records"
    [ "$(q "SELECT count(*) FROM audit_log WHERE action = 'export.member'")" -eq \
      "$(q "SELECT count(*) FROM provisions WHERE export_id IS NOT NULL")" ] ||
        fail "$2: export.member log rows do not match the provision records"
}
id=$(request)
full=$(ms as clerk1 export run "$id")
check_export "$id" "the timing run"
[ "$(q "SELECT status FROM exports WHERE id = $id")" = done ] || fail "the timing export did not run"
ls -A "$TMP" | grep -q '^\.meibo-export-' && fail "a whole export run left its temporary folder"
xkills=0 xdone=0 rerun=0 orphans=0 left=0 leftfiles=0
for k in $(seq 1 "$etrials"); do
    id=$(request)
    how=$(killed "$((k + 2000))" "$full" clerk1 export run "$id")
    for d in "$TMP"/.meibo-export-*; do
        [ -d "$d" ] || continue
        left=$((left + 1))
        [ -n "$(ls -A "$d")" ] && leftfiles=$((leftfiles + 1))
        rm -rf "$d"
    done
    [ "$how" = killed ] && xkills=$((xkills + 1))
    check_export "$id" "export trial $k ($how)"
    check_db "export trial $k ($how)"
    if [ "$(q "SELECT status FROM exports WHERE id = $id")" = done ]; then
        xdone=$((xdone + 1))
    else
        # a sheet in the outbox of an export not recorded as run: the kill came between the
        # delivery and the commit (counted, see the report line)
        [ -e "$TMP/outbox/export-$id-sheet.pdf" ] && orphans=$((orphans + 1))
        # the killed run left nothing that stops it from being run now
        expect_exit 0 as clerk1 export run "$id"
        check_export "$id" "export trial $k, run again"
        [ "$(q "SELECT status FROM exports WHERE id = $id")" = done ] || fail "export trial $k: not run again"
        rerun=$((rerun + 1))
    fi
done
# the next run shreds and removes what killed runs left (取扱規程 第21条: no copy lying about)
mkdir -m 700 "$TMP/.meibo-export-stale1"
echo "20000001,架空 太郎" > "$TMP/.meibo-export-stale1/sheet"
id=$(request)
expect_exit 0 as clerk1 export run "$id"
ls -A "$TMP" | grep -q '^\.meibo-export-' && fail "an export run left a killed run's folder"
echo "export: $etrials trials, $xkills killed mid-run, $xdone done, $rerun run again, full run ${full}s;" \
     "$orphans sheets in the outbox of unrecorded runs; $left temporary folders left by kills, $leftfiles with files"

# --- backup (encrypted) and restore, killed at random (issue 12): the plain copies of the
# registry they make beside the database (.meibo-backup-*, .meibo-restore-*) may outlive a kill,
# but meibo doctor reports them and the next backup or restore shreds and removes them
# (取扱規程 第22条: no copy lying about)
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TMP/crash.key"
chmod 600 "$TMP/crash.key"
printf 'backup_key_file = %s/crash.key\n' "$TMP" > "$TMP/crash.conf"
plain() { ls -A "$1" | grep -c '^\.meibo-\(backup\|restore\)-' || true; }
full=$(ms as mgr --config "$TMP/crash.conf" backup)
[ "$(plain "$TMP")" -eq 0 ] || fail "a whole backup left a plain copy"
btrials=${CRASH_BACKUP_TRIALS:-15}
case $(head -c 2 "$MEIBO") in '#!') btrials=${CRASH_BACKUP_TRIALS:-3} ;; esac
bkills=0 bleft=0
for k in $(seq 1 "$btrials"); do
    how=$(killed "$((k + 4000))" "$full" mgr --config "$TMP/crash.conf" backup)
    [ "$how" = killed ] && bkills=$((bkills + 1))
    n=$(plain "$TMP")
    if [ "$n" -gt 0 ]; then
        bleft=$((bleft + 1))
        "$MEIBO" doctor >"$TMP/out" 2>&1 || true
        has "$TMP/out" "plain cop"
    fi
    check_db "backup trial $k ($how)"
    expect_exit 0 as mgr --config "$TMP/crash.conf" backup
    [ "$(plain "$TMP")" -eq 0 ] || fail "backup trial $k ($how): the next backup left $(plain "$TMP") plain copies"
done
enc=$(ls "$TMP"/backups/meibo-*.db.enc | tail -n 1)
mkdir -m 700 "$TMP/rdb"
full=$(ms "$MEIBO" --config "$TMP/crash.conf" restore "$enc" --db "$TMP/rdb/r.db")
[ -s "$TMP/rdb/r.db" ] && [ "$(plain "$TMP/rdb")" -eq 0 ] || fail "the timing restore"
rkills=0 rleft=0
for k in $(seq 1 "$btrials"); do
    rm -f "$TMP/rdb/r.db" "$TMP/rdb/r.db-wal" "$TMP/rdb/r.db-shm"
    how=$(killed "$((k + 5000))" "$full" mgr --config "$TMP/crash.conf" restore "$enc" --db "$TMP/rdb/r.db")
    [ "$how" = killed ] && rkills=$((rkills + 1))
    [ "$(plain "$TMP/rdb")" -gt 0 ] && rleft=$((rleft + 1))
    expect_exit 0 "$MEIBO" --config "$TMP/crash.conf" restore "$enc" --db "$TMP/rdb/r.db"
    [ "$(plain "$TMP/rdb")" -eq 0 ] || fail "restore trial $k ($how): the next restore left plain copies"
    [ "$(sqlite3 "$TMP/rdb/r.db" 'PRAGMA integrity_check')" = ok ] || fail "restore trial $k: integrity"
done
echo "backup: $btrials trials, $bkills killed mid-run, $bleft left a plain copy (all removed by the next);" \
     "restore: $btrials trials, $rkills killed, $rleft left one (all removed by the next)"
if [ "$btrials" -ge 10 ]; then
    [ "$bleft" -ge 1 ] && [ "$rleft" -ge 1 ] || fail "no kill left a plain copy: the sweep was not tried"
fi

# --- purge: everything past retention, with --vacuum, killed at random ---------------------------
# Each trial starts from the same copy; the expected end state comes from one whole purge
sqlite3 "$MEIBO_DB" ".backup '$TMP/purge0.db'"
chmod 600 "$TMP/purge0.db"
# a database copied goes with its access log's key and anchors (audit.h; t-anchor.sh)
cp -p "${MEIBO_DB%.db}.key" "$TMP/purge0.key"; cp -p "${MEIBO_DB%.db}.anchors" "$TMP/purge0.anchors"
export MEIBO_NOW=2200000000   # 2039-09-18: the withdrawn members and the provision records are due
export MEIBO_DB="$TMP/purge.db"
fresh() { rm -f "$MEIBO_DB" "$MEIBO_DB-wal" "$MEIBO_DB-shm"; cp "$TMP/purge0.db" "$MEIBO_DB"; chmod 600 "$MEIBO_DB"
          cp -p "$TMP/purge0.key" "$TMP/purge.key"; cp -p "$TMP/purge0.anchors" "$TMP/purge.anchors"; }
pstate() {
    q "SELECT (SELECT count(*) FROM members) || ' ' || (SELECT count(*) FROM provisions) || ' ' ||
              (SELECT count(*) FROM facilities) || ' ' || (SELECT count(*) FROM deletion_ledger) || ' ' ||
              (SELECT count(*) FROM audit_log WHERE action = 'purge')"
}
fresh
before=$(pstate)
full=$(ms as kanri purge --vacuum)
after=$(pstate)
set -- $before; b_members=$1 b_prov=$2
set -- $after
[ "$1" -lt "$b_members" ] && [ "$2" -lt "$b_prov" ] && [ "$5" -eq 1 ] ||
    fail "test broken: the whole purge changed '$before' to '$after'"
pkills=0 purged=0
for k in $(seq 1 "$etrials"); do
    fresh
    how=$(killed "$((k + 3000))" "$full" kanri purge --vacuum)
    [ "$how" = killed ] && pkills=$((pkills + 1))
    now=$(pstate)
    if [ "$now" = "$after" ]; then
        purged=$((purged + 1))
    elif [ "$now" != "$before" ]; then
        fail "purge trial $k ($how): partly purged: members provisions facilities ledger purge-rows '$before' -> '$now' (whole: '$after')"
    fi
    check_db "purge trial $k ($how)"
    # what a killed purge left is purged by the next one
    expect_exit 0 as kanri purge
    [ "$(pstate | cut -d' ' -f1-4)" = "$(echo "$after" | cut -d' ' -f1-4)" ] ||
        fail "purge trial $k ($how): the purge after it ended at '$(pstate)'"
done
echo "purge: $etrials trials, $pkills killed mid-run, $purged whole purges, full run ${full}s ($before -> $after)"

[ "$kills" -ge $((trials / 4)) ] || fail "only $kills of $trials imports were killed mid-run"
[ "$xkills" -ge $((etrials / 4)) ] || fail "only $xkills of $etrials export runs were killed mid-run"
