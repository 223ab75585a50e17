# Statistics that identify nobody (統計情報: rules 000 §7 "個人を特定できないよう加工した統計
# データ"; 002 統計情報) and anonymised data (匿名加工情報, 個人情報保護法 第43–45条): small cells
# hidden with complementary suppression, the rule on the output, the run in the access log
# (取扱規程 第35条); anonymised data k-anonymous, the chief officer's only (規程 第16条), the
# recipient told (第44条), the items published in the ledger (第43条第3項), no member's
# provision recorded.
. "$TOP/tests/cli-lib.sh"
setup
as kanri demo --members 3000 --seed 3 >/dev/null
# one member alone in a branch of their own: a 1-member cell
as clerk1 member add member_no=29999999 family_name=離島 given_name=一人 family_kana=リトウ \
    given_kana=ヒトリ joined_on=2020-04-01 birth_date=1980-05-05 branch=離島 >/dev/null

expect_exit 2 as clerk1 stats table
has "$TMP/err" "--by"
expect_exit 2 as clerk1 stats table --by name
has "$TMP/err" "'name' is not one of"
expect_exit 1 as clerk1 stats table --by branch,branch
has "$TMP/err" "twice"
expect_exit 2 as clerk1 stats table --by branch --threshold 1

# a clerk may count: no personal data, no pledge
expect_exit 0 as clerk1 stats table --by branch
has "$TMP/out" "会員数（2026-11-21 現在、在籍会員）: 支部"
has "$TMP/out" "離島"
grep -q '^離島 *<5$' "$TMP/out" || fail "the 1-member branch is not shown <5"
grep -q ' X$' "$TMP/out" || fail "no complementary suppression in the branch table"
has_word "$TMP/out" "5未満の欄は「<5」"
has "$TMP/out" "補完秘匿"
# the run is audited with the table, and names no member
sqlite3 "$MEIBO_DB" "SELECT action, coalesce(member_no,''), detail FROM audit_log WHERE action = 'stats.table'" > "$TMP/audit"
has_word "$TMP/audit" "stats.table||by=branch as_of=2026-11-21 threshold=5 small=1 complement=1"

# two-way: every row and column with a hidden cell has a second one, no hidden cell can be
# worked out from the totals, and the totals are hidden exactly as in the one-way table
expect_exit 0 as clerk1 stats table --by branch,age_band --json
cp "$TMP/out" "$TMP/two.json"
expect_exit 0 as clerk1 stats table --by branch --json
python3 - "$TMP/two.json" "$TMP/out" <<'PY' || fail "suppression check"
import json, sys
two = json.load(open(sys.argv[1])); one = json.load(open(sys.argv[2]))
cells = two["cells"]
hidden = lambda v: isinstance(v, str)
assert two["protected"] and two["suppressed_small"] >= 1
for line in cells + [list(c) for c in zip(*cells)]:
    n = sum(hidden(v) for v in line)
    assert n != 1, ("a line with one hidden cell", line)
assert [r[-1] for r in cells] == [r[0] for r in one["cells"]], "totals differ from the one-way table"
assert isinstance(cells[-1][-1], int), "the grand total is shown"
assert "5未満の欄は「<5」" in two["rule_text"] and "補完秘匿" in two["rule_text"], "the rule stated"
PY
# in English under --lang en: the title, the headings, the categories and the rule
expect_exit 0 as clerk1 --lang en stats table --by age_band
has "$TMP/out" "Members (on 2026-11-21, in the registry): Age band"
has "$TMP/out" "Total"
has "$TMP/out" "Note: cells below 5 are shown \"<5\""
hasnt "$TMP/out" "会員数"
expect_exit 0 as clerk1 stats table --by status,specialist --as-of 2000-01-01
has_word "$TMP/out" "2000-01-01 現在、退会・逝去を含む"
expect_exit 1 as clerk1 stats table --by branch --as-of 2023-02-29
has "$TMP/err" "as_of"

# anonymised data: the chief officer only (規程 第16条), to a recipient of the register that
# the gate lets receive (第20条第3–4項), with a cover letter (個人情報保護法 第44条, 第45条)
letter_setup
LAB=$(recipient 研究班 academic)
expect_exit 1 as clerk1 stats anonymise --recipient "$LAB" --out "$TMP/anon.csv"
[ ! -e "$TMP/anon.csv" ] || fail "a clerk's refused run left a file"
expect_exit 2 as kanri stats anonymise --out "$TMP/anon.csv"
# a recipient not in the register gets nothing: chosen from the register, never free text
expect_exit 1 as kanri stats anonymise --recipient 架空研究所 --out "$TMP/anon.csv"
has "$TMP/err" "recipient"
[ ! -e "$TMP/anon.csv" ] || fail "an unregistered recipient's run left a file"
# a 名簿業者 (第20条第4項(b)) is refused by the gate, though registered
BROKER=$(recipient 株式会社架空名簿センター commercial)
expect_exit 1 as kanri stats anonymise --recipient "$BROKER" --out "$TMP/anon.csv"
has "$TMP/err" "第20条第4項(b)"
[ ! -e "$TMP/anon.csv" ] || fail "a refused run left a file"
expect_exit 0 as kanri stats anonymise --recipient "$LAB" --out "$TMP/anon.csv" --k 5 --cover "$TMP/anon-cover.pdf"
has_word "$TMP/out" "k=5"
has "$TMP/out" "提供番号 1、提供先 研究班"
has "$TMP/anon.csv" "# 匿名加工情報（個人情報の保護に関する法律 第43条第1項）"
has "$TMP/anon.csv" "# 提供先: 研究班。"
has "$TMP/anon.csv" "再識別）を禁じます（同法 第44条, 第45条）"
has "$TMP/anon.csv" "第43条第3項により公表"
has_word "$TMP/anon.csv" "k-匿名性: k=5"
# no row is unique on its quasi-identifiers: every combination at least k times
grep -v '^#' "$TMP/anon.csv" | tail -n +2 | sort | uniq -c | awk '$1 < 5 { bad = 1 } END { exit bad }' \
    || fail "a class smaller than k"
