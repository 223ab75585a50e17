# The manager's inspection (取扱規程 第25条) and the staff register (第27–28条, 第33–34条):
# the pledge login rule, pledges and training recorded, the report as golden text and as PDF,
# the findings recorded by the manager and acknowledged by the chief officer (both audited),
# the ledger checked against the data (第24条), meibo doctor naming staff without pledge or
# training.
. "$TOP/tests/cli-lib.sh"
setup
GOLDEN=$TOP/tests/golden
mkdir -m 700 "$TMP/bk"
cat > "$TMP/meibo.conf" <<CONF
society_name = 日本テスト循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1|電話 03-0000-0000
backup_dir = $TMP/bk
office_hours = 08:30-18:00 daily
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"

# ---- 第27条: no pledge on file, no login (the default), saying why ---------------------------
expect_exit 0 as mgr user add temp1 --name "派遣一" --role clerk --fixed-term --term-end 2027-03-31 \
    --new-password-file "$(pw temp1)"
has "$TMP/out" "temp1 logs in once its confidentiality pledge is recorded (取扱規程 第27条)"
as kanri user approve temp1 >/dev/null
expect_exit 1 as temp1 search 高橋
has "$TMP/err" "no confidentiality pledge of 'temp1' is on file (取扱規程 第27条)"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND detail = 'reason=no_pledge'")" -eq 1 ] ||
    fail "the refused login is not in the access log"
# the system file may let it in (login_without_pledge = yes)
printf 'login_without_pledge = yes\n' >> "$TMP/meibo.conf"
expect_exit 0 as temp1 search 高橋
sed -i '/login_without_pledge/d' "$TMP/meibo.conf"
printf 'login_without_pledge = maybe\n' > "$TMP/bad.conf"
MEIBO_CONFIG=$TMP/bad.conf expect_exit 1 as mgr user list
has "$TMP/err" "login_without_pledge: 'yes' or 'no' (取扱規程 第27条)"
# init needs the chief officer's pledge: nobody else could record the first one
expect_exit 2 "$MEIBO" --db "$TMP/new.db" init --chief boss --password-file "$(pw boss)"
has "$TMP/err" "--pledge-on DATE is required"
# only a manager records it; not a date in the future
expect_exit 1 as clerk1 user pledge temp1 --on 2026-11-01
expect_exit 1 as mgr user pledge temp1 --on 2026-12-01
has "$TMP/err" "pledge_on: 2026-12-01 is after today"
expect_exit 0 as mgr user pledge temp1 --on 2026-11-02 --document "誓約書 派遣-3"
expect_exit 0 as temp1 search 高橋

# ---- 第28条: training; the staff screen's facts (第33–34条) -----------------------------------
expect_exit 0 as mgr user training clerk1 --on 2026-06-10 --topic "個人情報保護研修（新任）"
expect_exit 0 as mgr user training mgr --on 2025-06-10 --topic "管理者研修"
expect_exit 1 as mgr user training clerk1 --on 2026-06-10 --topic " "
expect_exit 0 as mgr user show temp1
has "$TMP/out" "fixed_term      yes; approved by kanri on 2026-11-21 (取扱規程 第33条)"
has_word "$TMP/out" "term_end        2027-03-31"
has_word "$TMP/out" "pledge          2026-11-02 誓約書 派遣-3"
has "$TMP/out" "training        never (none in the last 12 months: 取扱規程 第28条)"
expect_exit 0 as mgr user show clerk1 --json
has "$TMP/out" '"last_training_on":"2026-06-10","training_due":false'
expect_exit 1 as clerk1 doctor
has "$TMP/out" "warning  staff: 3 staff members have had no training in the last 12 months (取扱規程 第28条)"

# ---- activity over the period: a month of reads, one day far above the usual ----------------
as mgr demo --members 30 >/dev/null
day() { echo $((MEIBO_NOW - $1 * 86400)); }
for d in 9 8 7 6 3 2; do   # weekdays 12–19 November, 10:00 JST
    MEIBO_NOW=$(day $d) as clerk1 member show 20000001 >/dev/null
done
# 2026-11-20 (a Friday): 205 reads by clerk1, then one at 22:00 (outside office hours)
i=0; while [ $i -lt 205 ]; do echo "20000001"; i=$((i + 1)); done > "$TMP/nos"
for n in $(cat "$TMP/nos"); do MEIBO_NOW=$(day 1) as clerk1 member show "$n" >/dev/null; done
MEIBO_NOW=$(( $(day 1) + 12 * 3600 )) as clerk1 member show 20000002 --reveal >/dev/null
as clerk1 inquiry add --member 20000001 --category academic --purpose enrollment_check --items a \
    --identity verified --requester 山田太郎 --organization 日本架空学会 >/dev/null
as mgr backup --to "$TMP/bk" >/dev/null

