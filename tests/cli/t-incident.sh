# The incident register (取扱規程 第26条; 個人情報保護法 第26条, 施行規則 第7条・第8条): the
# affected members computed from an export run, an inquiry's answer and a user's access-log rows;
# who may record, report and close; the reporting decision and its deadlines; the notice to a
# member and the draft report to the commission as golden text and as PDF; meibo doctor and
# member show; everything in the access log. A backup of 1,001 members is reportable by count.
. "$TOP/tests/cli-lib.sh"
setup
recipient 関東甲信越支部 branch >/dev/null  # the register (規程 第20条第3–4項)
GOLDEN=$TOP/tests/golden

cat > "$TMP/meibo.conf" <<CONF
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000
outbox = $TMP/outbox
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"

as clerk1 member add member_no=20000001 joined_on=2010-04-01 family_name=髙橋 given_name=一郎 \
    family_kana=タカハシ given_kana=イチロウ birth_date=1975-05-05 postal_code=113-0033 \
    home_address=東京都文京区本郷1-1-1 email=ichiro@example.jp facility_name=架空大学病院 >/dev/null
as clerk1 member add member_no=20000002 joined_on=2012-04-01 family_name=山本 given_name=花子 \
    family_kana=ヤマモト given_kana=ハナコ facility_name=架空市民病院 >/dev/null
as mgr pledge add --recipient 関東甲信越支部 --signatory 山田花子 --received 2026-11-01 \
    --media paper --purposes abstract_registration,society_business --items a,d,e,f \
    --valid-until 2027-10-31 --document 誓-2026-102 >/dev/null
permit officers 関東甲信越支部                       # the chief's permission (規程 第16条)
as clerk1 export request --purpose officers --recipient 関東甲信越支部 --pledge 1 >/dev/null
as clerk1 export run 1 >/dev/null

# ---- recording (第26条: any staff member, to the manager) ----------------------------------
add() {
    as clerk1 incident add --kind leak --summary "役員名簿（出力1）を電車内に置き忘れた" \
        --discovered 2026-11-19 --discovered-by "従事者一" --reported-to mgr \
        --occurred 2026-11-18 --action "鉄道会社に遺失届を提出" "$@"
}
expect_exit 2 add
has "$TMP/err" "name one source of the affected members"
expect_exit 1 add --export 1 --reported-to clerk1
has "$TMP/err" "reported_to: 'clerk1' is not an enabled 個人情報管理者"
expect_exit 1 add --export 2
has_word "$TMP/err" "there is no export 2"
expect_exit 1 add --members 20000001,99999999 --items a
has_word "$TMP/err" "no member has number 99999999"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM incidents")" -eq 0 ] || fail "a refused add recorded"
expect_exit 0 add --export 1 --json
has "$TMP/out" '"persons":2,"items":"d,e,f"'
has "$TMP/out" '"reportable":false'
has "$TMP/out" '"code":"sensitive_none","applies":false,"article":"個人情報保護法施行規則 第7条第1号"'
expect_exit 0 as clerk1 incident show 1 --members
has "$TMP/out" "source          export: 出力番号1（2026-11-21実行）"
has_word "$TMP/out" "20000001	d,e,f"
has_word "$TMP/out" "20000002	d,e,f"

# the improper purpose (第7条第3号) makes it reportable: 確報 within 60 days (第8条第2項)
expect_exit 1 as clerk1 incident update 1 --improper yes --prompt-reported 2026-11-20
has "$TMP/err" "record a report to the 個人情報保護委員会"
expect_exit 0 as clerk1 incident update 1 --improper yes --cause "鞄ごと網棚に置き忘れた" \
    --secondary-damage "現時点で確認されていません" --member-response "対象の会員に通知する" \
    --publication "公表しない" --prevention "名簿の持ち出しは施錠鞄に限る"
# 速報 "速やかに": 3–5 days from the discovery (11-19): due 11-24, within 3 days of today
has "$TMP/out" "	open	leak	2026-11-19	2	reportable	2026-11-24	due-soon	"
expect_exit 0 as clerk1 incident list --due
has_word "$TMP/out" "2026-11-24	due-soon"
expect_exit 1 as clerk1 doctor   # (no backup yet: a problem of its own)
has "$TMP/out" "warning  incidents: 1 incident has a report due within 3 days"
MEIBO_NOW=$((MEIBO_NOW + 4 * 86400)) expect_exit 1 as clerk1 doctor
has "$TMP/out" "problem  incidents: 1 incident has a report to the 個人情報保護委員会 past its due date"
expect_exit 0 as clerk1 incident show 1
has "$TMP/out" "final_report    2027-01-18 (60 days), made -"

