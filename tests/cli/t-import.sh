# CSV import: CP932 from Excel, UTF-8 with BOM, all-or-nothing, every bad row by line and
# column, malformed bytes never imported as mojibake.
. "$TOP/tests/cli-lib.sh"
setup

# CP932 as Excel writes it: 髙, 﨑, ㈱ and ① survive; 和暦 dates and half-width readings
expect_exit 0 as clerk1 import --dry-run "$FIXTURES/members-cp932.csv"
has_word "$TMP/out" "cp932"
[ "$(count_members)" -eq 0 ] || fail "--dry-run wrote members"
expect_exit 0 as clerk1 import "$FIXTURES/members-cp932.csv"
has_word "$TMP/out" "cp932"
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
has_word "$TMP/births" "1975-05-05"
# importing the same file again: every row is a duplicate member number, nothing changes
expect_exit 1 as clerk1 import "$FIXTURES/members-cp932.csv"
has "$TMP/err" "already registered"
[ "$(count_members)" -eq "$n" ] || fail "a refused import changed the registry"

# UTF-8 with BOM, English header
expect_exit 0 as clerk1 import "$FIXTURES/members-utf8-bom.csv"
has_word "$TMP/out" "utf-8"

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

# caps (issue 12 §4): a field over 64 KB and a line over 1 MB are refused with file, line and
# column, in Japanese (English under --lang en), before anything is stored
H=member_no,joined_on,family_name,given_name,family_kana,given_kana
aa() { head -c "$1" /dev/zero | tr '\0' a; }
{ echo "$H"; echo "20000001,2010-04-01,高橋,一郎,タカハシ,イチロウ"
  printf '20000002,2010-04-01,"'; aa 40000; printf '\n'; aa 30000; echo '",一郎,タカハシ,イチロウ'
} > "$TMP/field.csv"
expect_exit 1 as clerk1 import "$TMP/field.csv"
has "$TMP/err" "field.csv:3: 3列目: 1つの項目が64 KBを超えています。何も取り込んでいません"
expect_exit 1 as clerk1 --lang en import --dry-run "$TMP/field.csv"
has "$TMP/err" "field.csv:3: column 3: a field longer than 64 KB; nothing was imported"
{ echo "$H"; for i in $(seq 1 20); do aa 60000; printf ,; done; echo; } > "$TMP/line.csv"
expect_exit 1 as clerk1 import "$TMP/line.csv"
has "$TMP/err" "line.csv:2: 18列目: 1行が1 MBを超えています。何も取り込んでいません"
expect_exit 1 as clerk1 --lang en import "$TMP/line.csv"
has "$TMP/err" "line.csv:2: column 18: a line longer than 1 MB; nothing was imported"
# a field of exactly 64 KB is taken as far as the cap goes (then refused as a name: too long)
{ echo "$H"; printf '20000003,2010-04-01,'; aa 65536; echo ",一郎,タカハシ,イチロウ"; } > "$TMP/edge.csv"
expect_exit 1 as clerk1 --lang en import "$TMP/edge.csv"
hasnt "$TMP/err" "64 KB"
has "$TMP/err" "edge.csv:2: column 3 'family_name'"
[ "$(count_members)" -eq "$before" ] || fail "a file over the caps imported something"
# memory stays flat: a 48 MB field is refused without reading it into memory
if [ -x /usr/bin/time ] && ! grep -q -a __asan_init "$MEIBO"; then   # (a sanitizer has its own memory)
    { echo "$H"; printf '20000004,2010-04-01,'; aa 50000000; echo ",一郎,タカハシ,イチロウ"; } > "$TMP/huge.csv"
    expect_exit 1 /usr/bin/time -f 'maxrss=%M' "$MEIBO" --user clerk1 --password-file "$TMP/clerk1.pw" \
        import --dry-run "$TMP/huge.csv"
    has "$TMP/err" "huge.csv:2: 3列目"
    kb=$(sed -n 's/^maxrss=//p' "$TMP/err")
    [ "$kb" -lt 40000 ] || fail "refusing a 48 MB field took $kb KB"
    rm -f "$TMP/huge.csv"
fi

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
    has_word "$TMP/err" "line $line"
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
has_word "$TMP/out" "10000801"
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
