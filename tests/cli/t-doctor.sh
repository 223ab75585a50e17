# meibo doctor (取扱規程 第39条: the system watched, what hinders it dealt with): a good set-up
# says ok everywhere and exits 0; each thing wrong gives its finding and what to do: a database
# others can read (docs/ARCHITECTURE.md, Security; 規程 第12条), a backup older than a day (取扱規程 第19条),
# an overdue or nearly-due rights request (第22–23条), a broken access-log chain (取扱規程 第35条),
# a pledge ending soon (取扱規程 第6条), staff without a pledge or training (第27–28条), a locale
# without UTF-8, the printer's state; who may run it.
. "$TOP/tests/cli-lib.sh"
setup
recipient 日本架空学会 academic >/dev/null  # the register (規程 第20条第3–4項)
as clerk1 member add member_no=20000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ \
    given_kana=イチロウ joined_on=2010-04-01 >/dev/null
B=$TMP/backups
line() { grep "^$1 *$2:" "$TMP/out" || { cat "$TMP/out"; fail "no '$1 $2:' line"; }; }

# --- a good set-up: a backup taken today, nothing due, the chain intact, staff trained: every
# line ok
for u in kanri mgr clerk1; do as mgr user training $u --on 2026-06-01 --topic 個人情報保護研修 >/dev/null; done
as mgr backup >/dev/null
touch -d "@$MEIBO_NOW" "$B"/meibo-*.db   # the file's time by the pinned clock, like its name
expect_exit 0 as clerk1 doctor
for area in permissions install locale fonts printer disk backup audit requests pledges staff; do
    line ok "$area" >/dev/null
done
! grep -q '^warning\|^problem' "$TMP/out" || fail "a good set-up has a warning or problem"
has "$TMP/out" "ok       permissions: database $MEIBO_DB (mode 0660)"
has "$TMP/out" "ok       backup: the newest backup meibo-20261121-100000.db (2026-11-21 10:00) is 0 hours old; 1 in $B"
has "$TMP/out" "ok       audit: the access log's chain is intact"
has_word "$TMP/out" "ok       locale: locale C.UTF-8"
has "$TMP/out" "ok       fonts: fontconfig gives Pango IPAexMincho"
has "$TMP/out" "ok       printer: no printer in meibo.conf: letters go to the outbox $TMP/outbox"
has "$TMP/out" "meibo doctor: all "
expect_exit 0 as clerk1 doctor --json
has "$TMP/out" '{"ok":true,"problems":0,"warnings":0,"findings":[{"area":"permissions","level":"ok"'
# plain copies of the registry a killed backup or restore left (issue 12; 取扱規程 第22条) are a
# problem until the next backup shreds them
echo "20000001,架空 太郎" > "$TMP/.meibo-backup-AbC123"
echo "20000001,架空 太郎" > "$TMP/.meibo-restore-XyZ789"
echo "journal" > "$TMP/.meibo-restore-XyZ789-journal"
chmod 600 "$TMP"/.meibo-*
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  backup: 3 plain copies of the registry (.meibo-backup-*, .meibo-restore-*) left by a killed backup or restore in $TMP"
has "$TMP/out" "what to do: meibo backup (or restore, or purge) shreds and removes them first"
cp -a "$B" "$TMP/b.keep"   # (the backups below are the one made above)
as mgr backup >/dev/null
[ -z "$(ls -A "$TMP" | grep '^\.meibo-')" ] || fail "backup left the plain copies: $(ls -A "$TMP" | grep '^\.meibo-')"
rm -rf "$B"; mv "$TMP/b.keep" "$B"
expect_exit 0 as clerk1 doctor
# the doctor reads no personal data and writes no access-log row
rows=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log")
expect_exit 0 "$MEIBO" doctor   # cron: root reads the file itself
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log")" = "$rows" ] || fail "doctor wrote to the access log"
hasnt "$TMP/out" 髙橋

