# Backups (取扱規程 第19条: データの完全性の維持のため日次でバックアップ): an online copy while a
# clerk keeps writing, checked, mode 0640, rotated, optionally encrypted (取扱規程 第38条's
# spirit for data leaving the database); the restore re-applies every deletion made since the
# backup (規程 第17条, 取扱規程 第20–22条: a restore must not bring an erased member back) and
# the access log still verifies (取扱規程 第35条).
. "$TOP/tests/cli-lib.sh"
setup
T0=1795222800   # 2026-11-21 10:00 JST
as mgr demo --members 3000 --seed 7 >/dev/null
B=$TMP/backups
# the sqlite3 shell waits for the writer like meibo does (busy_timeout)
count_members() { sqlite3 -cmd ".timeout 10000" "$MEIBO_DB" "SELECT count(*) FROM members"; }

# --- who may: a manager or the chief officer; cron as a user who can read the file itself
expect_exit 1 as clerk1 backup
has "$TMP/err" "needs the manager role"

# --- under concurrent writes: a clerk adds members in a loop while the copy is taken in small
# steps with pauses; the writes are not held up, and the copy is one moment of the database
writer() {
    i=0
    while [ ! -e "$TMP/stop" ]; do
        i=$((i + 1))
        as clerk1 member add member_no=$((40000000 + i)) family_name=並行 given_name=書込$i \
            family_kana=ヘイコウ given_kana=カキコミ joined_on=2020-04-01 >/dev/null ||
            { echo "writer failed at $i" >"$TMP/writer.err"; }
        as clerk1 member edit $((40000000 + i)) --version 1 branch=東海 >/dev/null ||
            { echo "writer edit failed at $i" >"$TMP/writer.err"; }
    done
}
writer &
wpid=$!
while [ "$(count_members)" -lt 3002 ]; do sleep 0.1; done
before=$(count_members)
expect_exit 0 as mgr backup --pages-per-step 16 --pause-ms 15 --json
after=$(count_members)
touch "$TMP/stop"
wait $wpid
[ ! -e "$TMP/writer.err" ] || fail "the clerk's writes failed during the backup: $(cat "$TMP/writer.err")"
[ "$after" -gt "$before" ] || fail "no member was added while the backup ran ($before, $after)"
steps=$(sed 's/.*"steps":\([0-9]*\).*/\1/' "$TMP/out")
[ "$steps" -gt 20 ] || fail "the backup was not taken in small steps ($steps)"
has "$TMP/out" '"integrity_ok":true'
file=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
case $file in "$B"/meibo-20261121-100000.db) ;; *) fail "backup named $file" ;; esac
[ "$(stat -c %a "$file")" = 640 ] || fail "backup mode $(stat -c %a "$file")"
[ "$(stat -c %a "$B")" = 2770 ] || fail "backup folder mode $(stat -c %a "$B")"
[ "$(sqlite3 "$file" 'PRAGMA integrity_check')" = ok ] || fail "the backup is damaged"
[ "$(sqlite3 "$file" 'PRAGMA journal_mode')" = delete ] || fail "the backup is not one file"

# restore into a new database and compare: the copy is the live database as it was at one
# moment: its members and access-log rows are a prefix of the live ones, row for row
expect_exit 1 as mgr restore "$file" --db "$TMP/r/meibo.db"
has "$TMP/err" "No such file"   # no folder yet
mkdir -m 700 "$TMP/r"
expect_exit 0 "$MEIBO" restore "$file" --db "$TMP/r/meibo.db" --json
has "$TMP/out" '"replaced":false'
has_word "$TMP/out" '"reapplied":0'
[ "$(stat -c %a "$TMP/r/meibo.db")" = 660 ] || fail "restored database mode"
n=$(sqlite3 "$TMP/r/meibo.db" "SELECT count(*) FROM members")
[ "$n" -ge "$before" ] && [ "$n" -le "$after" ] || fail "restored $n members, not between $before and $after"
q="ATTACH '$MEIBO_DB' AS live;
   SELECT count(*) FROM main.members r JOIN live.members l USING (id)
    WHERE r.member_no = l.member_no AND r.family_name = l.family_name AND r.given_name = l.given_name
      AND r.version <= l.version;"