# ---- printed: the notice to a member and the draft report (golden) --------------------------
strip() { tr -d ' \t\r\n\f' < "$1" | sed 's/　//g'; }
golden() {   # NAME: $TMP/NAME.txt equals the golden file and the PDF's text (IPAex Mincho)
    [ -z "${GOLDEN_UPDATE:-}" ] || cp "$TMP/$1.txt" "$GOLDEN/$1.txt"
    diff -u "$GOLDEN/$1.txt" "$TMP/$1.txt" || fail "$1: the text differs from tests/golden/$1.txt"
    pdftotext -layout "$TMP/$1.pdf" "$TMP/$1.pdftext"
    strip "$TMP/$1.txt" > "$TMP/a"; strip "$TMP/$1.pdftext" > "$TMP/b"
    cmp -s "$TMP/a" "$TMP/b" || { diff "$TMP/$1.txt" "$TMP/$1.pdftext"; fail "$1: the PDF's text differs"; }
    pdffonts "$TMP/$1.pdf" | grep -q "IPAexMincho.*yes" || fail "$1: IPAex Mincho not embedded"
}
expect_exit 0 as clerk1 incident notice 1 --member 20000001 --format text
cp "$TMP/out" "$TMP/incident-notice.txt"
expect_exit 0 as clerk1 incident notice 1 --member 20000001 --out "$TMP/incident-notice.pdf"
has "$TMP/out" "incident 1: incident-notice written to $TMP/incident-notice.pdf"
golden incident-notice
expect_exit 0 as clerk1 incident report 1 --format text
cp "$TMP/out" "$TMP/incident-report.txt"
expect_exit 0 as clerk1 incident report 1 --out "$TMP/incident-report.pdf"
golden incident-report
hasnt "$TMP/incident-report.txt" "髙橋"       # the report names no member
expect_exit 1 as clerk1 incident notice 1 --member 20000003
has "$TMP/err" "member 20000003 is not among the members incident 1 affected"
expect_exit 0 as clerk1 incident notice 1 --all
has "$TMP/out" "incident 1: 2 notices printed or saved in the outbox"
[ -f "$TMP/outbox/incident-1-notice-20000002.pdf" ] || fail "no notice for 20000002 in the outbox"

# ---- which incidents touch this member: member show (and the disclosure notice, t-rights) ----
expect_exit 0 as clerk1 member show 20000001
has "$TMP/out" "incident               事故 1	漏えい 2026-11-19, items d,e,f (open)"
expect_exit 0 as clerk1 member show 20000002
has_word "$TMP/out" "事故 1"

# the disclosure notice (第22条) names the incidents that touched the member, without the summary
as clerk1 request add --kind disclosure --member 20000001 --identity passport >/dev/null
as clerk1 request decide 1 --decision full >/dev/null
expect_exit 0 as clerk1 request print 1 --format text
has "$TMP/out" "個人情報の漏えい等のうち、ご本人の個人データに関わるもの（本会個人情報の取扱規程第26条）"
has "$TMP/out" "（1）判明日　令和8年11月19日　漏えい（対応中）"
has "$TMP/out" "対象の項目　所属施設名・住所、氏名・生年月日・自宅住所、メールアドレス"
hasnt "$TMP/out" "電車内"

# ---- closing: the manager's, with the cause, the prevention and both reports ------------------
expect_exit 1 as clerk1 incident close 1
has "$TMP/err" "needs the manager role; you are clerk"
expect_exit 1 as mgr incident close 1
has "$TMP/err" "record the prompt report (速報, --prompt-reported DATE) first"
expect_exit 0 as mgr incident update 1 --prompt-reported 2026-11-20 --final-reported 2026-11-21
expect_exit 0 as mgr incident close 1 --note "再発防止策を周知"
expect_exit 1 as clerk1 incident update 1 --cause x
has "$TMP/err" "incident 1 is closed"
expect_exit 0 as clerk1 incident list
[ ! -s "$TMP/out" ] || fail "a closed incident is listed as open"
expect_exit 0 as clerk1 incident list --all --json
has "$TMP/out" '"status":"closed","closed_on":"2026-11-21","closed_by":"mgr"'

# ---- from an inquiry's answer, and from a user's access log (a manager's reading, 第23条) ------
as clerk1 inquiry add --identity verified --requester 山田太郎 --organization 架空県警察本部 \
    --category police --legal-basis 刑事訴訟法第197条第2項 --legal-document 架県刑第1号 --items a \
    --member 20000002 --contact "〒100-0009 東京都千代田区架空10-10" >/dev/null