# --- who may: a wrong password is refused; without --user only who can read the file itself
printf 'wrong\n' > "$TMP/bad.pw"; chmod 600 "$TMP/bad.pw"
expect_exit 1 "$MEIBO" --user clerk1 --password-file "$TMP/bad.pw" doctor
if getent passwd nobody >/dev/null && command -v setpriv >/dev/null; then
    chmod 711 "$TMP"
    expect_exit 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$MEIBO" --db "$MEIBO_DB" doctor
    has "$TMP/err" "doctor without --user: $MEIBO_DB: you (uid 65534) may not read it yourself"
    has "$TMP/err" "log in with --user"
    chmod 700 "$TMP"
fi
expect_exit 2 as clerk1 doctor --verbose
expect_exit 2 as clerk1 doctor extra

# --- a database others can read: a problem naming the chmod; the database is not opened
chmod 644 "$MEIBO_DB"
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  permissions: database $MEIBO_DB: others can read it (mode 0644)"
has "$TMP/out" "what to do: chmod o-rwx $MEIBO_DB"
has "$TMP/out" "warning  database: the access log, rights requests and pledges were not checked"
chmod 660 "$MEIBO_DB"
chmod 755 "$TMP"
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  permissions: database folder $TMP: others can read it (mode 0755)"
chmod 700 "$TMP"
touch "$MEIBO_DB-wal"; chmod 666 "$MEIBO_DB-wal"
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  permissions: database WAL $MEIBO_DB-wal: others can write it (mode 0666)"
rm -f "$MEIBO_DB-wal"
chmod 644 "$B"/meibo-*.db
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  permissions: 1 of the 2 files in $B give others access (meibo-20261121-100000.db, mode 0644)"
chmod 640 "$B"/meibo-*.db
expect_exit 0 as clerk1 doctor

# --- the newest backup's age (取扱規程 第19条: daily): over 26 hours a warning, over 3 days a
# problem; the older of the name's time and the file's counts (a file touched back is old)
touch -d "@$((MEIBO_NOW - 25 * 3600))" "$B"/meibo-*.db
expect_exit 0 as clerk1 doctor
line ok backup >/dev/null
touch -d "@$((MEIBO_NOW - 30 * 3600))" "$B"/meibo-*.db
expect_exit 0 as clerk1 doctor
has "$TMP/out" "warning  backup: the newest backup meibo-20261121-100000.db (2026-11-20 04:00) is 30 hours old; 取扱規程 第19条 asks for one daily"
has "$TMP/out" "what to do: meibo backup now, and the daily cron line of meibo(1), BACKUPS"
touch -d "2026-11-17 10:00" "$B"/meibo-*.db
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  backup: the newest backup meibo-20261121-100000.db (2026-11-17 10:00) is 4 days old"
# a later clock: the backup named 2026-11-21 10:00 is two days old by its name
touch -d "@$MEIBO_NOW" "$B"/meibo-*.db
expect_exit 0 env MEIBO_NOW=$((MEIBO_NOW + 2 * 86400)) "$MEIBO" doctor
has "$TMP/out" "warning  backup: the newest backup meibo-20261121-100000.db (2026-11-21 10:00) is 2 days old"
mv "$B" "$TMP/backups.away"
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  backup: no backup folder $B (No such file or directory)"
mkdir -m 2770 "$B"
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  backup: no backup in $B (取扱規程 第19条: daily)"
rmdir "$B"; mv "$TMP/backups.away" "$B"
# an encrypted backup's key file others can read
openssl rand -hex 32 > "$TMP/backup.key" 2>/dev/null || printf '%064d\n' 7 > "$TMP/backup.key"
chmod 644 "$TMP/backup.key"
printf 'backup_key_file = %s\n' "$TMP/backup.key" > "$TMP/key.conf"
expect_exit 1 as clerk1 --config "$TMP/key.conf" doctor
has "$TMP/out" "problem  backup: backup_key_file:"
chmod 600 "$TMP/backup.key"
expect_exit 0 as clerk1 --config "$TMP/key.conf" doctor
has "$TMP/out" "ok       backup: backups are encrypted with the key in $TMP/backup.key"

