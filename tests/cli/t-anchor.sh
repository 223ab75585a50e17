# The access log cannot be cut or rewritten unseen (取扱規程 第35条; issue 12 §2): the chain is
# an HMAC with a key outside the database, and its head is anchored outside it too, so a cut
# tail, an emptied log and a row rewritten with the chain after it recomputed are each named
# by `audit verify` and `doctor` (exit 1). Verification starts from the newest verified anchor.
. "$TOP/tests/cli-lib.sh"
setup
K=${MEIBO_DB%.db}.key A=${MEIBO_DB%.db}.anchors
[ "$(stat -c %a "$K")" = 640 ] || fail "key mode $(stat -c %a "$K")"
[ "$(stat -c %a "$A")" = 660 ] || fail "anchors mode $(stat -c %a "$A")"
grep -q '^[0-9a-f]\{64\}$' "$K" || fail "the key is not 64 hex digits"
! sqlite3 "$MEIBO_DB" .dump | grep -qF "$(cat "$K")" || fail "the key is inside the database"
for i in 1 2 3 4 5; do as clerk1 search 佐藤 >/dev/null; done
# every session that wrote rows anchored its head on exit
last=$(sqlite3 "$MEIBO_DB" "SELECT max(id) FROM audit_log")
tail -n 1 "$A" | grep -q "^A1 head $last " || fail "no head anchor at row $last: $(tail -n 1 "$A")"
expect_exit 0 as mgr audit verify
has "$TMP/out" "chain intact"

sqlite3 "$MEIBO_DB" ".backup '$TMP/good.db'"
cp "$A" "$TMP/good.anchors"
again() { rm -f "$MEIBO_DB-wal" "$MEIBO_DB-shm"; cp "$TMP/good.db" "$MEIBO_DB"; chmod 600 "$MEIBO_DB"; cp "$TMP/good.anchors" "$A"; }
head=$(sqlite3 "$MEIBO_DB" "SELECT max(id) FROM audit_log")

# 1. the last rows deleted: the cut tail is named by its first row
sqlite3 "$MEIBO_DB" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > $((head - 3))"
expect_exit 1 as mgr audit verify
# (the verifying session's own login took the first free number: the next is named)
has "$TMP/err" "audit log row $((head - 1)): missing, and rows up to $head with it"
has "$TMP/err" "(the log was cut or emptied)"
expect_exit 1 as mgr doctor
has "$TMP/out" "audit log row"
has "$TMP/out" "(the log was cut or emptied)"
again

# 2. the whole log deleted
sqlite3 "$MEIBO_DB" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log"
expect_exit 1 as mgr audit verify
has "$TMP/err" "audit log row 1: not the row anchored at"
has "$TMP/err" "(the log was cut or emptied)"
again

# 3. one row rewritten and the unkeyed chain after it recomputed (SHA-256, as before the key)
python3 - "$MEIBO_DB" 4 <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); row = int(sys.argv[2])
db.execute("DROP TRIGGER audit_log_no_update")
db.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE id = ?", (row,))
cols = "id, at, user_login, unix_user, ssh_client, action, member_no, detail, prev_hash"
prev = db.execute("SELECT hash FROM audit_log WHERE id = ?", (row - 1,)).fetchone()[0]
for r in db.execute(f"SELECT {cols} FROM audit_log WHERE id >= ? ORDER BY id", (row,)).fetchall():
    f = [str(r[0])] + list(r[1:8]) + [prev]
    h = hashlib.sha256(b"".join(b"%d:%s\n" % (len(x.encode()), x.encode()) for x in f)).hexdigest()
    db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
    prev = h
db.commit()
PY
expect_exit 1 as mgr audit verify --full
has "$TMP/err" "audit log row 4: hash does not match its content (row altered)"
expect_exit 1 as mgr audit verify
has "$TMP/err" "audit log row"
expect_exit 1 as mgr doctor
again

# 4. the anchors rewritten: a line without the key's MAC is refused; the file removed is named
sed -i "2 s/ head / verified /" "$A"
expect_exit 1 as mgr audit verify
has "$TMP/err" "its MAC does not verify with the key"
rm "$A"
expect_exit 1 as mgr audit verify
has "$TMP/err" "access log anchors $A are missing"
again

# 5. a database copied without its key is refused with what to do, and nothing is written
cp "$TMP/good.db" "$TMP/copy.db"; chmod 600 "$TMP/copy.db"
n=$(sqlite3 "$TMP/copy.db" "SELECT count(*) FROM audit_log")
expect_exit 1 as mgr --db "$TMP/copy.db" audit verify
has "$TMP/err" "access log key $TMP/copy.key is missing"
has "$TMP/err" "meibo restore"
[ "$(sqlite3 "$TMP/copy.db" "SELECT count(*) FROM audit_log")" = "$n" ] || fail "rows written without the key"
[ ! -e "$TMP/copy.key" ] || fail "a new key was made for a copy"
# and another key put beside it is not taken for its own
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TMP/copy.key"; echo >> "$TMP/copy.key"; chmod 640 "$TMP/copy.key"
expect_exit 1 as mgr --db "$TMP/copy.db" audit verify
has "$TMP/err" "is not this database's (its fingerprint differs)"

# incremental: a second verify starts at the anchor the first one left
expect_exit 0 as mgr audit verify
expect_exit 0 as mgr audit verify --json
has "$TMP/out" '"start":'
grep -q '"checked":[0-9],' "$TMP/out" || fail "the second verify walked the whole log: $(cat "$TMP/out")"
expect_exit 0 as mgr audit verify --full

