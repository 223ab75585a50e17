# The recipient register (規程 第20条第3–4項) and the chief officer's prior permission for every
# copy (規程 第16条), run as the attacks of issue 13 §1–2: a 名簿業者 with a pledge gets the officers
# sheet; a deny-listed body with a pledge gets an export; a 興信所's pledge is accepted; a body
# deny-listed later still gets what was pending; a paper sheet is ready with no permission; a
# manager backs up to any folder.
. "$TOP/tests/cli-lib.sh"
setup
cat > "$TMP/meibo.conf" <<'CONF'
society_name = 一般社団法人 日本架空循環器学会
secretariat_contact = 〒100-0001 東京都千代田区千代田1-1 架空ビル3階 | TEL 03-0000-0000
CONF
export MEIBO_CONFIG="$TMP/meibo.conf"
as clerk1 member add member_no=30000001 family_name=髙橋 given_name=一郎 family_kana=タカハシ \
    given_kana=イチロウ birth_date=1975-05-05 home_address=東京都文京区本郷1-1-1 \
    facility_name=架空大学病院 email=ichiro@example.jp branch=関東甲信越 joined_on=2010-04-01 \
    directory_consent=yes >/dev/null

# ---- the register ----------------------------------------------------------------------------
BROKER=$(recipient 株式会社架空名簿センター commercial)        # a 名簿業者: 第20条第4項(b)
DETECTIVE=$(recipient 架空探偵事務所 investigator)             # a 興信所: 第20条第4項(c)
ACADEMIC=$(recipient 日本架空学会 academic)                    # 第20条第3項(e)
BRANCH=$(recipient 関東甲信越支部 branch)                      # 取扱規程 第4条
# a forbidden recipient is recorded, so the refusal is on file (第20条第4項)
expect_exit 0 as clerk1 recipient show "$BROKER"
has "$TMP/out" "category        commercial (第20条第4項(b) 営利企業等)"
has "$TMP/out" "state           forbidden"
expect_exit 0 as clerk1 recipient list
has_word "$TMP/out" "$DETECTIVE	investigator	forbidden	架空探偵事務所"
expect_exit 1 as clerk1 recipient add --organization 何か --category friend
has "$TMP/err" "category: 'friend' is not a recipient category"
expect_exit 2 as clerk1 recipient add --organization 何か

# ---- pledges: only from a recipient the gate lets receive (第20条第4項, 取扱規程 第6条) ------------
pledge() { as mgr pledge add --signatory 山田 --received 2026-11-01 --media paper,electronic \
    --purposes society_business,greetings_notices --items d,e,f --valid-until 2027-10-31 "$@"; }
# the 興信所's pledge (第20条第4項(c))
expect_exit 1 pledge --recipient "$DETECTIVE" --document 誓-1
has "$TMP/err" "興信所や報道機関 (第20条第4項(c))"
# the 名簿業者's pledge (第20条第4項(b)), by name too
expect_exit 1 pledge --recipient 株式会社架空名簿センター --document 誓-2
has "$TMP/err" "営利企業等 (第20条第4項(b))"
# free text is not a recipient
expect_exit 1 pledge --recipient 架空の会 --document 誓-3
has "$TMP/err" "not in the recipient register"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM pledges")" -eq 0 ] || fail "a refused pledge was stored"
expect_exit 0 pledge --recipient "$ACADEMIC" --document 誓-4          # pledge 1
expect_exit 0 pledge --recipient "$BRANCH" --document 誓-5            # pledge 2
[ "$(sqlite3 "$MEIBO_DB" "SELECT recipient_id FROM pledges WHERE id = 2")" = "$BRANCH" ] ||
    fail "the pledge does not point at its recipient"

# ---- the 名簿業者 with a pledge on file gets the officers sheet -----------------------------------
# a pledge recorded before the register (an old database): the gate still refuses at request
sqlite3 "$MEIBO_DB" "INSERT INTO pledges (recipient, recipient_key, signatory_name, received_on,
  media_paper, media_electronic, purposes, items, valid_until, document_no, created_at, created_by,
  recipient_id) SELECT '株式会社架空名簿センター', recipient_key, '佐藤', received_on, 1, 1, purposes,
  items, valid_until, '誓-旧', created_at, created_by, $BROKER FROM pledges WHERE id = 1"
expect_exit 1 as clerk1 export request --purpose officers --recipient "$BROKER" --pledge 3
has "$TMP/err" "営利企業等 (第20条第4項(b))"
# the officers sheet (birth dates, home addresses) goes to the society's own only (取扱規程 第4条)
expect_exit 1 as clerk1 export request --purpose officers --recipient "$ACADEMIC" --pledge 1
has "$TMP/err" "この名簿 (officers) は、この相手方 (学術団体"
has "$TMP/err" "(取扱規程 第4条, 第20条第1項)"
# nor a standing permission for it
expect_exit 1 as kanri permission grant --export officers --recipient "$BROKER" --until 2027-03-31
has "$TMP/err" "第20条第4項(b)"