[ "$(sqlite3 "$TMP/r/meibo.db" "$q")" = "$n" ] || fail "restored members differ from the live ones"
q="ATTACH '$MEIBO_DB' AS live;
   SELECT (SELECT count(*) FROM main.audit_log r JOIN live.audit_log l USING (id) WHERE r.hash = l.hash)
        = (SELECT count(*) FROM main.audit_log) - 1,
          (SELECT action FROM main.audit_log ORDER BY id DESC LIMIT 1);"
[ "$(sqlite3 "$TMP/r/meibo.db" "$q")" = "1|restore" ] || fail "the restored access log is not the live one's prefix"
# a copy of one moment: each member's edit and its audit rows are both there or both not
[ "$(sqlite3 "$TMP/r/meibo.db" "SELECT count(*) FROM members WHERE member_no > '40000000' AND version = 2")" = \
  "$(sqlite3 "$TMP/r/meibo.db" "SELECT count(*) FROM audit_log WHERE action = 'member.update' AND member_no > '40000000'")" ] ||
    fail "the backup is not one consistent moment"
expect_exit 0 as mgr --db "$TMP/r/meibo.db" audit verify
has "$TMP/out" "chain intact"

# --- restore re-applies the deletions made since the backup (the deletion ledger)
X=30000001 xname=鏑木蔵之丞
as clerk1 member add member_no=$X family_name=鏑木 given_name=蔵之丞 family_kana=カブラギ \
    given_kana=クラノジョウ joined_on=1990-04-01 >/dev/null
as clerk1 member withdraw "$X" --reason 逝去 --date 2020-01-10 >/dev/null
expect_exit 0 as mgr backup --json    # this backup still holds X (withdrawn)
old=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
case $old in *-2.db) ;; *) fail "a second backup in the same second named $old" ;; esac
export MEIBO_NOW=$((T0 + 86400))      # the next day: X is past 5 years and is erased
expect_exit 0 as kanri purge --json
has "$TMP/out" '"ledger_file_written":true'
erased=$(sed 's/.*"members":\([0-9]*\).*/\1/' "$TMP/out")   # X and the demo's long-withdrawn
[ "$erased" -ge 1 ] && [ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM deletion_ledger")" -eq "$erased" ] ||
    fail "purge erased $erased"
grep -q "	$X	2026-11-22 10:00:00	withdrawn_member\$" "$B/deletion-ledger.tsv" || fail "ledger copy: $(cat "$B/deletion-ledger.tsv")"
as clerk1 member add member_no=50000001 family_name=後日 given_name=追加 family_kana=ゴジツ \
    given_kana=ツイカ joined_on=2026-11-22 >/dev/null
# over the live database: X stays erased; rows written since the backup are carried over
expect_exit 0 "$MEIBO" restore "$old" --json
has "$TMP/out" '"replaced":true'
has "$TMP/out" "\"ledger_entries\":$erased,\"reapplied\":$erased,"
has "$TMP/out" '"audit_note":null'
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members WHERE member_no = '$X'")" -eq 0 ] || fail "restore brought $X back"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members WHERE member_no = '50000001'")" -eq 0 ] ||
    fail "a member added after the backup is there"
[ "$(cat "$MEIBO_DB" "$MEIBO_DB-wal" 2>/dev/null | grep -c -a "$xname" || true)" -eq 0 ] ||
    fail "the re-erased member's name is in the database file"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'purge'")" -eq 1 ] ||
    fail "the purge's audit row was not carried over"
expect_exit 0 as mgr audit verify
has "$TMP/out" "chain intact"
expect_exit 0 as clerk1 search "$xname" --count
[ "$(cat "$TMP/out")" = 0 ] || fail "count: $(cat "$TMP/out")"
# the database itself lost: the ledger's copy in the backup folder still erases X
rm -f "$MEIBO_DB" "$MEIBO_DB-wal" "$MEIBO_DB-shm"
expect_exit 0 "$MEIBO" restore "$old" --json
has "$TMP/out" '"replaced":false'
has "$TMP/out" "\"ledger_entries\":$erased,\"reapplied\":$erased,"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members WHERE member_no = '$X'")" -eq 0 ] ||
    fail "restore without the database brought $X back"