# --- backups carry their anchor (取扱規程 第19条, 第35条) ------------------------------------
again
expect_exit 0 as mgr backup
b=$(ls "$TMP"/backups/meibo-*.db | tail -n 1)
id=$(sqlite3 "$MEIBO_DB" "SELECT uuid FROM db_identity")
[ -s "$TMP/backups/audit-$id.key" ] || fail "no key beside the backups"
cmp -s "$TMP/backups/audit-$id.key" "$K" || fail "the key beside the backups is another"
bhead=$(sqlite3 "$b" "SELECT max(id) FROM audit_log")
sqlite3 "$b" "SELECT line FROM audit_anchors" | grep -q "^A1 backup $bhead " || fail "the backup carries no anchor of row $bhead"
grep -q "^A1 backup $bhead " "$A" || fail "no backup anchor beside the database"
# restored where the database and its key are gone: the key comes from beside the backups
mkdir -m 700 "$TMP/lost"
expect_exit 0 "$MEIBO" restore "$b" --db "$TMP/lost/meibo.db"
cmp -s "$TMP/lost/meibo.key" "$K" || fail "restore did not bring the key back"
grep -q '^A1 reset ' "$TMP/lost/meibo.anchors" || fail "no reset anchor after the restore"
expect_exit 0 as mgr --db "$TMP/lost/meibo.db" audit verify --full
# an old backup restored over the database whose later rows cannot be carried over: the rows
# the anchors knew are named as lost, in the output and in the log
for i in 1 2; do as clerk1 search 佐藤 >/dev/null; done
rm -f "$MEIBO_DB-wal" "$MEIBO_DB-shm" "$MEIBO_DB"
expect_exit 0 "$MEIBO" restore "$b" --json
has "$TMP/out" "of the access log (anchored at"
has "$TMP/out" "are not in the restored log"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'restore' AND detail LIKE '%audit_lost=%'")" = 1 ] ||
    fail "the lost rows are not in the restore's row"
expect_exit 0 as mgr audit verify
# a planted backup: the log of it cut and its anchor rewritten without the key
cp "$b" "$TMP/backups/planted.db"; chmod 600 "$TMP/backups/planted.db"
sqlite3 "$TMP/backups/planted.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > 3"
expect_exit 1 "$MEIBO" restore "$TMP/backups/planted.db" --db "$TMP/lost/p.db"
has "$TMP/err" "rows were cut or rewritten after the backup"
sqlite3 "$TMP/backups/planted.db" "UPDATE audit_anchors SET line = replace(line, ' $bhead ', ' 3 ')"
expect_exit 1 "$MEIBO" restore "$TMP/backups/planted.db" --db "$TMP/lost/p.db"
has "$TMP/err" "does not verify with the access log key"
sqlite3 "$TMP/backups/planted.db" "DELETE FROM audit_anchors"
expect_exit 1 "$MEIBO" restore "$TMP/backups/planted.db" --db "$TMP/lost/p.db"
has "$TMP/err" "the backup carries no anchor of its access log"
[ ! -e "$TMP/lost/p.db" ] || fail "a planted backup was restored"

# --- the log's own retention period (issue 20; 規程 第17条): purge cuts at a checkpoint ------
expect_exit 0 as kanri retention list
has "$TMP/out" "audit_log"
n0=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log")
expect_exit 0 as kanri purge --dry-run --json
has_word "$TMP/out" '"audit_rows":0'
# three years and a day later every row so far is past: they go, a checkpoint anchors the cut
export MEIBO_NOW=$((MEIBO_NOW + 3 * 366 * 86400))
expect_exit 0 as kanri purge --json
grep -q '"audit_rows":[1-9]' "$TMP/out" || fail "no access-log rows purged: $(cat "$TMP/out")"
cut=$(sed 's/.*"audit_cut":\([0-9]*\).*/\1/' "$TMP/out")
[ "$(sqlite3 "$MEIBO_DB" "SELECT min(id) FROM audit_log")" = $((cut + 1)) ] || fail "the log does not start after the cut $cut"
grep -q "^A1 checkpoint $cut " "$A" || fail "no checkpoint anchor at $cut"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_list_members WHERE audit_id <= $cut")" = 0 ] || fail "list rows of purged rows kept"
expect_exit 0 as mgr audit verify --full
expect_exit 0 as mgr audit verify
# every other DELETE is still refused
! sqlite3 "$MEIBO_DB" "DELETE FROM audit_log WHERE id = $((cut + 1))" 2>/dev/null || fail "DELETE allowed after a purge"
# a backup of the cut log restores and verifies from the checkpoint it carries
expect_exit 0 as mgr backup
b2=$(ls "$TMP"/backups/meibo-*.db | tail -n 1)
sqlite3 "$b2" "SELECT line FROM audit_anchors" | grep -q "^A1 checkpoint $cut " || fail "the backup carries no checkpoint"
expect_exit 0 "$MEIBO" restore "$b2" --db "$TMP/lost/cut.db"
expect_exit 0 as mgr --db "$TMP/lost/cut.db" audit verify --full
# the rows before the checkpoint removed past it: named
sqlite3 "$MEIBO_DB" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id <= $((cut + 2))"
expect_exit 1 as mgr audit verify --full
has "$TMP/err" "audit log row $((cut + 3))"
