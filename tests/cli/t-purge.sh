# Retention and disposal: 規程 第17条 (personal data past its period is disposed of promptly),
# 取扱規程 第9条 (requesters' details once no longer needed), 第20–22条 (erased so it cannot be
# restored), 個人情報保護法 第29条 (provision records kept 3 years). The purged name's bytes are
# searched for in the database file, its WAL and the search index's shadow tables; the access
# log gets counts only and its chain still verifies; erased members go to the deletion ledger.
. "$TOP/tests/cli-lib.sh"
setup
T0=1795222800   # 2026-11-21 10:00 JST
T1=1826931600   # 2027-11-23: one year on
T2=1984957200   # 2032-11-25: six years on
cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 | TEL 03-0000-0000
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"

# A: the distinctive member, withdrawn the day before T0
as clerk1 member add member_no=20000001 family_name=鬼瓦 given_name=権左衛門 family_kana=オニガワラ \
    given_kana=ゴンザエモン name_en="Gonzaemon Onigawara" joined_on=2000-04-01 \
    birth_date=1950-01-02 postal_code=999-0001 home_address=架空県幻町九十九番地 \
    email=zz.onigawara@example.jp facility_name=鬼瓦内科医院 >/dev/null
# B: active; E: withdrawn in 2020 (past 5 years by 2027); F: withdrawn at T0
as clerk1 member add member_no=20000002 family_name=山田 given_name=花子 family_kana=ヤマダ \
    given_kana=ハナコ joined_on=2000-04-01 >/dev/null
as clerk1 member add member_no=20000005 family_name=江藤 given_name=栄一 family_kana=エトウ \
    given_kana=エイイチ joined_on=2000-04-01 status=withdrawn withdrawn_on=2020-03-31 >/dev/null
as clerk1 member add member_no=20000006 family_name=布施 given_name=文子 family_kana=フセ \
    given_kana=フミコ joined_on=2000-04-01 >/dev/null
as clerk1 member withdraw 20000006 --reason 自己都合 --date 2026-11-21 >/dev/null

# inquiries at T0: the police about A and E (provided: provision records kept 3 years), and a
# press inquiry naming A (refused before any lookup; its words still name the member)
police() {
    as clerk1 inquiry add --member "$1" --category police --legal-basis 刑事訴訟法第197条第2項 \
        --legal-document 架県刑第1号 --items a --identity verified --requester 捜査員甲野 \
        --organization 架空県警察本部 --contact 幽霊市霞町四丁目九番 \
        --identity-check 警察手帳の提示で確認済み >/dev/null
}
police 20000001
police 20000005
as kanri inquiry approve 1 --comment 法令に基づく照会のため承認 >/dev/null   # 規程 第19条第1項第1号
as kanri inquiry approve 2 --comment 法令に基づく照会のため承認 >/dev/null   # (E is withdrawn, too)
as clerk1 inquiry add --name 鬼瓦権左衛門 --category press --purpose enrollment_check --items a \
    --identity verified --requester 記者乙山 --organization 架空週刊誌 \
    --contact 夢見町三丁目 >/dev/null
as clerk1 member withdraw 20000001 --reason 自己都合 --date 2026-11-20 >/dev/null
as clerk1 inquiry print 1 >/dev/null
as clerk1 inquiry print 2 --out "$TMP/answer-2.pdf" >/dev/null   # given: its provision recorded
[ -f "$TMP/outbox/inquiry-1-answer.pdf" ] || fail "the letter is not in the outbox"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")" -eq 2 ] || fail "no provision records"

# --- retention periods are data; only the chief officer changes them, never below the law's floor
expect_exit 0 as clerk1 retention list --json
has "$TMP/out" '"code":"provision","name":"第三者提供の記録"'
has "$TMP/out" '"code":"request_papers"'
has_word "$TMP/out" '"years":1'
has "$TMP/out" '"code":"withdrawn_member"'
has "$TMP/out" '"code":"inquiry_requester"'
expect_exit 1 as mgr retention set withdrawn_member --years 4
has "$TMP/err" "needs the chief role"
expect_exit 1 as kanri retention set provision --years 2
has "$TMP/err" "at least 3 years"
expect_exit 1 as kanri retention set nothing --years 2
has "$TMP/err" "no retention period 'nothing'"
expect_exit 0 as kanri retention set withdrawn_member --years 5
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'retention.set' AND detail = 'code=withdrawn_member years=5 months=0 was=5/0'")" -eq 1 ] ||
    fail "retention set not audited"

# --- only the chief officer purges (規程 第10条, 第17条)
expect_exit 1 as mgr purge --dry-run
has "$TMP/err" "needs the chief role"

# --- one year on: the inquiries' requester details go (取扱規程 第9条); E is past its period
# but a provision record about E is kept (個人情報保護法 第29条), so E stays
export MEIBO_NOW=$T1
sqlite3 "$MEIBO_DB" .dump | grep -v '^INSERT INTO \(audit_log\|users\)' > "$TMP/before.sql"
expect_exit 0 as kanri purge --dry-run --json
has "$TMP/out" '"dry_run":true'
has_word "$TMP/out" '"inquiries":3'
has_word "$TMP/out" '"letters":1'
has_word "$TMP/out" '"members":0,"members_held":1'
sqlite3 "$MEIBO_DB" .dump | grep -v '^INSERT INTO \(audit_log\|users\)' > "$TMP/after.sql"
cmp -s "$TMP/before.sql" "$TMP/after.sql" || fail "purge --dry-run changed the database"
[ -f "$TMP/outbox/inquiry-1-answer.pdf" ] || fail "purge --dry-run removed a letter"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'purge.preview'")" -eq 1 ] ||
    fail "the dry run is not in the access log"
