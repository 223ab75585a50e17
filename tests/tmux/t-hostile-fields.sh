# Terminal safety of every text field (issue 7; docs/ARCHITECTURE.md "Text": one sanitizer between the
# data and the terminal). Every C0 control and DEL, every C1 control, escape sequences (CSI,
# OSC title, OSC 52 clipboard writes ended by BEL and by ST, DCS, RIS, leaving the alternate
# screen), bidi overrides and isolates, invalid UTF-8 (stray bytes, overlong, surrogate,
# truncated, past U+10FFFF), zero-width and combining characters and 4-byte characters (emoji,
# 𠮷) are stored, in a seeded random mix, in every text field of the members and their
# facilities (with sqlite3: the core refuses control characters). meibo lists them all and
# shows each member's detail with the masked fields revealed. Then: the bytes meibo wrote are
# valid UTF-8, hold no C1 control, no bidi or zero-width character and no data control
# byte (each sits between two markers, "Ω<byte>Ω", which must never occur raw); the screen
# shows them as visible text; every list row is as wide as the others and every line of the
# detail fits the 80 columns; tmux got no clipboard and no title.
. "$TOP/tests/tmux/tmux-lib.inc"
tui_setup
q() { sqlite3 "$MEIBO_DB" "$1"; }

# eight more members (fifteen in all: one screen of the list)
{
    echo "member_no,family_name,given_name,family_kana,given_kana,joined_on,facility_name,branch"
    for i in 1 2 3 4 5 6 7 8; do echo "1000030$i,試験,$i郎,シケン,ロウ,2015-04-01,試験病院$i,関東"; done
} >"$TMP/more.csv"
as kanri import "$TMP/more.csv" >/dev/null

# the catalog: SQL expressions of hostile text
cat=$TMP/catalog
: >"$cat"
for c in $(seq 1 31) 127; do echo "'Ω' || char($c) || 'Ω'" >>"$cat"; done
for c in $(seq 128 159); do echo "'C1' || char($c) || 'x'" >>"$cat"; done
cat >>"$cat" <<'EOS'
char(27) || '[2J' || char(27) || '[31m赤'
char(27) || ']0;pwned' || char(7)
char(27) || ']52;c;ZXZpbA==' || char(7) || '悪'
char(27) || ']52;c;ZXZpbA==' || char(27) || '\'
char(27) || 'P+q' || char(27) || '\'
char(27) || 'c'
char(27) || '[?1049l' || char(27) || '[H'
char(155) || '31m' || char(157) || '0;t' || char(156)
'abc' || char(8234) || char(8235) || char(8236) || char(8237) || char(8238) || 'txt.exe'
char(8294) || char(8295) || char(8296) || char(8297) || 'iso'
char(8206) || char(8207) || 'mark'
CAST(X'41FF42' AS TEXT)
CAST(X'C0AF' AS TEXT) || '/etc'
CAST(X'EDA080' AS TEXT) || 'sur'
CAST(X'E381' AS TEXT)
CAST(X'F4908080' AS TEXT) || 'big'
CAST(X'80BFFE' AS TEXT)
'zw' || char(8203) || char(8204) || char(8205) || char(8288) || char(65279) || 'zw'
'e' || char(769) || 'a' || char(768) || char(769) || char(770) || char(771) || char(772) || char(773) || char(774) || char(775)
char(769) || '孤立'
'😀' || char(128512) || '𠮷野家' || char(131073)
'髙橋' || char(10) || '次の行' || char(13) || '戻り'
EOS
n=$(wc -l <"$cat")

# every text column of members and facilities gets a seeded random mix of catalog entries
cols="family_name given_name family_kana given_kana name_en specialist_no postal_code home_address email branch withdraw_reason"
fcols="name postal_code address"
awk -v n="$n" -v seed=42 -v cols="$cols" -v fcols="$fcols" '
    { e[NR - 1] = $0 }
    END {
        srand(seed)
        nc = split(cols, c, " "); nf = split(fcols, f, " ")
        k = 0
        print "BEGIN;"
        for (m = 0; m < 15; m++) {
            no = m < 7 ? 10000201 + m : 10000301 + m - 7
            set = ""
            for (j = 1; j <= nc; j++) {
                # each catalog entry at least once (k runs through them), then random ones
                v = e[k++ % n]
                for (r = int(rand() * 3); r > 0; r--) v = v " || " e[int(rand() * n)]
                set = set (j > 1 ? ", " : "") c[j] " = " v
            }
            print "UPDATE members SET " set " WHERE member_no = '\''" no "'\'';"
            set = ""
            for (j = 1; j <= nf; j++) {
                v = e[k++ % n]
                set = set (j > 1 ? ", " : "") f[j] " = " v
            }
            print "UPDATE facilities SET " set " WHERE id = (SELECT facility_id FROM members WHERE member_no = '\''" no "'\'');"
        }
        print "COMMIT;"
    }' "$cat" >"$TMP/hostile.sql"