# --- rights requests (第22条: without delay; due 14 days after receipt): nearly due a warning,
# overdue a problem, by the pinned clock
expect_exit 0 as clerk1 request add --kind disclosure --member 20000001 --identity passport \
    --received 2026-11-21
expect_exit 0 as clerk1 doctor
has "$TMP/out" "ok       requests: no rights request is overdue or due within 3 days"
expect_exit 1 env MEIBO_NOW=$((MEIBO_NOW + 12 * 86400)) "$MEIBO" doctor   # due 2026-12-05 (the backup is old by then)
has "$TMP/out" "warning  requests: 1 rights request is due within 3 days"
has "$TMP/out" "what to do: meibo request list --due"
expect_exit 1 env MEIBO_NOW=$((MEIBO_NOW + 15 * 86400)) "$MEIBO" doctor
has "$TMP/out" "problem  requests: 1 rights request is past its due date (第22条: without delay)"
expect_exit 0 as clerk1 request add --kind correction --member 20000001 --identity passport \
    --received 2026-11-01 --content 施設名の訂正
expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  requests: 1 rights request is past its due date"

# --- pledges ending within 30 days (取扱規程 第6条: paper only against a valid pledge)
expect_exit 0 as mgr pledge add --recipient 日本架空学会 --signatory 山田花子 --received 2026-11-01 \
    --media paper --purposes enrollment_check --items a --valid-until 2026-12-10 --document 誓-2026-020
expect_exit 1 as clerk1 doctor
has "$TMP/out" "warning  pledges: 1 pledge ends within 30 days (取扱規程 第5–6条)"
has_word "$TMP/out" "meibo pledge list --expiring 30"

# --- 取扱規程 第27–28条: a staff member without a pledge on file, and one untrained for 12 months
as mgr user add nop1 --name 未提出 --role clerk --new-password-file "$(pw nop1)" >/dev/null
MEIBO_NOW=$((MEIBO_NOW + 200 * 86400)) expect_exit 1 as clerk1 doctor   # (the backup is old by then)
line warning staff | word_in - "1 staff account has no confidentiality pledge on file (取扱規程 第27条)" ||
    fail "no pledge finding"
word_in "$TMP/out" "4 staff members have had no training in the last 12 months" || fail "no training finding"

# --- a broken access-log chain (取扱規程 第35条): a row edited outside meibo
sqlite3 "$MEIBO_DB" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'forged' WHERE id = 3"
expect_exit 1 as clerk1 doctor --json
has "$TMP/out" '"ok":false'
has_word "$TMP/out" '{"area":"audit","level":"problem","what":"the access log'"'"'s chain is broken at row 3'
has "$TMP/out" "tell the 個人情報管理者 (取扱規程 第26条)"

# --- a locale without UTF-8: the screens fall back to C.UTF-8, the doctor says what to set
expect_exit 1 env LC_ALL=C "$MEIBO" doctor
has_word "$TMP/out" "warning  locale: locale C (LC_ALL=C) has codeset ANSI_X3.4-1968, not UTF-8: meibo's screens switch to C.UTF-8"
has_word "$TMP/out" "what to do: set LANG=C.UTF-8"

