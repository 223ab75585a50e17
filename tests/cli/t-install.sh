# Installation and hardening (docs/ARCHITECTURE.md, Security; 規程 第12条 安全管理措置, 規程 第16条):
# make install DESTDIR=... stages the binary, man pages, forms and schema and the database
# folder 2770 without touching the system; meibo refuses a database or folder others can read,
# creates its files without access for others (umask 007), and runs with a scrubbed
# environment and a safe PATH.
. "$TOP/tests/cli-lib.sh"

# --- make install into a staging folder (a package build): no group made, nothing chowned
group_before=$(getent group meibo || true)
make -s -C "$TOP" install DESTDIR="$TMP/stage" PREFIX=/usr INSTALL_BIN="$MEIBO" >"$TMP/out" 2>"$TMP/err" ||
    { cat "$TMP/err"; fail "make install DESTDIR failed"; }
[ "$(getent group meibo || true)" = "$group_before" ] || fail "make install with DESTDIR changed the groups"
has "$TMP/out" "staged in $TMP/stage without owners"
has "$TMP/out" "groupadd --system meibo"
has "$TMP/out" "chown root:meibo /usr/bin/meibo && chmod 2755 /usr/bin/meibo"
has "$TMP/out" "chown root:meibo /var/lib/meibo /var/lib/meibo/backups /var/lib/meibo/outbox && chmod 2770 /var/lib/meibo /var/lib/meibo/backups /var/lib/meibo/outbox"
has "$TMP/out" "chown root:root /etc/meibo/meibo.conf && chmod 644 /etc/meibo/meibo.conf"
S=$TMP/stage
mode() { stat -c %a "$1"; }
[ "$(mode "$S/usr/bin/meibo")" = 755 ] || fail "staged binary mode $(mode "$S/usr/bin/meibo") (set-group-ID to root's group?)"
[ "$(stat -c %G "$S/usr/bin/meibo")" = "$(id -gn)" ] || fail "staged binary was chgrp'ed"
[ "$(mode "$S/usr/share/man/man1/meibo.1")" = 644 ] || fail "meibo.1"
[ "$(mode "$S/usr/share/man/man5/meibo.conf.5")" = 644 ] || fail "meibo.conf.5"
for f in "$TOP"/forms/*.tmpl; do
    cmp -s "$f" "$S/usr/share/meibo/forms/$(basename "$f")" || fail "form $(basename "$f") not installed"
done
for f in "$TOP"/schema/*.sql; do
    cmp -s "$f" "$S/usr/share/meibo/schema/$(basename "$f")" || fail "schema $(basename "$f") not installed"
done
[ "$(mode "$S/var/lib/meibo")" = 2770 ] || fail "database folder mode $(mode "$S/var/lib/meibo")"
[ "$(mode "$S/var/lib/meibo/backups")" = 2770 ] && [ "$(mode "$S/var/lib/meibo/outbox")" = 2770 ] ||
    fail "backup folder or outbox not 2770"
# an example system configuration (PREFIX /usr: /etc), 0644, naming the state folder
[ "$(mode "$S/etc/meibo/meibo.conf")" = 644 ] || fail "system configuration not installed 0644"
has "$S/etc/meibo/meibo.conf" "state_dir = /var/lib/meibo"
echo "# the administrator's" >> "$S/etc/meibo/meibo.conf"
make -s -C "$TOP" install DESTDIR="$TMP/stage" PREFIX=/usr INSTALL_BIN="$MEIBO" >"$TMP/out" 2>"$TMP/err"
has "$S/etc/meibo/meibo.conf" "# the administrator's"
has "$TMP/out" "/etc/meibo/meibo.conf is there: left as it is"
"$S/usr/bin/meibo" --version | grep -q '^meibo ' || fail "the staged binary does not run"
make -s -C "$TOP" uninstall DESTDIR="$TMP/stage" PREFIX=/usr >/dev/null
[ ! -e "$S/usr/bin/meibo" ] && [ ! -e "$S/usr/share/meibo" ] || fail "uninstall left files"
[ -e "$S/etc/meibo/meibo.conf" ] || fail "uninstall removed the system configuration"

# --- a database or folder others can read is refused, with the chmod to run
setup
[ "$(mode "$MEIBO_DB")" = 660 ] || fail "a new database is $(mode "$MEIBO_DB"), not 660"
chmod 644 "$MEIBO_DB"
expect_exit 1 as clerk1 search 高橋 --count
has "$TMP/err" "$MEIBO_DB: others can read this file (mode 0644)"
has "$TMP/err" "chmod o-rwx $MEIBO_DB"
chmod 660 "$MEIBO_DB"
chmod 755 "$TMP"
expect_exit 1 as clerk1 search 高橋 --count
has "$TMP/err" "$TMP: others can read this folder (mode 0755)"
expect_exit 1 "$MEIBO" --db "$TMP/new.db" init --pledge-on 2026-04-01 --chief x --password-file "$TMP/kanri.pw"
has "$TMP/err" "others can read this folder"
[ ! -e "$TMP/new.db" ] || fail "init made a database in a folder others can read"
chmod 711 "$TMP"   # others may pass through, not list
expect_exit 0 as clerk1 search 高橋 --count
chmod 700 "$TMP"
touch "$MEIBO_DB-wal"; chmod 664 "$MEIBO_DB-wal"
expect_exit 1 as clerk1 search 高橋 --count
has "$TMP/err" "$MEIBO_DB-wal: others can read this file"
rm -f "$MEIBO_DB-wal"

# --- what meibo runs gets a scrubbed environment, the safe PATH and umask 007: a stand-in lp
# (named by lp_command) records what it was given
mkdir -m 700 "$TMP/bin"
cat > "$TMP/bin/lp" <<LP
#!/bin/sh
env | sort > "$TMP/lp.env"
umask > "$TMP/lp.umask"
ulimit -c > "$TMP/lp.core"
cat > /dev/null
echo "request id is q-1 (1 file(s))"
LP
chmod 700 "$TMP/bin/lp"
printf 'printer = office-1\nlp_command = %s/bin/lp\n' "$TMP" > "$TMP/meibo.conf"
chmod 600 "$TMP/meibo.conf"
# no core dumps (a core holds members' data and password hashes), whatever the caller's limit
ulimit -c unlimited 2>/dev/null || ulimit -c 1000 2>/dev/null || true
expect_exit 0 env LD_LIBRARY_PATH=/nonexistent IFS=: TMPDIR=/nonexistent SECRET_TOKEN=hunter2 \
    PATH="$TMP/bin:$PATH" NO_COLOR=1 LC_TIME=C MEIBO_CONFIG="$TMP/meibo.conf" \
    "$MEIBO" --user mgr --password-file "$TMP/mgr.pw" ledger --format pdf
has_word "$TMP/out" "ledger sent to printer office-1"
has "$TMP/lp.env" "PATH=/usr/bin:/bin"
has "$TMP/lp.env" "TZ=Asia/Tokyo"
has_word "$TMP/lp.env" "LANG=C.UTF-8"
has "$TMP/lp.env" "HOME=$HOME"
has_word "$TMP/lp.env" "NO_COLOR=1"
has "$TMP/lp.env" "LC_TIME=C"
has_word "$TMP/lp.env" "MEIBO_NOW=$MEIBO_NOW"
for v in LD_LIBRARY_PATH IFS TMPDIR SECRET_TOKEN TOP FIXTURES; do
    ! grep -q "^$v=" "$TMP/lp.env" || fail "$v reached the program meibo ran"
done
[ "$(cat "$TMP/lp.umask")" = 0007 ] || fail "umask $(cat "$TMP/lp.umask")"
[ "$(cat "$TMP/lp.core")" = 0 ] || fail "core file size $(cat "$TMP/lp.core"), not 0 (RLIMIT_CORE)"
# files meibo makes give others nothing
ls -l "$TMP"/outbox 2>/dev/null | grep -q '^-......r' && fail "an outbox file others can read"
[ -z "$(find "$TMP" -maxdepth 1 -name 'meibo.db*' -perm /o=rwx)" ] || fail "database files others can reach"

# --- the set-group-ID model end to end (docs/ARCHITECTURE.md, Security): a copy of meibo set-group-ID to
# a group standing in for 'meibo' (daemon), a database folder 2770 in that group, and a user
# outside it (nobody). Through meibo they work as their login allows; the files themselves,
# a backup without a login, a backup into a folder of meibo's and a restore stay closed to them.
sgid_setup
mkdir -m 711 "$TMP/pw"
for u in kanri mgr clerk1; do cp "$TMP/$u.pw" "$TMP/pw/$u.pw"; chown 65534 "$TMP/pw/$u.pw"; chmod 600 "$TMP/pw/$u.pw"; done
"$TMP/sgbin/meibo" --db "$SG/m.db" init --pledge-on 2026-04-01 --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
"$TMP/sgbin/meibo" --db "$SG/m.db" --user kanri --password-file "$TMP/kanri.pw" user add --pledge-on 2026-04-01 mgr \
    --name 管理者 --role manager --new-password-file "$TMP/mgr.pw" >/dev/null
[ "$(stat -c '%a %G' "$SG/m.db")" = "660 daemon" ] || fail "database $(stat -c '%a %G' "$SG/m.db")"
nm() { nob "$TMP/sgbin/meibo" --db "$SG/m.db" "$@"; }
expect_exit 0 nm --user mgr --password-file "$TMP/pw/mgr.pw" user list
has "$TMP/out" "kanri"
expect_exit 1 nob cat "$SG/m.db"
expect_exit 1 nm backup
has "$TMP/err" "log in with --user"
expect_exit 1 nm --user mgr --password-file "$TMP/pw/mgr.pw" backup --to "$SG"
has "$TMP/err" "backup --to: $SG: you (uid 65534) may not write it yourself"
expect_exit 0 nm --user mgr --password-file "$TMP/pw/mgr.pw" backup --json
bk=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
[ "$(stat -c '%a %G' "$bk")" = "640 daemon" ] || fail "backup $(stat -c '%a %G' "$bk")"
expect_exit 1 nm restore "$bk"
has "$TMP/err" "restore: $SG: you (uid 65534) may not write it yourself"
expect_exit 0 "$TMP/sgbin/meibo" --db "$SG/m.db" restore "$bk"   # root may
chmod 700 "$TMP"