expect_exit 0 as mgr audit verify

# --- refused: a damaged backup; a damaged database in the way
cp "$old" "$TMP/bad.db"
printf 'garbage!' | dd of="$TMP/bad.db" bs=1 seek=5000 conv=notrunc 2>/dev/null
printf 'xxxxxxxx' | dd of="$TMP/bad.db" bs=1 seek=0 conv=notrunc 2>/dev/null
expect_exit 1 "$MEIBO" restore "$TMP/bad.db" --db "$TMP/r/other.db"
[ ! -e "$TMP/r/other.db" ] || fail "a damaged backup was restored"
printf 'not a database' > "$TMP/r/junk.db"; chmod 600 "$TMP/r/junk.db"
expect_exit 1 "$MEIBO" restore "$old" --db "$TMP/r/junk.db"
has "$TMP/err" "move it aside"

# --- encrypted backups: AES-256-GCM with the key file of meibo.conf
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TMP/backup.key"
chmod 644 "$TMP/backup.key"
printf 'backup_key_file = %s/backup.key\n' "$TMP" > "$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"
expect_exit 1 as mgr backup
has "$TMP/err" "others can read it"
chmod 600 "$TMP/backup.key"
export MEIBO_NOW=$((T0 + 2 * 86400))
expect_exit 0 as mgr backup --json
has "$TMP/out" '"encrypted":true'
enc=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
case $enc in *.db.enc) ;; *) fail "encrypted backup named $enc" ;; esac
[ "$(head -c 8 "$enc")" = MEIBOBK2 ] || fail "no header"
# the database's identity follows the magic, in the authenticated data (取扱規程 第19条)
id=$(sqlite3 "$MEIBO_DB" "SELECT uuid FROM db_identity")
[ "${#id}" -eq 32 ] || fail "the database has no identity: '$id'"
[ "$(tail -c +9 "$enc" | head -c 32)" = "$id" ] || fail "the backup does not carry the database's identity"
[ "$(grep -c -a 並行 "$enc" || true)" -eq 0 ] || fail "the encrypted backup holds names in clear"
ls -a "$TMP" | grep -q '^\.meibo-backup' && fail "a plain copy was left beside the database"
expect_exit 0 "$MEIBO" restore "$enc" --db "$TMP/r/enc.db"
[ "$(sqlite3 "$TMP/r/enc.db" "SELECT count(*) FROM members")" = "$(count_members)" ] || fail "encrypted round trip"
cp "$enc" "$TMP/tampered.enc"
printf 'Z' | dd of="$TMP/tampered.enc" bs=1 seek=100000 conv=notrunc 2>/dev/null
expect_exit 1 "$MEIBO" restore "$TMP/tampered.enc" --db "$TMP/r/t.db"
has "$TMP/err" "does not match its key"
[ ! -e "$TMP/r/t.db" ] || fail "a tampered backup was restored"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TMP/other.key"
chmod 600 "$TMP/other.key"
expect_exit 1 "$MEIBO" --config /dev/null restore "$enc" --db "$TMP/r/t.db"
has "$TMP/err" "is encrypted"
printf 'backup_key_file = %s/other.key\n' "$TMP" > "$TMP/other.conf"
expect_exit 1 "$MEIBO" --config "$TMP/other.conf" restore "$enc" --db "$TMP/r/t.db"
has "$TMP/err" "does not match its key"
# a key file with a non-hex digit (first of a pair: hexval -1 was shifted left, undefined)
printf 'zz%062d\n' 0 > "$TMP/other.key"
expect_exit 1 "$MEIBO" --config "$TMP/other.conf" restore "$enc" --db "$TMP/r/t.db"
has "$TMP/err" "not 64 hex digits"
[ ! -e "$TMP/r/t.db" ] || fail "restored with a key that is not hex"

