# make run's demo (issue 14): one account per role, its own meibo.conf (the society's name and
# contact, an outbox), so a letter prints from the first minute; run twice, it keeps both.
. "$TOP/tests/cli-lib.sh"
d=$TMP/demo
DEMO_MEMBERS=50 "$TOP/tools/make-demo.sh" "$MEIBO" "$d/meibo.db" > "$TMP/out"
has "$TMP/out" "demo settings: $d/meibo.conf"
has "$d/meibo.conf" "society_name = "
has "$d/meibo.conf" "secretariat_contact = "
has "$d/meibo.conf" "outbox = $d/outbox"
[ "$(stat -c %a "$d/outbox")" = 700 ] || fail "the demo outbox is not private"
run() { "$MEIBO" --config "$d/meibo.conf" --db "$d/meibo.db" --user chief --password-file "$d/chief.pw" "$@"; }
no=$(run search "" --limit 1 | cut -f1 | head -n 1)
expect_exit 0 run optout add "$no" --document "申出書 第1号"
id=$(sed -n 's/^recorded opt-out \([0-9]*\):.*/\1/p' "$TMP/out")
expect_exit 0 run optout print "$id"
[ -s "$d/outbox/optout-$id-ack.pdf" ] || fail "the demo's letter is not in its outbox: $(cat "$TMP/out" "$TMP/err")"
# a second make run keeps the database and the settings
cp "$d/meibo.conf" "$TMP/conf.before"
DEMO_MEMBERS=50 "$TOP/tools/make-demo.sh" "$MEIBO" "$d/meibo.db" > "$TMP/out"
cmp -s "$d/meibo.conf" "$TMP/conf.before" || fail "a second make run rewrote the demo settings"
