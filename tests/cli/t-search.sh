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
has "$TMP/out" "$watanabe"

# the exact member number comes first
expect_exit 0 as clerk1 search "$hayashi"
[ "$(head -n 1 "$TMP/out" | cut -f1)" = "$hayashi" ] || fail "exact number not first"

# counts equal a plain scan over the stored keys (katakana, hiragana, half-width, romaji, digits)
for q in ハヤシ:ハヤシ たなか:タナカ ｽｽﾞｷ:スズキ TANAKA:tanaka 田:田 佐藤:佐藤 123:123; do
    k=${q##*:}
    want=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM members WHERE instr(search_key, '$k') > 0")
    expect_exit 0 as clerk1 search "${q%%:*}" --count --limit 1
    [ "$(cat "$TMP/out")" = "$want" ] || fail "search ${q%%:*} --count: $(cat "$TMP/out"), want $want"
done

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