# nothing that names anyone: no member number, name, e-mail
hasnt "$TMP/anon.csv" "29999999"
hasnt "$TMP/anon.csv" "離島"
hasnt "$TMP/anon.csv" "@"
# the cover letter: the data is anonymised, re-identification forbidden (第44条, 第45条), the
# items, the method, k and the medium; no member data
pdffonts "$TMP/anon-cover.pdf" | grep -q 'IPAexMincho.* yes ' || fail "the cover's font"
expect_exit 0 as kanri stats cover 1 --format text
cp "$TMP/out" "$TMP/anon-cover.txt"
pdftotext -layout "$TMP/anon-cover.pdf" "$TMP/anon-cover.pdftext"
tr -d ' \t\r\n\f' < "$TMP/anon-cover.txt" | sed 's/　//g' > "$TMP/a"
tr -d ' \t\r\n\f' < "$TMP/anon-cover.pdftext" | sed 's/　//g' > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "the cover PDF's text differs from the text letter"
[ -z "${GOLDEN_UPDATE:-}" ] || cp "$TMP/anon-cover.txt" "$TOP/tests/golden/anon-cover.txt"
diff -u "$TOP/tests/golden/anon-cover.txt" "$TMP/anon-cover.txt" || fail "the cover letter differs from tests/golden/anon-cover.txt"
expect_exit 1 as clerk1 stats cover 1 --format text
expect_exit 1 as kanri stats cover 9 --format text
has_word "$TMP/err" "no provision of anonymised data 9"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'anon.print' AND coalesce(member_no, '') = ''")" -eq 2 ] \
    || fail "the cover letters are not audited"
# an existing file is never overwritten
expect_exit 1 as kanri stats anonymise --recipient "$LAB" --out "$TMP/anon.csv"
# recorded as a provision of anonymised data to the register's recipient, with its medium,
# not as a provision of any member's personal data
[ "$(sqlite3 "$MEIBO_DB" "SELECT recipient || '|' || recipient_id || '|' || k || '|' || medium FROM anon_provisions")" = "研究班|$LAB|5|電子ファイル（CSV形式、匿名加工情報である旨と再識別の禁止を記載）" ] \
    || fail "anon_provisions"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")" -eq 0 ] || fail "member provisions written"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'stats.anonymise' AND coalesce(member_no, '') = '' AND detail LIKE 'id=1 recipient=$LAB (研究班) %'")" -eq 1 ] \
    || fail "stats.anonymise not audited"
# a deny-listed recipient gets nothing (第20条第4項(d)), and no file is left
MEIBOGYO=$(recipient 名簿業者 academic)
as kanri denylist add --organization 名簿業者 --reason 転売の疑い >/dev/null
expect_exit 1 as kanri stats anonymise --recipient "$MEIBOGYO" --out "$TMP/anon2.csv"
has "$TMP/err" "第20条第4項(d)"
[ ! -e "$TMP/anon2.csv" ] || fail "a refused run left a file"
# the ledger lists both, with the items of the anonymised data (第43条第3項), and publishes
# each provision: its items and how it was provided (第44条)
expect_exit 0 as clerk1 ledger
has "$TMP/out" "統計情報（会員数の集計表"
has "$TMP/out" "匿名加工情報（生年月・郵便番号上3桁・入会年・所属施設の都道府県・専門医の有無）"
has "$TMP/out" "匿名加工情報の作成・提供（個人情報の保護に関する法律第43条第3項・第44条による公表：項目と提供の方法）"
grep -A3 "1．.* 作成（2026-11-21 時点）、提供先 研究班" "$TMP/out" > "$TMP/pub" || fail "the provision is not published"
has "$TMP/pub" "項目：生年月日（加工後）、郵便番号（加工後）"
has "$TMP/pub" "加工の方法："
has "$TMP/pub" "提供の方法：電子ファイル（CSV形式"

