# A restore must not undo what members asked for (規程 第23条, 取扱規程 第19条): the corrections,
# additions, deletions and suspensions decided after the backup are applied again to the
# restored database through the audited member edit, and the requests received or decided
# since are carried over; a request that cannot be replayed is listed by number to be done
# again (meibo request redo) and shown as due on the home screen.
. "$TOP/tests/cli-lib.sh"
setup
mkdir -m 700 "$TMP/bk"
printf 'backup_dir = %s/bk\n' "$TMP" > "$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"
for n in 1 2 3; do
    as clerk1 member add member_no=2000000$n joined_on=2010-04-01 family_name=髙橋 \
        given_name=一郎$n family_kana=タカハシ given_kana=イチロウ email=old$n@example.jp \
        home_address=東京都文京区本郷1-1-$n >/dev/null
done
# a correction received before the backup, decided after it
as clerk1 request add --kind correction --member 20000001 --identity in_person \
    --content "メールアドレスの訂正" >/dev/null
expect_exit 0 as mgr backup --json
old=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
# after the backup: the correction decided, an addition and a suspension (第23条第2項) too,
# a request still open, and a member added with a correction of their own
as clerk1 request decide 1 --decision full --set email=new1@example.jp >/dev/null
as clerk1 request add --kind addition --member 20000002 --identity in_person \
    --content "専門医番号の追加" >/dev/null
as clerk1 request decide 2 --decision full --set specialist_no=5555 >/dev/null
as clerk1 request add --kind suspension --member 20000003 --identity in_person \
    --content "利用停止" --document 利-2026-003 >/dev/null
as clerk1 request decide 3 --decision full --set email= >/dev/null
as clerk1 request add --kind disclosure --member 20000003 --identity in_person >/dev/null
as clerk1 member add member_no=20000009 joined_on=2026-11-01 family_name=後日 given_name=入会 \
    family_kana=ゴジツ given_kana=ニュウカイ >/dev/null
as clerk1 request add --kind correction --member 20000009 --identity in_person \
    --content "氏名の訂正" >/dev/null
as clerk1 request decide 5 --decision full --set given_name=入會 >/dev/null
# a decision from before schema 024 recorded which fields changed, not their values
sqlite3 "$MEIBO_DB" "UPDATE rights_requests SET changes = '' WHERE id = 2"

expect_exit 0 "$MEIBO" restore "$old" --json
has "$TMP/out" '"replaced":true'
has_word "$TMP/out" '"requests_carried":4,"requests_replayed":2,"requests_redo":2'
q() { sqlite3 "$MEIBO_DB" "$1"; }
# the correction and the suspension (its field erased, its opt-out in force) are still there
[ "$(q "SELECT email FROM members WHERE member_no = '20000001'")" = new1@example.jp ] ||
    fail "the restore undid the correction of request 1"
[ "$(q "SELECT email FROM members WHERE member_no = '20000003'")" = "" ] ||
    fail "the restore undid the suspension of request 3"
[ "$(q "SELECT count(*) FROM member_optouts o JOIN members m ON m.id = o.member_id
        WHERE m.member_no = '20000003' AND o.withdrawn_on IS NULL AND o.request_id = 3")" = 1 ] ||
    fail "the suspension's opt-out (第20条第5項) is not in force again"
[ "$(q "SELECT status || ' ' || decision || ' ' || (optout_id IS NOT NULL) FROM rights_requests WHERE id = 3")" = "decided full 1" ] ||
    fail "request 3: $(q "SELECT status, decision, optout_id FROM rights_requests WHERE id = 3")"
# through the audited edit, each replay on record
[ "$(q "SELECT count(*) FROM audit_log WHERE action = 'request.replay'")" = 2 ] || fail "replays not audited"
q "SELECT detail FROM audit_log WHERE action = 'member.update' AND member_no = '20000001' ORDER BY id DESC LIMIT 1" |
    grep -q email || fail "the replayed correction is not a member.update"
# the open disclosure request is carried over with its due date
[ "$(q "SELECT status || ' ' || due_on FROM rights_requests WHERE id = 4")" = "received 2026-12-05" ] ||
    fail "the open request 4 was lost"
# request 2 could not be replayed: back as received, to decide again; request 5's member is
# not in the backup
[ "$(q "SELECT specialist_no FROM members WHERE member_no = '20000002'")" = "" ] || fail "request 2 applied without its values"
[ "$(q "SELECT status FROM rights_requests WHERE id = 2")" = received ] || fail "request 2 not back as received"
[ "$(q "SELECT count(*) FROM rights_requests WHERE id = 5")" = 0 ] || fail "request 5 without its member"
expect_exit 0 as clerk1 request show 2
has "$TMP/out" "back as received after a restore that could not apply its decision: decide it again"
expect_exit 0 as clerk1 request redo
has_word "$TMP/out" "2      20000002   addition"
has "$TMP/out" "the decision's values were not recorded: the request is back as received, decide it again"
has_word "$TMP/out" "5      20000009   correction"
has "$TMP/out" "the member is not in the restored database"
expect_exit 0 as mgr audit verify
has "$TMP/out" "chain intact"
set +e; as mgr doctor >"$TMP/out" 2>&1; set -e
has_word "$TMP/out" "2 rights requests are to be done again after a restore, from number 2"
# done again: deciding request 2 closes it, request 5 is closed by hand once re-entered
as clerk1 request decide 2 --decision full --set specialist_no=5555 >/dev/null
expect_exit 1 as clerk1 request redo --done 2
has "$TMP/err" "request 2 is not on the list of requests to do again"
expect_exit 0 as clerk1 request redo --done 5
expect_exit 0 as clerk1 request redo
[ ! -s "$TMP/out" ] || fail "still to do: $(cat "$TMP/out")"
expect_exit 0 as clerk1 request redo --all --json
has "$TMP/out" '"request":2,'
has "$TMP/out" '"why":"values"'
# a second restore of the same backup: nothing decided since is lost, the list carried
expect_exit 0 "$MEIBO" restore "$old" --json
has_word "$TMP/out" '"requests_replayed":3,"requests_redo":0'
[ "$(q "SELECT specialist_no FROM members WHERE member_no = '20000002'")" = 5555 ] || fail "request 2's new decision lost"
[ "$(q "SELECT email FROM members WHERE member_no = '20000001'")" = new1@example.jp ] || fail "request 1 lost on the second restore"
[ "$(q "SELECT count(*) FROM request_redo WHERE done_on IS NOT NULL")" = 2 ] || fail "the closed redo rows"