# ---- the report ---------------------------------------------------------------------------------
expect_exit 2 as mgr inspect --from 2026-11-01
expect_exit 1 as mgr inspect --from 2026-11-30 --until 2026-11-01
has_word "$TMP/err" "--until 2026-11-01 is before --from 2026-11-30"
expect_exit 1 as clerk1 inspect --from 2026-11-01 --until 2026-11-30
expect_exit 0 as mgr inspect --from 2026-11-01 --until 2026-11-30 --json
has "$TMP/out" '"outliers":[{"login":"clerk1","day":"2026-11-20","kind":"reads","count":206,"median":"1"}]'
has "$TMP/out" '"inquiries":1,"outcomes":{"provide":0,"partial":0,"refuse":0,"hold":1,"not_found":0}'
expect_exit 0 as mgr inspect --from 2026-11-01 --until 2026-11-30
cp "$TMP/out" "$TMP/inspection.txt"
has "$TMP/out" "clerk1　2026-11-20　閲覧 206件（中央値 1件）"
has "$TMP/out" "clerk1：3件（1日）【指摘】"
has "$TMP/out" "temp1（派遣一）：期間の定めのある従事者、終了日 2027-03-31、総責任者 kanri が 2026-11-21 に承認（取扱規程第33条）"
has "$TMP/out" "mgr（管理者）：過去12か月に教育・訓練の記録がない（最終 2025-06-10、取扱規程第28条）【指摘】"
has "$TMP/out" "アクセスログの連鎖は完全"
has "$TMP/out" "バックアップの作成"   # today's copies: the hook of 規程 第16条
hasnt "$TMP/out" "髙橋"                 # it names staff, never a member
expect_exit 0 as mgr inspect print --from 2026-11-01 --until 2026-11-30 --out "$TMP/inspection.pdf"
has "$TMP/out" "inspection report (unrecorded) written to $TMP/inspection.pdf"
# the rows of the access log grow by each run (its login, inspect.run)
strip() { tr -d ' \t\r\n\f' < "$1" | sed 's/　//g; s/アクセスログ[0-9]*行/アクセスログ行/; s/完全（[0-9]*行/完全（行/'; }
[ -z "${BLESS_DIR:-}" ] || cp "$TMP/inspection.txt" "$BLESS_DIR/inspection.txt"
diff -u "$GOLDEN/inspection.txt" "$TMP/inspection.txt" || fail "the report differs from tests/golden/inspection.txt"
pdftotext -layout "$TMP/inspection.pdf" "$TMP/inspection.pdftext"
strip "$TMP/inspection.txt" > "$TMP/a"; strip "$TMP/inspection.pdftext" > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || { diff "$TMP/inspection.txt" "$TMP/inspection.pdftext"; fail "the PDF's text differs"; }
pdffonts "$TMP/inspection.pdf" | grep -q "IPAexMincho.*yes" || fail "IPAex Mincho not embedded"

# ---- 第24条: a table held that the ledger does not list is a finding ---------------------------
sqlite3 "$MEIBO_DB" "CREATE TABLE phone_numbers (member_no TEXT, phone TEXT); DELETE FROM ledger_items WHERE policy_item = 'f'"
expect_exit 0 as mgr inspect --from 2026-11-01 --until 2026-11-30
has "$TMP/out" "phone_numbers 表：保有しているが、個人情報取扱台帳のどの項目にも対応づけられていない（取扱規程第24条）【指摘】"
has "$TMP/out" "項目(f)メールアドレス：30人分を保有しているが台帳に記載がない（取扱規程第24条）【指摘】"

# ---- findings recorded, acknowledged; both audited ---------------------------------------------
expect_exit 1 as clerk1 inspect record --from 2026-11-01 --until 2026-11-30 --findings x
expect_exit 0 as mgr inspect record --from 2026-11-01 --until 2026-11-30 \
    --findings "clerk1 の11月20日の閲覧206件は名簿照合の業務によるものと確認した" \
    --corrective "mgr に教育・訓練を受けさせる（12月中）"
has "$TMP/out" "inspection 1 recorded"
expect_exit 1 as mgr inspect ack 1
expect_exit 0 as kanri inspect ack 1 --note "了承した"
expect_exit 1 as kanri inspect ack 1
has "$TMP/err" "already acknowledged"
expect_exit 0 as mgr inspect print 1 --format text
has "$TMP/out" "検査番号　第1号"
has "$TMP/out" "是正措置：mgr に教育・訓練を受けさせる（12月中）"
has "$TMP/out" "令和8年11月21日　kanri　確認しました。了承した"
expect_exit 0 as mgr inspect list
has_word "$TMP/out" "2026-11-01..2026-11-30  recorded 2026-11-21 10:00:00 by mgr  acknowledged by kanri"
[ "$(sqlite3 "$MEIBO_DB" "SELECT group_concat(user_login || ':' || action, ' ') FROM audit_log WHERE action IN ('inspect.record', 'inspect.ack', 'user.pledge', 'user.training')")" = \
  "mgr:user.pledge mgr:user.training mgr:user.training mgr:inspect.record kanri:inspect.ack" ] || fail "not audited as expected"