# the printed page (the annual report's): a golden text of the PDF, IPAex Mincho embedded; the
# table, then the bar chart of the rows' totals (Cairo) on a page of its own: a bar and its
# figure for each shown total, the mark alone for a hidden one, the grid's figures below; the
# rule at the foot of both pages
expect_exit 2 as clerk1 stats table --by branch --format pdf
# a table too wide for the page says so, and how to turn it
expect_exit 1 as clerk1 stats table --by branch,joined_year --format pdf --out "$TMP/wide.pdf"
has "$TMP/err" "put joined_year on the rows (--by joined_year,branch)"
[ ! -e "$TMP/wide.pdf" ] || fail "a refused PDF left a file"
expect_exit 0 as clerk1 stats table --by branch,specialist --format pdf --out "$TMP/stats.pdf"
pdffonts "$TMP/stats.pdf" | grep -q 'IPAexMincho.* yes ' || fail "font not embedded"
pdftotext -layout "$TMP/stats.pdf" "$TMP/stats.txt"
diff -u "$TOP/tests/fixtures/stats-branch-specialist.txt" "$TMP/stats.txt" || fail "the statistics PDF differs from its golden text"
[ "$(pdfinfo "$TMP/stats.pdf" | awk '/^Pages:/ { print $2 }')" -eq 2 ] || fail "the table and the chart: two pages"
pdftotext -f 2 -l 2 -layout "$TMP/stats.pdf" "$TMP/chart.txt"
has "$TMP/chart.txt" "図   支部別の会員数（各行の計）"
grep -qE '関東甲信越 *996([^0-9]|$)' "$TMP/chart.txt" || fail "the chart's bar of 関東甲信越"
grep -qE '離島 *<5([^0-9]|$)' "$TMP/chart.txt" || fail "the hidden total's mark in the chart"
has_word "$TMP/chart.txt" "5未満の欄は「<5」"
# the chart draws filled bars: the second page is not text alone
pdftoppm -f 2 -l 2 -r 20 -gray "$TMP/stats.pdf" "$TMP/chart"
python3 - "$TMP"/chart*.pgm <<'PY' || fail "no bars drawn on the chart page"
import sys
data = open(sys.argv[1], "rb").read()
# P5 header: magic, width height, maxval, then the pixels
parts = data.split(b"\n", 3)
w, h = map(int, parts[1].split()); px = parts[3]
dark = sum(1 for b in px if b < 128)
assert dark > w * h * 0.02, dark
PY

# the workbook (xlsx, as the export sheets are written): the title and the rule above the
# table, counts as numbers, "<5" and "X" as text, the rule again under it, a bar chart
expect_exit 2 as clerk1 stats table --by branch --format xlsx
expect_exit 2 as clerk1 stats table --by branch --format csv --out "$TMP/x.csv"
expect_exit 2 as clerk1 stats table --by branch --format xlsx --out "$TMP/x.xlsx" --json
expect_exit 0 as clerk1 stats table --by branch,specialist --format xlsx --out "$TMP/stats.xlsx"
has "$TMP/out" "$TMP/stats.xlsx"
mkdir "$TMP/xl" && (cd "$TMP/xl" && unzip -q "$TMP/stats.xlsx")
ss=$TMP/xl/xl/sharedStrings.xml
ws=$TMP/xl/xl/worksheets/sheet1.xml
has "$ss" "会員数（2026-11-21 現在、在籍会員）: 支部 × 専門医"
has "$ss" "注: 5未満の欄は「&lt;5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」（補完秘匿）"
has "$ss" "<t>&lt;5</t>"
has "$ss" "<t>X</t>"
has "$ss" "離島"
has "$TMP/xl/xl/workbook.xml" 'name="統計情報"'
has "$ws" '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>'
# the rule stated twice: above (row 2) and under the table (row 16)
has "$ws" '<mergeCell ref="A2:G2"/>'
has "$ws" '<mergeCell ref="A16:G16"/>'
# 関東甲信越: 290 specialists, 706 not, 996 together, as numbers
python3 - "$TMP/xl" <<'PY' || fail "the workbook's cells"
import re, sys
d = sys.argv[1]
ss = re.findall(r"<si><t[^>]*>(.*?)</t></si>", open(d + "/xl/sharedStrings.xml").read())
ws = open(d + "/xl/worksheets/sheet1.xml").read()
rows = {}
for r, body in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', ws):
    cells = []
    for t, v in re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?( t="s")?[^>]*><v>(.*?)</v></c>', body):
        cells.append(ss[int(v)] if t else int(float(v)))
    rows[int(r)] = cells
kanto = [c for c in rows.values() if c and c[0] == "関東甲信越"][0]
assert kanto == ["関東甲信越", 290, 706, 996], kanto
ritou = [c for c in rows.values() if c and c[0] == "離島"][0]
assert ritou == ["離島", "&lt;5", "&lt;5", "&lt;5"], ritou
PY
[ -f "$TMP/xl/xl/charts/chart1.xml" ] || fail "no chart in the workbook"
has "$TMP/xl/xl/charts/chart1.xml" "<c:barChart>"
# every output is in the access log: the pdf and the xlsx runs too
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'stats.table' AND detail LIKE 'by=branch,specialist %'")" -eq 2 ] \
    || fail "the pdf and xlsx runs are not audited"
