# CSV import: CP932 from Excel, UTF-8 with BOM, all-or-nothing, every bad row by line and
# column, malformed bytes never imported as mojibake.
. "$TOP/tests/cli-lib.sh"
setup

# CP932 as Excel writes it: 髙, 﨑, ㈱ and ① survive; 和暦 dates and half-width readings
expect_exit 0 as clerk1 import --dry-run "$FIXTURES/members-cp932.csv"
has "$TMP/out" "cp932"
[ "$(count_members)" -eq 0 ] || fail "--dry-run wrote members"
expect_exit 0 as clerk1 import "$FIXTURES/members-cp932.csv"
has "$TMP/out" "cp932"
n=$(count_members); [ "$n" -gt 0 ] || fail "nothing imported"
sqlite3 "$MEIBO_DB" "SELECT family_name FROM members" > "$TMP/names"
has "$TMP/names" "髙橋"
has "$TMP/names" "山﨑"
sqlite3 "$MEIBO_DB" "SELECT name FROM facilities" > "$TMP/fac"
has "$TMP/fac" "㈱"
sqlite3 "$MEIBO_DB" "SELECT home_address FROM members" > "$TMP/addr"
has "$TMP/addr" "①"
# readings are stored as full-width katakana; 和暦 stored as ISO dates
sqlite3 "$MEIBO_DB" "SELECT family_kana FROM members WHERE family_name = '髙橋'" > "$TMP/kana"
has "$TMP/kana" "タカハシ"
sqlite3 "$MEIBO_DB" "SELECT birth_date FROM members" > "$TMP/births"
has "$TMP/births" "1975-05-05"
# importing the same file again: every row is a duplicate member number, nothing changes
expect_exit 1 as clerk1 import "$FIXTURES/members-cp932.csv"
has "$TMP/err" "already registered"
[ "$(count_members)" -eq "$n" ] || fail "a refused import changed the registry"

# UTF-8 with BOM, English header
expect_exit 0 as clerk1 import "$FIXTURES/members-utf8-bom.csv"
has "$TMP/out" "utf-8"

# one bad row in the middle: reported with line and column, nothing imported
before=$(count_members)
expect_exit 1 as clerk1 import "$FIXTURES/members-bad-row.csv"
has "$TMP/err" "members-bad-row.csv:6:"
has "$TMP/err" "birth_date"
has "$TMP/err" "nothing was imported"
[ "$(count_members)" -eq "$before" ] || fail "a file with a bad row imported something"

# a date far outside any member's life (issue 12 §4; check.h): the row, the field and the
# limit are named, nothing imported, in a dry run too
{ head -n 2 "$FIXTURES/members-bad-row.csv"
  sed -n 3p "$FIXTURES/members-bad-row.csv" | sed 's/^10000202,40002,2002-10-01,/10000202,40002,9999-12-31,/'
} > "$TMP/far.csv"
for dry in --dry-run ""; do
    expect_exit 1 as clerk1 import $dry "$TMP/far.csv"
    has "$TMP/err" "far.csv:3:"
    has "$TMP/err" "joined_on (入会年月日): 9999-12-31 is outside the dates meibo takes (1900-01-01..2027-11-21)"
    [ "$(count_members)" -eq "$before" ] || fail "a file with a far date imported something"
done

# several bad rows: every one is reported
expect_exit 1 as clerk1 import "$FIXTURES/members-bad-rows.csv"
while read -r line field; do
    case "$line" in ''|'#'*) continue ;; esac
    grep -F "members-bad-rows.csv:$line:" "$TMP/err" | grep -qF "$field" ||
        { cat "$TMP/err"; fail "line $line ($field) not reported"; }
done < "$FIXTURES/members-bad-rows.expect"

# malformed UTF-8 and invalid CP932: the line is named, nothing imported
for f in malformed-utf8 invalid-cp932; do
    line=$(grep -v '^#' "$FIXTURES/members-$f.expect" | head -n 1 | cut -d' ' -f1)
    expect_exit 1 as clerk1 import "$FIXTURES/members-$f.csv"
    has "$TMP/err" "line $line"
    [ "$(count_members)" -eq "$before" ] || fail "$f: imported something"
done

# every imported member is in the audit log
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'member.create'")" -eq "$before" ] ||
    fail "not every created member is audited"

# specialist numbers are the society's own identifiers (issue 14): letters and hyphens as
# certificates have them, full-width folded; a stricter society form refuses by line and field
printf '%s\n' "member_no,specialist_no,joined_on,family_name,given_name,family_kana,given_kana" \
    "10000801,A-12345,2020-04-01,専門,一郎,センモン,イチロウ" \
    "10000802,ｊｓｓ－２０２４－７,2020-04-01,専門,二郎,センモン,ジロウ" > "$TMP/spec.csv"
expect_exit 0 as clerk1 import "$TMP/spec.csv"
[ "$(sqlite3 "$MEIBO_DB" "SELECT group_concat(specialist_no, ' ') FROM members WHERE member_no IN ('10000801', '10000802') ORDER BY member_no")" = "A-12345 JSS-2024-7" ] ||
    fail "specialist numbers: $(sqlite3 "$MEIBO_DB" "SELECT specialist_no FROM members WHERE member_no > '10000800'")"
expect_exit 0 as clerk1 search a-12345
has "$TMP/out" "10000801"
printf 'specialist_no_pattern = [A-Z]-[0-9]{5}\n' > "$TMP/strict.conf"
printf '%s\n' "member_no,specialist_no,joined_on,family_name,given_name,family_kana,given_kana" \
    "10000803,B-00001,2020-04-01,専門,三郎,センモン,サブロウ" \
    "10000804,JSS-2024-8,2020-04-01,専門,四郎,センモン,シロウ" > "$TMP/spec2.csv"
before=$(count_members)
expect_exit 1 as clerk1 --config "$TMP/strict.conf" import "$TMP/spec2.csv"
has "$TMP/err" "spec2.csv:3:"
has "$TMP/err" "specialist_no"
[ "$(count_members)" -eq "$before" ] || fail "an import with a number of the wrong form imported something"
expect_exit 1 as clerk1 --config "$TMP/strict.conf" member edit 10000801 specialist_no=A-1
has "$TMP/err" "specialist"