# ---- every sheet waits for the chief officer's permission (規程 第16条) ----------------------------
expect_exit 0 as clerk1 export request --purpose officers --recipient "$BRANCH" --pledge 2 \
    --columns name,facility_name --json
has "$TMP/out" '"status":"pending"'
expect_exit 1 as clerk1 export run 1
has "$TMP/err" "waits for the chief officer's approval (規程 第16条"
expect_exit 1 as mgr export approve 1
expect_exit 0 as kanri export approve 1 --comment 役員会資料
# the approval is a permission on file: who, when, what and until when
expect_exit 0 as clerk1 permission list
has "$TMP/out" "export	one-off	in force	2026-11-21..2026-12-21	kanri	出力番号 1：役員・委員会の業務を関東甲信越支部へ紙で"
PID=$(sqlite3 "$MEIBO_DB" "SELECT permission_id FROM exports WHERE id = 1")
# revoked before the run: nothing is made
as kanri permission revoke "$PID" --reason 再検討 >/dev/null
expect_exit 1 as clerk1 export run 1
has "$TMP/err" "is no longer in force (revoked or past its end, 規程 第16条)"
expect_exit 1 as mgr permission grant --backup --until 2027-01-01
has "$TMP/err" "規程 第16条"

# ---- a standing permission: the branch's yearly sheet ---------------------------------------------
as kanri permission grant --export branch --recipient "$BRANCH" --media paper --until 2027-03-31 \
    --note 年次 >/dev/null
expect_exit 0 as clerk1 export request --purpose branch --recipient "$BRANCH" --pledge 2 \
    --columns name,facility_name --json
has "$TMP/out" '"status":"ready"'
# ---- deny-listed later: what is pending for them stops (第20条第4項(d)) -----------------------------
as clerk1 export request --purpose officers --recipient "$BRANCH" --pledge 2 \
    --columns name,facility_name >/dev/null                                         # export 3
as kanri denylist add --organization 関東甲信越支部 --reason 漏えい事故の調査中 >/dev/null
expect_exit 1 as clerk1 export run 2
has "$TMP/err" "個人情報総責任者が不可と認めた照会者です (第20条第4項(d))"
expect_exit 1 as kanri export approve 3
has "$TMP/err" "(第20条第4項(d))"
expect_exit 1 pledge --recipient "$BRANCH" --document 誓-6
has "$TMP/err" "(第20条第4項(d))"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions")" -eq 0 ] || fail "a provision was made"
expect_exit 0 as clerk1 recipient show "$BRANCH"
has "$TMP/out" "state           deny-listed"

# ---- backup copies (規程 第16条, 取扱規程 第19条) ---------------------------------------------------
# the daily backup to its folder: the standing permission init made, listed in the ledger (第24条)
expect_exit 0 as clerk1 ledger
has "$TMP/out" "個人データの複写・持出しの許可（個人情報保護規程第16条"
has "$TMP/out" "［常時］日次バックアップ（設定のバックアップフォルダへの複写、取扱規程第19条）"
has "$TMP/out" "［常時］支部への提供を関東甲信越支部へ紙で 年次"
expect_exit 0 as mgr backup
# a manager copies the database to another folder: refused without the chief's permission
mkdir -m 700 "$TMP/usb"
expect_exit 1 as mgr backup --to "$TMP/usb"
has "$TMP/err" "needs the chief officer's prior permission (規程 第16条)"
[ -z "$(ls "$TMP/usb")" ] || fail "a copy was made without permission"
as kanri permission grant --backup-to "$TMP/usb" --until 2026-11-30 --note 監査用 >/dev/null
expect_exit 0 as mgr backup --to "$TMP/usb"
MEIBO_NOW=$((MEIBO_NOW + 10 * 86400)) expect_exit 1 as mgr backup --to "$TMP/usb"
# the daily backup's permission revoked: the daily backup stops too (not implied by code)
as kanri permission revoke 1 --reason 保管先の変更 >/dev/null
expect_exit 1 as mgr backup
has "$TMP/err" "the daily backup to the backup folder has no standing permission"

# a registered body that may receive nothing cannot be answered by claiming another category on
# the telephone: the register says what it is (第20条第4項(b)); the inquiry is recorded, refused
expect_exit 0 as clerk1 inquiry add --requester 架空太郎 --organization 株式会社架空名簿センター \
    --category academic --purpose enrollment_check --items a --identity verified \
    --member 10000001 --method other --channel phone --json
has "$TMP/out" '"outcome":"refuse"'
has "$TMP/out" "第20条第4項(b)"