# --- the printer: lp and lpstat stand-ins beside it (lp_command); idle, disabled, unknown
mkdir -m 700 "$TMP/bin"
printf '#!/bin/sh\ncat >/dev/null\n' > "$TMP/bin/lp"
cat > "$TMP/bin/lpstat" <<'LPSTAT'
#!/bin/sh
[ "$1" = -p ] || exit 2
case $2 in
office-1) echo "printer office-1 is idle.  enabled since Sat 21 Nov 2026 09:00:00 JST" ;;
office-2) printf 'printer office-2 disabled since Sat 21 Nov 2026 09:00:00 JST -\n\tMedia Empty\n' ;;
*) echo "lpstat: Invalid destination name in list \"$2\"." >&2; exit 1 ;;
esac
LPSTAT
chmod 700 "$TMP/bin/lp" "$TMP/bin/lpstat"
printer() { printf 'printer = %s\nlp_command = %s\n' "$1" "$2" > "$TMP/p.conf"; }
printer office-1 "$TMP/bin/lp"
expect_exit 1 as clerk1 --config "$TMP/p.conf" doctor
has "$TMP/out" "ok       printer: printer office-1 (lp $TMP/bin/lp): printer office-1 is idle."
printer office-2 "$TMP/bin/lp"
expect_exit 1 as clerk1 --config "$TMP/p.conf" doctor
has "$TMP/out" "problem  printer: printer office-2 is disabled: printer office-2 disabled since Sat 21 Nov 2026 09:00:00 JST - Media Empty"
has_word "$TMP/out" "cupsenable office-2"
printer office-9 "$TMP/bin/lp"
expect_exit 1 as clerk1 --config "$TMP/p.conf" doctor
has_word "$TMP/out" "problem  printer: CUPS has no printer office-9"
printer office-1 "$TMP/bin/no-lp"
expect_exit 1 as clerk1 --config "$TMP/p.conf" doctor
has "$TMP/out" "problem  printer: printer office-1: lp_command $TMP/bin/no-lp in meibo.conf cannot be run"

# --- no database at all: the file checks still run
expect_exit 1 "$MEIBO" --db "$TMP/none.db" doctor
has "$TMP/out" "problem  permissions: no database at $TMP/none.db"
has "$TMP/out" "warning  database: the access log, rights requests and pledges were not checked: there is no database"

# --- installed set-group-ID (docs/ARCHITECTURE.md, Security): the database and its folders must be in
# meibo's group; a copy set-group-ID to a stand-in group (daemon) shows it
getent group daemon >/dev/null || { echo "skip: no daemon group"; exit 0; }
grep -q -a __asan_init "$MEIBO" && { echo "skip: set-group-ID under a sanitizer"; exit 0; }
mkdir -m 755 "$TMP/sgbin"
cp "$MEIBO" "$TMP/sgbin/meibo"
chgrp daemon "$TMP/sgbin/meibo"
chmod 2755 "$TMP/sgbin/meibo"
expect_exit 1 "$TMP/sgbin/meibo" doctor
has "$TMP/out" "problem  install: database $MEIBO_DB is in group root, but meibo runs in group daemon"
has "$TMP/out" "what to do: chgrp daemon $MEIBO_DB"
SG=$TMP/sg
mkdir "$SG"; chgrp daemon "$SG"; chmod 2770 "$SG"
"$TMP/sgbin/meibo" --db "$SG/m.db" init --pledge-on 2026-04-01 --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
"$TMP/sgbin/meibo" --db "$SG/m.db" backup >/dev/null
# a set-group-ID doctor keeps the real clock (secure_getenv: MEIBO_NOW is the caller's)
touch "$SG"/backups/meibo-*.db
expect_exit 0 "$TMP/sgbin/meibo" --db "$SG/m.db" doctor
has "$TMP/out" "ok       backup: the newest backup"
expect_exit 0 env MEIBO_NOW=$(($(date +%s) + 10 * 86400)) "$TMP/sgbin/meibo" --db "$SG/m.db" doctor
has "$TMP/out" "ok       backup: the newest backup"
has "$TMP/out" "ok       install: meibo ($TMP/sgbin/meibo) is set-group-ID daemon; the database, its folder, the backup folder and the outbox are in group daemon"
chmod g-s "$SG"
expect_exit 0 "$TMP/sgbin/meibo" --db "$SG/m.db" doctor
has "$TMP/out" "warning  install: database folder $SG (mode 0770) is not set-group-ID"

