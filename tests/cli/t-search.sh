# Search from the command line: one query over number, name, reading, romaji, facility and
# e-mail; 1- and 2-character names exact; keyset pages; every search in the access log.
. "$TOP/tests/cli-lib.sh"
setup
expect_exit 1 as clerk1 demo --members 100
has "$TMP/err" "manager"
expect_exit 0 as kanri demo --members 2000 --seed 3
expect_exit 1 as kanri demo --members 10
has "$TMP/err" "empty"
expect_exit 0 as clerk1 import "$FIXTURES/members-utf8-bom.csv"
hayashi=$(sqlite3 "$MEIBO_DB" "SELECT member_no FROM members WHERE family_name = '林' LIMIT 1")
watanabe=$(sqlite3 "$MEIBO_DB" "SELECT member_no FROM members WHERE family_name = '渡邊' LIMIT 1")
[ -n "$hayashi" ] && [ -n "$watanabe" ] || fail "fixture members missing"

# a one-character surname, and a variant kanji typed in its common form
expect_exit 0 as clerk1 search 林 --limit 2000 --json
has "$TMP/out" "\"member_no\":\"$hayashi\""
expect_exit 0 as clerk1 search 渡辺 --limit 2000
has_word "$TMP/out" "$watanabe"

# the exact member number comes first
expect_exit 0 as clerk1 search "$hayashi"
[ "$(head -n 1 "$TMP/out" | cut -f1)" = "$hayashi" ] || fail "exact number not first"