as kanri inquiry approve 1 --comment 捜査関係事項照会に回答する >/dev/null
as clerk1 inquiry print 1 --out "$TMP/answer-1.pdf" >/dev/null   # given: the provision happens
expect_exit 0 add --inquiry 1 --summary "回答書を別の照会者に誤送付" --json
has "$TMP/out" '"persons":1,"items":"a"'
expect_exit 1 as clerk1 incident add --kind breach --summary "業務外の閲覧" --discovered-by 管理者 \
    --reported-to mgr --access-log clerk1 --since 2026-11-21 --until 2026-11-21
has "$TMP/err" "needs the manager role; you are clerk"
expect_exit 0 as mgr incident add --kind breach --summary "業務外の閲覧" --discovered-by 管理者 \
    --reported-to mgr --access-log clerk1 --since 2026-11-21 --until 2026-11-21 --json
has_word "$TMP/out" '"source":"access_log","source_ref":"利用者ID clerk1 の2026-11-21〜2026-11-21の記録","persons":2'
has "$TMP/out" '"code":"not_leak"'

# every step is in the access log
for a in incident.add incident.update incident.close incident.read incident.print; do
    [ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = '$a'")" -gt 0 ] ||
        fail "no $a row in the access log"
done
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'incident.print' AND member_no = '20000002'")" -eq 1 ] ||
    fail "the notice to 20000002 is not in the access log with the member"
expect_exit 0 as mgr audit verify

# ---- a backup of 1,001 members: more than 1,000 persons (第7条第4号) --------------------------
export MEIBO_DB="$TMP/big.db"
setup
as kanri demo --members 1001 --seed 7 >/dev/null
mkdir -m 700 "$TMP/bk"
as kanri permission grant --backup-to "$TMP/bk" --until 2026-11-30 >/dev/null  # 規程 第16条
as mgr backup --to "$TMP/bk" >/dev/null
f=$(ls "$TMP/bk"/meibo-*.db)
expect_exit 0 as clerk1 incident add --kind loss --summary "バックアップのUSBメモリを紛失" \
    --discovered-by 従事者一 --reported-to mgr --backup "$f" --json
has_word "$TMP/out" '"persons":1001'
has "$TMP/out" '"reportable":true'
has "$TMP/out" '"code":"persons","applies":true,"article":"個人情報保護法施行規則 第7条第4号","text":"本人の数が1001人で、1,000人を超えます。"'
has "$TMP/out" '"prompt_due":"2026-11-26","final_due":"2026-12-21"'

# ---- a backup named by a user of a set-group-ID meibo (docs/ARCHITECTURE.md, Security): a file of the
# backup folder by its name, or a path the user may read themselves; never the database itself
# or another file meibo's group reaches but the user does not (run as nobody, as t-install.sh)
sgid_setup
unset MEIBO_CONFIG
mkdir -m 711 "$TMP/pw"
for u in kanri mgr; do cp "$TMP/$u.pw" "$TMP/pw/$u.pw"; chown 65534 "$TMP/pw/$u.pw"; chmod 600 "$TMP/pw/$u.pw"; done
"$TMP/sgbin/meibo" --db "$SG/m.db" init --pledge-on 2026-04-01 --chief kanri --password-file "$TMP/kanri.pw" >/dev/null
"$TMP/sgbin/meibo" --db "$SG/m.db" --user kanri --password-file "$TMP/kanri.pw" user add --pledge-on 2026-04-01 mgr \
    --name 管理者 --role manager --new-password-file "$TMP/mgr.pw" >/dev/null
"$TMP/sgbin/meibo" --db "$SG/m.db" --user kanri --password-file "$TMP/kanri.pw" demo --members 3 >/dev/null
nm() { nob "$TMP/sgbin/meibo" --db "$SG/m.db" \
    --user mgr --password-file "$TMP/pw/mgr.pw" "$@"; }
expect_exit 0 nm backup --json
bk=$(sed 's/.*"path":"\([^"]*\)".*/\1/' "$TMP/out")
lost() { nm incident add --kind loss --summary "USBメモリの紛失" --discovered-by 管理者 \
    --reported-to mgr "$@"; }
for f in "$SG/m.db" "$bk" "$SG/../sg/m.db"; do
    expect_exit 1 lost --backup "$f"
    has "$TMP/err" "you (uid 65534) may not read it yourself"
done
expect_exit 0 lost --backup "$(basename "$bk")" --json     # the backup folder's, by name
has_word "$TMP/out" '"persons":3'
expect_exit 1 lost --backup "../m.db"
has "$TMP/err" "you (uid 65534) may not read it yourself"
chmod 700 "$TMP"