expect_exit 0 as kanri purge
has_word "$TMP/out" "inquiry requesters erased                3"
has_word "$TMP/out" "members kept for provision records       1"
has "$TMP/out" "WAL checkpointed and truncated         yes"
[ ! -e "$TMP/outbox/inquiry-1-answer.pdf" ] || fail "the erased inquiry's letter is still in the outbox"
expect_exit 1 as clerk1 inquiry print 1 --format text
has_word "$TMP/err" "inquiry 1: its requester's details were erased on 2027-11-23"
for p in 捜査員甲野 幽霊市霞町 警察手帳の提示 記者乙山 夢見町 架空週刊誌; do
    [ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM inquiries WHERE requester || organization || contact || identity_check LIKE '%$p%'")" -eq 0 ] ||
        fail "inquiry still holds $p"
done
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM inquiries WHERE erased_on = '2027-11-23' AND member_query = ''")" -eq 3 ] ||
    fail "inquiries not stamped erased"
# the press inquiry's words named A: gone from the file with the rest (A itself is still there)
cat "$MEIBO_DB" "$MEIBO_DB-wal" 2>/dev/null | grep -c -a 記者乙山 >/dev/null && fail "記者乙山 still in the file"
[ "$(count_members)" -eq 4 ] || fail "a member was erased a year early"

# --- six years on: A is past its 5 years, the provision records past their 3
export MEIBO_NOW=$T2
# another connection stays open meanwhile (a clerk's meibo), so closing meibo's own connection
# does not checkpoint and delete the WAL for it: the purge must truncate it itself
mkfifo "$TMP/idle"
sqlite3 "$MEIBO_DB" <"$TMP/idle" >/dev/null &
exec 3>"$TMP/idle"
echo "SELECT count(*) FROM members;" >&3
# the bytes are there before (so this search can fail): table, index and the FTS shadow tables
bytes() { cat "$MEIBO_DB" "$MEIBO_DB-wal" 2>/dev/null | grep -c -a -- "$1" || true; }
fts_hex() {
    sqlite3 "$MEIBO_DB" "SELECT hex(block) FROM member_trigrams_data; SELECT hex(block) FROM member_grams_data; SELECT hex(term) FROM member_trigrams_idx;" |
        grep -c "$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" || true
}
NAMES="鬼瓦 権左衛門 オニガワラ ゴンザエモン Onigawara onigawara zz.onigawara 幻町九十九 鬼瓦内科 1950-01-02"
for p in $NAMES; do [ "$(bytes "$p")" -gt 0 ] || fail "test broken: '$p' not in the file before the purge"; done
trigram_hits=0
for t in 鬼瓦権 瓦権左 権左衛 左衛門; do trigram_hits=$((trigram_hits + $(fts_hex "$t"))); done
[ "$trigram_hits" -gt 0 ] || fail "test broken: the name's trigrams not found in the FTS shadow tables"

expect_exit 0 as kanri purge --json
has_word "$TMP/out" '"provisions":2'
has_word "$TMP/out" '"members":3,"members_held":0'
has "$TMP/out" '"index_rewritten":true,"wal_truncated":true'
for p in $NAMES; do
    [ "$(bytes "$p")" -eq 0 ] || fail "'$p' is still in the database file or its WAL after the purge"
done
for t in 鬼瓦権 瓦権左 権左衛 左衛門 おにがわら gonzaemon; do
    [ "$(fts_hex "$t")" -eq 0 ] || fail "'$t' is still in the search index's shadow tables"
done
[ -e "$MEIBO_DB-wal" ] && [ ! -s "$MEIBO_DB-wal" ] || fail "the WAL was not truncated"
exec 3>&-
wait
[ "$(count_members)" -eq 1 ] || fail "expected only the active member left"
expect_exit 0 as clerk1 search 山田 --count
[ "$(cat "$TMP/out")" = 1 ] || fail "count: $(cat "$TMP/out")"
expect_exit 0 as clerk1 search 鬼瓦 --count
[ "$(cat "$TMP/out")" = 0 ] || fail "count: $(cat "$TMP/out")"

# the deletion ledger: member numbers and dates, nothing else (取扱規程 第19条)
[ "$(sqlite3 "$MEIBO_DB" "SELECT group_concat(member_no || ' ' || deleted_on || ' ' || reason, ';') FROM deletion_ledger")" = \
  "20000001 2032-11-25 withdrawn_member;20000005 2032-11-25 withdrawn_member;20000006 2032-11-25 withdrawn_member" ] ||
    fail "deletion ledger: $(sqlite3 "$MEIBO_DB" "SELECT * FROM deletion_ledger")"
! sqlite3 "$MEIBO_DB" "DELETE FROM deletion_ledger" 2>/dev/null || fail "the deletion ledger is not append-only"

# the access log has counts, not contents, and its chain verifies (取扱規程 第35条)
# (the clock is past the log's own 3 years too: its rows up to the cut went, at a checkpoint)
case $(sqlite3 "$MEIBO_DB" "SELECT detail FROM audit_log WHERE action = 'purge' ORDER BY id DESC LIMIT 1") in
"provisions=2 inquiries=0 requests=0 members=3 held=0 referred=0 facilities=1 audit_rows="[1-9]*" audit_cut="[1-9]*) ;;
*) fail "purge audit row" ;;
esac
expect_exit 0 as mgr audit verify
has "$TMP/out" "chain intact"

# nothing left to do: a second purge disposes of nothing
expect_exit 0 as kanri purge --json
has_word "$TMP/out" '"provisions":0,"inquiries":0,"letters":0,"requests":0,"members":0'