# counts equal the rows listed, and never more than a plain scan over the stored keys finds
# (katakana, hiragana, half-width, romaji, digits); a name is never matched across its
# family/given boundary, so the scan may find more (issue 14; the exact reference is in
# tests/unit/test_search.c)
for q in ハヤシ:ハヤシ たなか:タナカ ｽｽﾞｷ:スズキ TANAKA:tanaka 田:田 佐藤:佐藤 123:123; do
    k=${q##*:}
    most=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members WHERE instr(search_key, '$k') > 0")
    expect_exit 0 as clerk1 search "${q%%:*}" --count
    n=$(cat "$TMP/out")
    [ "$n" -le "$most" ] && [ "$n" -gt 0 ] || fail "search ${q%%:*} --count: $n, the scan finds $most"
    expect_exit 0 as clerk1 search "${q%%:*}" --limit 10000
    [ "$n" -gt 10000 ] || [ "$(grep -vc "^-- " "$TMP/out")" -eq "$n" ] || fail "search ${q%%:*}: the count is not the rows listed"
done

# what the clerk typed (issue 14): 田中 lists the members named 田中 before those found by
# their facility's name only (marked "facility" in JSON); 施設: searches facilities only;
# a match never meets across the family/given boundary inside a name
expect_exit 0 as clerk1 member add member_no=90000301 family_name=中島 given_name=翔太 \
    family_kana=ナカジマ given_kana=ショウタ name_en="Shouta Nakajima" joined_on=2020-04-01 \
    facility_name=秋田中央病院
expect_exit 0 as clerk1 member add member_no=90000302 family_name=田中 given_name=一郎 \
    family_kana=タナカ given_kana=イチロウ joined_on=2020-04-01
expect_exit 0 as clerk1 search 田中 --json --limit 10000
tr -d ' \n' < "$TMP/out" | grep -o '"member_no":"[0-9]*"[^}]*"match":"[a-z]*"' > "$TMP/m"
grep -q '"member_no":"90000301".*"match":"facility"' "$TMP/m" || fail "中島翔太 not marked as a facility match for 田中"
grep -q '"member_no":"90000302".*"match":"member"' "$TMP/m" || fail "田中一郎 not a member's own match"
! sed -n '/"match":"facility"/,$p' "$TMP/m" | grep -q '"match":"member"' || fail "a member's own match after a facility match"
for q in 島翔 tanaka jimasho マショ; do
    expect_exit 0 as clerk1 search "$q" --limit 10000
    hasnt "$TMP/out" "90000301"
done
for q in 中島翔太 "中島 翔太" なかじましょうた shouta nakajima shoutanakajima 翔太 施設:秋田中央 f:中央病院; do
    expect_exit 0 as clerk1 search "$q" --limit 10000
    has_word "$TMP/out" "90000301"
done
expect_exit 0 as clerk1 search 施設:田中 --limit 10000
hasnt "$TMP/out" "90000302"
has_word "$TMP/out" "90000301"

# keyset pages: following --after cursors lists every hit once
want=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members WHERE instr(search_key, '田') > 0")
: > "$TMP/all"
after=""
while :; do
    if [ -n "$after" ]; then as clerk1 search 田 --limit 97 --after "$after" > "$TMP/page"
    else as clerk1 search 田 --limit 97 > "$TMP/page"; fi
    grep -v '^-- ' "$TMP/page" >> "$TMP/all" || true
    after=$(sed -n "s/^-- more: --after '\(.*\)'$/\1/p" "$TMP/page")
    [ -n "$after" ] || break
done
[ "$(wc -l < "$TMP/all")" -eq "$want" ] || fail "pages gave $(wc -l < "$TMP/all") rows, want $want"
[ "$(cut -f1 "$TMP/all" | sort -u | wc -l)" -eq "$want" ] || fail "pages repeated a member"

# --sort: every member once in each order, page after page, as the database orders them; the
# cursor carries its order (issue 3: the browser's sort, keyset pages)
for o in "number:CAST(member_no AS INTEGER), id" "joined-desc:joined_on DESC, id DESC" \
         "facility:facility_id IS NULL, (SELECT name FROM facilities f WHERE f.id = facility_id), facility_id, id"; do
    sqlite3 "$MEIBO_DB" "SELECT member_no FROM members ORDER BY ${o#*:}" > "$TMP/want"
    : > "$TMP/all"
    after=""
    while :; do
        if [ -n "$after" ]; then as clerk1 search "" --limit 301 --after "$after" > "$TMP/page"
        else as clerk1 search "" --sort "${o%%:*}" --limit 301 > "$TMP/page"; fi
        grep -v '^-- ' "$TMP/page" | cut -f1 >> "$TMP/all" || true
        after=$(sed -n "s/^-- more: --after '\(.*\)'$/\1/p" "$TMP/page")
        [ -n "$after" ] || break
    done
    cmp -s "$TMP/want" "$TMP/all" || fail "--sort ${o%%:*}: pages differ from the database's order"
done
expect_exit 0 as clerk1 search 田 --sort joined --limit 3 --json
has "$TMP/out" '"next":"joined:0:0:'
next=$(sed -n 's/.*"next":"\([^"]*\)".*/\1/p' "$TMP/out")
expect_exit 1 as clerk1 search 田 --sort number --after "$next"
has "$TMP/err" "the cursor belongs to the joined order"
expect_exit 2 as clerk1 search 田 --sort kana
has "$TMP/err" "--sort is relevance, reading, number, joined, joined-desc or facility"

# filters
expect_exit 0 as clerk1 search "" --status withdrawn --limit 5000
[ "$(cut -f6 "$TMP/out" | grep -v '^$' | sort -u | grep -v '^--')" = withdrawn ] || fail "status filter"

# searches are in the access log (取扱規程 第35条)
expect_exit 0 as mgr audit log --user clerk1 --json
has "$TMP/out" '"action":"search"'
has "$TMP/out" 'query=渡辺'

# reindex (a manager): every member's keys and the index rebuilt from the stored fields: a
# key of the form before tagged parts, and an index emptied behind meibo's back, come back
expect_exit 0 as clerk1 search 中島翔太 --count
[ "$(cat "$TMP/out")" -ge 1 ] || fail "中島翔太 not found before the reindex"
before=$(as clerk1 search 田 --count)
sqlite3 "$MEIBO_DB" "UPDATE members SET search_key = replace(replace(search_key, char(1), ''), char(2), '');
    INSERT INTO member_grams(member_grams) VALUES ('delete-all');
    INSERT INTO member_trigrams(member_trigrams) VALUES ('delete-all');"
expect_exit 0 as clerk1 search 田 --count
[ "$(cat "$TMP/out")" = 0 ] || fail "the emptied index still finds members"
expect_exit 1 as clerk1 reindex
has "$TMP/err" "manager"
expect_exit 0 as mgr reindex
has "$TMP/out" "search keys and index rebuilt for $(count_members) members"
expect_exit 0 as clerk1 search 田 --count
[ "$(cat "$TMP/out")" = "$before" ] || fail "after reindex 田 finds $(cat "$TMP/out"), before $before"
expect_exit 0 as clerk1 search 島翔 --count
[ "$(cat "$TMP/out")" = 0 ] || fail "the rebuilt keys match across a name's boundary"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'search.reindex' AND user_login = 'mgr'")" -eq 1 ] ||
    fail "the reindex is not in the access log"
