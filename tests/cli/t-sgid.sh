# The set-group-ID door (issue 12; docs/ARCHITECTURE.md, Security; boundary.h; 規程 第12条 安全管理措置,
# 規程 第16条, 取扱規程 第19条, 第22条): every attack a local user without a staff account
# (nobody) and a clerk with one can try, run as uid 65534 against a set-group-ID copy of meibo
# whose root-owned system configuration names the state folder, the backup key and rotation.
# With the group's rights meibo touches only what the installation chose; for anything else
# the caller names it drops the group first, so the user reaches only what they could anyway.
. "$TOP/tests/cli-lib.sh"
unset MEIBO_DB   # the database is the system configuration's (state_dir)
sgid_setup "backup_keep_daily = 14" "backup_keep_monthly = 12" \
    "backup_key_file = /tmp/KEYDIR/backup.key"
KEY=$(dirname "$SYSCONF")/backup.key
sed -i "s|/tmp/KEYDIR/backup.key|$KEY|" "$SYSCONF"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KEY"
chgrp daemon "$KEY"
chmod 640 "$KEY"
M=$TMP/sgbin/meibo

# the installation (root): the database in the state folder by default, staff, a backup (cron)
"$M" init --pledge-on 2026-04-01 --chief kanri --password-file "$(pw kanri)" >/dev/null
"$M" --user kanri --password-file "$TMP/kanri.pw" user add --pledge-on 2026-04-01 mgr --name 管理者 --role manager \
    --new-password-file "$(pw mgr)" >/dev/null
"$M" --user kanri --password-file "$TMP/kanri.pw" user add --pledge-on 2026-04-01 clerk1 --name 従事者 --role clerk \
    --new-password-file "$(pw clerk1)" >/dev/null
[ "$(stat -c '%a %G' "$SG/meibo.db")" = "660 daemon" ] || fail "database $(stat -c '%a %G' "$SG/meibo.db")"
expect_exit 0 "$M" backup --json
bk=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
case $bk in "$SG/backups/"*.db.enc) ;; *) fail "the backup is $bk" ;; esac
for d in 20261101 20261102 20261103; do   # earlier daily backups of the same database
    cp -p "$bk" "$SG/backups/meibo-$d-020000.db.enc"
done
ls "$SG/backups" > "$TMP/real.before"