q ".read $TMP/hostile.sql"
# the damage is in the database, byte for byte
[ "$(q "SELECT count(*) FROM members WHERE instr(family_name || given_name || home_address || branch || name_en, char(27)) > 0")" -ge 1 ] ||
    fail "no escape character was stored"
[ "$(q "SELECT count(*) FROM members WHERE hex(home_address || family_name || given_name || email || branch || withdraw_reason || name_en || family_kana || given_kana || postal_code || specialist_no) LIKE '%FF%'")" -ge 1 ] ||
    fail "no invalid UTF-8 was stored"

tm_start
tm_pipe "$TMP/bytes"
tm_login mgr
tm_wait "15件" "every member listed"
tm_settle
cp "$TMP/pane" "$TMP/list"

# the list: every row as wide as the others, the status column where it always is
grep -E '^[ >][0-9]{8} ' "$TMP/list" >"$TMP/rows" || true
[ "$(wc -l <"$TMP/rows")" -eq 15 ] || { cat "$TMP/list"; fail "not 15 rows in the list"; }
while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done <"$TMP/rows" | sort -u >"$TMP/widths"
[ "$(wc -l <"$TMP/widths")" -eq 1 ] || { cat "$TMP/list"; fail "list rows of unequal width: $(tr '\n' ' ' <"$TMP/widths")"; }
while IFS= read -r l; do
    case $l in *在籍 | *退会 | *逝去) ;; *) cat "$TMP/list"; fail "a row does not end in its status: '$l'" ;; esac
done <"$TMP/rows"

# each member's detail, revealed, then back
for i in $(seq 1 15); do
    tm_keys Enter
    tm_wait "会員詳細" "the detail of member $i"
    tm_keys r
    tm_settle
    cat "$TMP/pane" >>"$TMP/details"
    # every line within the 80 columns
    awk '{ print }' "$TMP/pane" | while IFS= read -r l; do
        w=$(printf '%s\n' "$l" | wc -L)
        [ "$w" -le 80 ] || fail "member $i: a detail line of $w cells: '$l'"
    done
    tm_keys q
    tm_wait_gone "会員詳細" "back to the list from member $i"
    tm_keys Down
done
tm_keys Q
rc=$(tm_wait_exit)
[ "$rc" = 0 ] || fail "meibo exited with $rc after Q"

# the screen showed the hostile text visibly
for v in 'Ω^AΩ' 'Ω^[Ω' 'Ω^?Ω' '<U+009B>' '<U+202E>' '<U+200B>' '<\xff>' '^[]52;c;ZXZpbA==' '😀' '𠮷'; do
    grep -qF -- "$v" "$TMP/details" "$TMP/list" || fail "'$v' was not shown visibly"
done

# the bytes written to the terminal, counted as hex ("Ω\nΩ" would be two patterns to grep)
od -An -v -tx1 "$TMP/bytes" | tr -d '\n' >"$TMP/bytes.hex"
# shellcheck disable=SC2059 # the format is the point: '\033]52'
count() { grep -o -F -- "$(printf "$1" | od -An -v -tx1 | tr -d '\n')" "$TMP/bytes.hex" | wc -l | tr -d ' '; }
[ "$(count 'Ω')" -ge 30 ] || fail "pipe-pane did not capture the drawing"
iconv -f UTF-8 -t UTF-8 "$TMP/bytes" >/dev/null 2>&1 || fail "meibo wrote invalid UTF-8 to the terminal"
[ "$(LC_ALL=C grep -a -c "$(printf '\302[\200-\237]')" "$TMP/bytes")" -eq 0 ] ||
    fail "meibo wrote a C1 control to the terminal"
for c in $(seq 1 31) 127; do
    seq=$(printf 'Ω\\%03o' "$c")Ω
    [ "$(count "$seq")" -eq 0 ] || fail "the data's control byte $c reached the terminal"
done
for named in 'LRE:\342\200\252' 'RLE:\342\200\253' 'PDF:\342\200\254' 'LRO:\342\200\255' \
    'RLO:\342\200\256' 'LRI:\342\201\246' 'RLI:\342\201\247' 'FSI:\342\201\250' 'PDI:\342\201\251' \
    'LRM:\342\200\216' 'RLM:\342\200\217' 'ZWSP:\342\200\213' 'ZWNJ:\342\200\214' 'ZWJ:\342\200\215' \
    'WJ:\342\201\240' 'BOM:\357\273\277' 'OSC 52:\033]52' 'OSC 0:\033]0;pwned' 'DCS:\033P+q' \
    'RIS:\033c' 'ESC [2J:\033[2J' 'ESC [31m:\033[31m'; do
    [ "$(count "${named#*:}")" -eq 0 ] || fail "the bytes written to the terminal contain ${named%%:*}"
done
# the terminal: no clipboard, no title from the data
[ -z "$(tm list-buffers)" ] || fail "the terminal got a clipboard: $(tm list-buffers)"
case $(tm_fmt '#{pane_title}') in *pwned*) fail "the data set the terminal's title" ;; esac