# --- rotation (14 daily and 12 monthly by default; here 3 and 2): the newest of each of the
# last 3 days and of each of the last 2 months stay; cron runs it as root (no login)
printf 'backup_keep_daily = 3\nbackup_keep_monthly = 2\n' > "$TMP/meibo.conf"
rm -f "$B"/meibo-*
for t in 1790000000 1795222800 1795309200 1795395600 1795482000 1795568400; do
    MEIBO_NOW=$t "$MEIBO" backup >/dev/null || fail "cron backup at $t"
done
ls "$B" | grep '^meibo-' > "$TMP/kept"
cat > "$TMP/kept.want" <<'K'
meibo-20260921-231320.db
meibo-20261123-100000.db
meibo-20261124-100000.db
meibo-20261125-100000.db
K
diff -u "$TMP/kept.want" "$TMP/kept" || fail "rotation kept other backups"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'backup' AND user_login = 'system' AND unix_user = '$(id -un)'")" -eq 6 ] ||
    fail "the cron backups are not in the access log"
# --to DIR
mkdir -m 700 "$TMP/elsewhere"
expect_exit 1 as mgr backup --to "$TMP/elsewhere"       # a copy taken out: 規程 第16条
has "$TMP/err" "needs the chief officer's prior permission (規程 第16条)"
as kanri permission grant --backup-to "$TMP/elsewhere" --until 2026-12-31 >/dev/null
expect_exit 0 as mgr backup --to "$TMP/elsewhere"
ls "$TMP/elsewhere"/meibo-*.db >/dev/null || fail "--to wrote nothing"

# --- the database's identity (issue 12): another database backed up into the same folder with
# a rotation of 1 removes none of this one's backups (取扱規程 第19条), and a restore over this
# database refuses the other's backup unless told --other-database
ls "$B" | grep '^meibo-' > "$TMP/mine"
mkdir -m 700 "$TMP/o"
"$MEIBO" --db "$TMP/o/o.db" init --pledge-on 2026-04-01 --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
[ "$(sqlite3 "$TMP/o/o.db" "SELECT uuid FROM db_identity")" != "$(sqlite3 "$MEIBO_DB" "SELECT uuid FROM db_identity")" ] ||
    fail "two databases share an identity"
printf 'backup_dir = %s\nbackup_keep_daily = 1\nbackup_keep_monthly = 0\n' "$B" > "$TMP/o/o.conf"
for t in 1795222800 1795309200 1795395600; do
    MEIBO_NOW=$t "$MEIBO" --config "$TMP/o/o.conf" --db "$TMP/o/o.db" backup >/dev/null ||
        fail "the other database's backup"
done
ls "$B" | grep '^meibo-' > "$TMP/all"
grep -vxF -f "$TMP/mine" "$TMP/all" > "$TMP/theirs" || true
[ "$(wc -l < "$TMP/theirs")" -eq 1 ] || fail "the other database's rotation kept $(wc -l < "$TMP/theirs") of its own"
grep -xF -f "$TMP/mine" "$TMP/all" | diff -u "$TMP/mine" - || fail "the other database's rotation removed this one's backups"
theirs=$B/$(cat "$TMP/theirs")
expect_exit 1 "$MEIBO" restore "$theirs"
has "$TMP/err" "is a backup of another database (identity $(sqlite3 "$TMP/o/o.db" "SELECT uuid FROM db_identity")), not of $MEIBO_DB"
has "$TMP/err" "restore with --other-database"
expect_exit 0 as mgr audit verify      # nothing was changed
expect_exit 0 cp "$MEIBO_DB" "$TMP/o/keep.db"
expect_exit 0 "$MEIBO" restore "$theirs" --db "$TMP/o/keep.db" --other-database --json
has "$TMP/out" '"other_database":true'
[ "$(sqlite3 "$TMP/o/keep.db" "SELECT uuid FROM db_identity")" = "$(sqlite3 "$TMP/o/o.db" "SELECT uuid FROM db_identity")" ] ||
    fail "the restored database does not carry its backup's identity"