# the users: nobody's own home, their password files
H=$TMP/home
mkdir -m 700 "$H"
chown 65534:65534 "$H"
for u in kanri mgr clerk1; do cp "$TMP/$u.pw" "$H/$u.pw"; done
printf 'pass-evil-2026\n' > "$H/evil.pw"
chown 65534:65534 "$H"/*.pw
chmod 600 "$H"/*.pw
ns() { nob "$M" "$@"; }   # nobody, through the set-group-ID meibo
# st_ LOGIN ARGS...: nobody logged in as LOGIN (a clerk, a manager, the chief officer)
st_() { _u=$1; shift; nob "$M" --user "$_u" --password-file "$H/$_u.pw" "$@"; }
expect_exit 0 st_ clerk1 search 高橋 --count          # the door itself works

# --- 1. init in their own home, then the real backup folder, key and a rotation of 1 --------
expect_exit 0 ns --db "$H/own.db" init --pledge-on 2026-04-01 --chief evil --password-file "$H/evil.pw"
# made with nobody's own group: the group was dropped before any file was opened
[ "$(stat -c '%u %g' "$H/own.db")" = "65534 65534" ] || fail "own.db is $(stat -c '%u %g' "$H/own.db")"
printf 'backup_dir = %s\nbackup_key_file = %s\nbackup_keep_daily = 1\nbackup_keep_monthly = 0\n' \
    "$SG/backups" "$KEY" > "$H/evil.conf"
chown 65534 "$H/evil.conf"
expect_exit 1 ns --config "$H/evil.conf" --db "$H/own.db" --user evil --password-file "$H/evil.pw" backup
has "$TMP/err" "$H/evil.conf:1: backup_dir: a user's configuration may not set this key"
has "$TMP/err" "only from the system configuration"
expect_exit 1 nob env MEIBO_CONFIG="$H/evil.conf" "$M" --db "$H/own.db" --user evil \
    --password-file "$H/evil.pw" backup
has "$TMP/err" "backup_dir: a user's configuration may not set this key"
for k in "backup_key_file = $KEY" "backup_keep_daily = 1" "outbox = $H/out" "db = $H/own.db" \
    "state_dir = $H" "lp_command = $H/lp" "printer = x" "society_name = 偽学会" "request_due_days = 90"; do
    printf '%s\n' "$k" > "$H/evil.conf"
    expect_exit 1 ns --config "$H/evil.conf" --db "$H/own.db" --user evil --password-file "$H/evil.pw" audit verify
    has "$TMP/err" "$H/evil.conf:1: ${k%% =*}: a user's configuration may not set this key"
done
# their own database's backup goes beside it; the society's key is not theirs to use
expect_exit 1 ns --db "$H/own.db" --user evil --password-file "$H/evil.pw" backup
has "$TMP/err" "backup key $KEY: Permission denied"
ls "$SG/backups" > "$TMP/real.after"
diff -u "$TMP/real.before" "$TMP/real.after" || fail "the real backups changed"
expect_exit 0 "$M" restore "$bk" --json   # the real backup is still the registry's (root)
has "$TMP/out" '"other_database":false'

# --- 2. a clerk's outbox = ~/folder (a copy without the chief's permission, 規程 第16条) --------
printf 'outbox = %s/out\n' "$H" > "$H/clerk.conf"
chown 65534 "$H/clerk.conf"
expect_exit 1 st_ mgr --config "$H/clerk.conf" ledger --format pdf
has "$TMP/err" "$H/clerk.conf:1: outbox: a user's configuration may not set this key"
[ ! -e "$H/out" ] || fail "the outbox in the clerk's home was made"
# preferences are theirs: language, lines, width, a shorter screen lock (取扱規程 第30条)
printf 'lang = en\nline_drawing = ascii\nambiguous_width = 2\nidle_lock_minutes = 3\n' > "$H/clerk.conf"
expect_exit 0 st_ clerk1 --config "$H/clerk.conf" search 高橋 --count
printf 'idle_lock_minutes = 30\n' > "$H/clerk.conf"
expect_exit 1 st_ clerk1 --config "$H/clerk.conf" search 高橋 --count
has "$TMP/err" "$H/clerk.conf:1: idle_lock_minutes: at most 5, the system configuration's"

# --- 3. folders made inside protected folders -------------------------------------------------
printf 'outbox = %s/made-by-nobody\n' "$SG" > "$H/clerk.conf"
expect_exit 1 st_ mgr --config "$H/clerk.conf" ledger --format pdf
[ ! -e "$SG/made-by-nobody" ] || fail "a folder was made in the state folder"
# a set-group-ID meibo makes no folder itself: a missing outbox is refused, not made theirs
rmdir "$SG/outbox"
expect_exit 1 st_ mgr ledger --format pdf
has "$TMP/err" "outbox $SG/outbox: No such file or directory; a set-group-ID meibo makes no folder itself"
[ ! -e "$SG/outbox" ] || fail "the outbox was made by nobody: $(stat -c '%U %G %a' "$SG/outbox")"
expect_exit 1 st_ mgr doctor
has "$TMP/out" "problem  install: outbox $SG/outbox: No such file or directory"
# one the caller owns, or one not 2770, is refused too
mkdir "$SG/outbox"; chown 65534:daemon "$SG/outbox"; chmod 2770 "$SG/outbox"
expect_exit 1 st_ mgr ledger --format pdf
has "$TMP/err" "must be meibo's group's"
has "$TMP/err" "not owned by you (uid 65534)"
chown root "$SG/outbox"; chmod 2775 "$SG/outbox"
expect_exit 1 st_ mgr ledger --format pdf
has "$TMP/err" "mode 2775) must be meibo's group's"
chmod 2770 "$SG/backups"; chmod 2750 "$SG/backups"
expect_exit 1 st_ mgr backup
has "$TMP/err" "backup folder $SG/backups (owner uid 0, group gid $(getent group daemon | cut -d: -f3), mode 2750)"
expect_exit 1 st_ mgr doctor
has "$TMP/out" "problem  install: backup folder $SG/backups"
has "$TMP/out" "problem  install: outbox $SG/outbox"
chmod 2770 "$SG/outbox" "$SG/backups"
expect_exit 0 st_ mgr ledger --format pdf
has "$TMP/out" "$SG/outbox/"
# a file the caller names is written with their own rights: not into the state folder
expect_exit 1 st_ mgr ledger --format pdf --out "$SG/evil.pdf"
[ ! -e "$SG/evil.pdf" ] || fail "--out wrote into the state folder"
expect_exit 0 st_ mgr ledger --format pdf --out "$H/ledger.pdf"
[ "$(stat -c '%u %g' "$H/ledger.pdf")" = "65534 65534" ] || fail "--out file $(stat -c '%u %g' "$H/ledger.pdf")"

# --- 3b. the access log's key and anchors (取扱規程 第35条; issue 12 §2): reached only through
# meibo; a user without the group can neither read the key (to recompute the chain) nor cut
# the anchors, and a clerk's session through the door still writes and anchors its rows
[ "$(stat -c '%a %G' "$SG/meibo.key")" = "640 daemon" ] || fail "key $(stat -c '%a %G' "$SG/meibo.key")"
[ "$(stat -c '%a %G' "$SG/meibo.anchors")" = "660 daemon" ] || fail "anchors $(stat -c '%a %G' "$SG/meibo.anchors")"
expect_exit 1 nob cat "$SG/meibo.key"
has "$TMP/err" "Permission denied"
expect_exit 2 nob sh -c ": > '$SG/meibo.anchors'"
has "$TMP/err" "Permission denied"
expect_exit 1 nob cat "$SG/backups/audit-$(sqlite3 "$SG/meibo.db" "SELECT uuid FROM db_identity").key"
has "$TMP/err" "Permission denied"
before=$(wc -l < "$SG/meibo.anchors")
expect_exit 0 st_ clerk1 search 高橋 --count
[ "$(wc -l < "$SG/meibo.anchors")" -gt "$before" ] || fail "the clerk's session anchored no head"
expect_exit 0 st_ mgr audit verify
has "$TMP/out" "chain intact"
# a database of nobody's own (group dropped) gets its own key: the society's is not read
expect_exit 0 ns --db "$H/own2.db" init --chief evil --password-file "$H/evil.pw" --pledge-on 2026-04-01
[ "$(stat -c %u "$H/own2.key")" = 65534 ] || fail "own key owner $(stat -c %u "$H/own2.key")"
! cmp -s "$H/own2.key" "$SG/meibo.key" || fail "nobody's database got the society's key"

# --- 4. --config (and --password-file, import FILE) tell nothing of files of the group --------
expect_exit 1 ns --config "$SG/meibo.db" audit verify
sed "s|$SG/meibo.db|FILE|" "$TMP/err" > "$TMP/exists"
expect_exit 1 ns --config "$SG/no-such.conf" audit verify
sed "s|$SG/no-such.conf|FILE|" "$TMP/err" > "$TMP/missing"
diff -u "$TMP/exists" "$TMP/missing" || fail "--config tells a group file from a missing one"
has "$TMP/exists" "FILE: cannot read the configuration"
expect_exit 1 ns --user mgr --password-file "$SG/meibo.db" audit verify
sed "s|$SG/meibo.db|FILE|" "$TMP/err" > "$TMP/exists"
expect_exit 1 ns --user mgr --password-file "$SG/no-such.pw" audit verify
sed "s|$SG/no-such.pw|FILE|" "$TMP/err" > "$TMP/missing"
diff -u "$TMP/exists" "$TMP/missing" || fail "--password-file tells a group file from a missing one"
expect_exit 1 st_ clerk1 import "$SG/backups/deletion-ledger.tsv" --dry-run
has "$TMP/err" "Permission denied"

# --- 5. --db and init outside the state folder reach only what nobody could anyway ------------
O=$TMP/other            # a folder of the group that the installation did not choose
mkdir "$O"; chgrp daemon "$O"; chmod 2770 "$O"
"$M" --db "$O/o.db" init --pledge-on 2026-04-01 --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
[ "$(stat -c %G "$O/o.db")" = daemon ] || fail "o.db not in the group"
expect_exit 1 st_ kanri --db "$O/o.db" user list
hasnt "$TMP/out" "kanri"
expect_exit 1 ns --db "$O/new.db" init --pledge-on 2026-04-01 --chief evil --password-file "$H/evil.pw"
[ ! -e "$O/new.db" ] || fail "init made a database in a folder of the group"
expect_exit 1 ns --db "$SG/mine.db" init --pledge-on 2026-04-01 --chief evil --password-file "$H/evil.pw"
[ ! -e "$SG/mine.db" ] || fail "init made a database in the state folder"
# through '..' and symbolic links
expect_exit 1 st_ kanri --db "$SG/../other/o.db" user list
ln -s "$O/o.db" "$H/link.db"
expect_exit 1 st_ kanri --db "$H/link.db" user list
ln -s "$O/o.db" "$SG/link.db"   # even one the installation made that leads out
expect_exit 1 st_ kanri --db "$SG/link.db" user list
rm "$SG/link.db"
expect_exit 0 st_ kanri --db "$H/../sg/meibo.db" user list   # the installation's, by any name
has_word "$TMP/out" "clerk1"

# --- 6. the system configuration must be root's ------------------------------------------------
chmod 664 "$SYSCONF"
expect_exit 1 st_ clerk1 search 高橋 --count
has "$TMP/err" "$SYSCONF: the system configuration must be owned by root and writable by root alone"
has "$TMP/err" "chown root:root $SYSCONF && chmod 644 $SYSCONF"
chmod 644 "$SYSCONF"; chown 65534 "$SYSCONF"
expect_exit 1 st_ clerk1 search 高橋 --count
has_word "$TMP/err" "owner uid 65534"
chown root "$SYSCONF"
chmod 777 "$(dirname "$SYSCONF")"
expect_exit 1 st_ clerk1 search 高橋 --count
has "$TMP/err" "the folder of the system configuration $SYSCONF must be root's"
chmod 755 "$(dirname "$SYSCONF")"

# --- 7. fontconfig: the system's configuration only, none of the caller's ---------------------
mkdir -p "$H/.config/fontconfig" "$H/.fonts"
printf '<fontconfig><dir>%s/evil-fonts</dir><broken\n' "$H" > "$H/.config/fontconfig/fonts.conf"
cp "$H/.config/fontconfig/fonts.conf" "$H/.fonts.conf"
chown -R 65534:65534 "$H/.config" "$H/.fonts" "$H/.fonts.conf"
expect_exit 0 nob env HOME="$H" "$M" --user mgr --password-file "$H/mgr.pw" ledger --format pdf --out "$H/l.pdf"
hasnt "$TMP/err" "Fontconfig"
if command -v strace >/dev/null; then
    strace -f -qq -e trace=%file -o "$TMP/strace" setpriv --reuid=65534 --regid=65534 --clear-groups \
        env HOME="$H" "$M" --user mgr --password-file "$H/mgr.pw" ledger --format pdf --out "$H/l2.pdf" \
        >/dev/null 2>&1 || fail "ledger under strace"
    grep -q '/etc/fonts/fonts.conf' "$TMP/strace" || fail "strace saw no fontconfig at all"
    ! grep -E "\"$H/\.(config|fonts|local|cache)" "$TMP/strace" || fail "fontconfig read the caller's home"
fi

# --- root (cron) names the system file again, or a file of its own: every key is root's -------
expect_exit 0 "$M" --config "$SYSCONF" backup
printf 'backup_keep_daily = 30\n' > "$TMP/root.conf"
expect_exit 0 "$M" --config "$TMP/root.conf" backup
chmod 700 "$TMP"

