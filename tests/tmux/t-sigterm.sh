# SIGTERM (and SIGHUP, a dropped SSH connection) while a member's edit form holds unsaved
# input: meibo exits, the member is exactly as before in the database (nothing half-written,
# no update in the access log), and the terminal is given back (tty modes, normal screen,
# cursor shown).
. "$TOP/tests/tmux/tmux-lib.inc"
tui_setup
row() { sqlite3 "$MEIBO_DB" "SELECT * FROM members WHERE member_no = '10000206'"; }
updates() { sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action IN ('member.update', 'member.withdraw')"; }
row >"$TMP/row.before"
updates >"$TMP/updates.before"

for sig in TERM HUP; do
    TM_SESSION=$sig # a session each; the first one's dead pane stays, and so does the server
    tm_start
    tm_login clerk1
    tm_keys /
    tm_type 田中
    tm_wait "1件" "one hit for 田中"
    tm_keys Enter
    tm_wait ">10000206  田中 誠" "the cursor on 10000206"
    tm_keys Enter
    tm_wait "会員詳細 10000206" "the detail of 10000206"
    tm_keys e
    tm_wait_settled "Ctrl-S/F2:保存" "the edit form"
    # Tab to the given name (名), go to its end and type
    i=0
    while :; do
        y=$(tm_fmt '#{cursor_y}')
        tm_screen >/dev/null
        case $(sed -n "$((y + 1))p" "$TMP/pane") in " 名 *"*) break ;; esac
        i=$((i + 1))
        [ "$i" -le 30 ] || fail "the cursor never reached the given name field"
        tm_keys Tab
        # the cursor moves once the Tab is handled
        j=0
        while [ "$(tm_fmt '#{cursor_y}')" = "$y" ] && [ "$j" -lt "$TM_POLLS" ]; do
            j=$((j + 1)); sleep 0.1
        done
    done
    tm_keys End
    tm_type 改竄
    tm_wait " 名 *                    誠改竄" "the unsaved input in the form"
    [ "$(tm_fmt '#{alternate_on}')" = 1 ] || fail "meibo is not in the alternate screen"

    kill -"$sig" "$(cat "$TMP/meibo.pid")"
    rc=$(tm_wait_exit)
    [ "$rc" -ne 0 ] || fail "meibo exited with 0 after SIG$sig"
    row >"$TMP/row.after"
    diff -u "$TMP/row.before" "$TMP/row.after" || fail "SIG$sig: the member changed in the database"
    updates >"$TMP/updates.after"
    cmp -s "$TMP/updates.before" "$TMP/updates.after" || fail "SIG$sig: an update was logged"
    [ "$(sqlite3 "$MEIBO_DB" 'PRAGMA integrity_check')" = ok ] || fail "SIG$sig: the database is damaged"
done
