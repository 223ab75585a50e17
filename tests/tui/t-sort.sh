# The member browser's sort orders (issue 3): o steps through them, O chooses one; the
# column header marks the order (none in the usual one); by joining date the date takes the
# branch's place. Keyset pages in an order through 500 members, down and back up (the pages
# left behind are dropped and fetched again from their cursors): the same rows as the
# database's own order, none repeated or skipped.
. "$TOP/tests/tui-lib.sh"
tui_setup
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
o
:save-display $TMP/number
o
:save-display $TMP/joined
o
:save-display $TMP/joined-desc
o
:save-display $TMP/facility
o
:save-display $TMP/usual
O
:save-display $TMP/choose
<Down><Down><Down><Down><Enter>
/病院
:save-display $TMP/query-newest
S
run_tui
screen number <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             全て 全支部 専門医:全て                   7件
 会員番号▲ 氏名           フリガナ         所属施設              支部       状態
>10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          関東甲信越 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          近畿       在籍
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          関東甲信越 在籍
 10000204  小林 真理      コバヤシ マリ    架空林業病院          東海       在籍
 10000205  森 健          モリ ケン        架空森病院            北海道・…  退会
 10000206  田中 誠        タナカ マコト    架空博多病院          九州       在籍
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         中国・四国 在籍













並び順: 会員番号順
X
screen joined <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             全て 全支部 専門医:全て                   7件
 会員番号  氏名           フリガナ         所属施設              入会日▲    状態
>10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          2001-10-01 在籍
 10000205  森 健          モリ ケン        架空森病院            2005-04-01 退会
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         2008-04-01 在籍
 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          2010-04-01 在籍
 10000206  田中 誠        タナカ マコト    架空博多病院          2012-04-01 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          2015-04-01 在籍
 10000204  小林 真理      コバヤシ マリ    架空林業病院          2019-04-01 在籍













並び順: 入会日順（古い順）
X
screen joined-desc <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             全て 全支部 専門医:全て                   7件
 会員番号  氏名           フリガナ         所属施設              入会日▼    状態
>10000204  小林 真理      コバヤシ マリ    架空林業病院          2019-04-01 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          2015-04-01 在籍
 10000206  田中 誠        タナカ マコト    架空博多病院          2012-04-01 在籍
 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          2010-04-01 在籍
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         2008-04-01 在籍
 10000205  森 健          モリ ケン        架空森病院            2005-04-01 退会
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          2001-10-01 在籍













並び順: 入会日順（新しい順）
X
screen facility <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             全て 全支部 専門医:全て                   7件
 会員番号  氏名           フリガナ         所属施設▲             支部       状態
>10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          関東甲信越 在籍
 10000206  田中 誠        タナカ マコト    架空博多病院          九州       在籍
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          関東甲信越 在籍
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         中国・四国 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          近畿       在籍
 10000204  小林 真理      コバヤシ マリ    架空林業病院          東海       在籍
 10000205  森 健          モリ ケン        架空森病院            北海道・…  退会













並び順: 所属施設順（施設なしは最後）
X
screen_like usual member-list.txt <<'X'
24 並び順: 標準（検索は一致順、一覧はフリガナ順）
X
screen choose <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             全て 全支部 専門医:全て                   7件
 会員番号  氏名           フリガナ         所属施設              支部       状態
>10000204  小林 真理      コバヤシ マリ    架空林業病院          東海       在籍
 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          関東甲信越 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          近畿       在籍
 10000206  田中 誠        タナカ マコト    架空博多病院          九州       在籍
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          関東甲信越 在籍
 10000205  森 健          モリ ケン        架空森病院            北海道・…  退会
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         中国・四国 在籍





                    並び順を選んでください
                    ────────────────────────────────────────
                    > 標準（検索は一致順、一覧はフリガナ順）
                      フリガナ順
                      会員番号順
                      入会日順（古い順）
                      入会日順（新しい順）
                      所属施設順（施設なしは最後）

X
screen query-newest <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索 病院                        全て 全支部 専門医:全て                   7件
 会員番号  氏名           フリガナ         所属施設              入会日▼    状態
 10000204  小林 真理      コバヤシ マリ    *架空林業病院         2019-04-01 在籍
 10000202  髙橋 花子      タカハシ ハナコ  *架空市民病院         2015-04-01 在籍
 10000206  田中 誠        タナカ マコト    *架空博多病院         2012-04-01 在籍
 10000201  高橋 一郎      タカハシ イチロ… *架空中央病院         2010-04-01 在籍
 10000207  渡邊 明美      ワタナベ アケミ  *架空岡山病院①        2008-04-01 在籍
 10000205  森 健          モリ ケン        *架空森病院           2005-04-01 退会
 10000203  林 大輔        ハヤシ ダイスケ  *架空大学病院         2001-10-01 在籍













入力で絞り込み  Enter/↓:一覧へ  Esc:検索を消す
X

# 500 members in member-number order, paged down and up again
export MEIBO_DB="$TMP/big.db"
setup
as kanri demo --members 500 --seed 7 >/dev/null
login clerk1 >"$TMP/script"
{
    echo "o"
    echo ":save-display $TMP/p0"
    for i in $(seq 22); do echo "<PgDown>"; done
    echo ":save-display $TMP/p22"
    for i in $(seq 16); do echo "<PgUp>"; done
    echo ":save-display $TMP/p6"
    for i in $(seq 6); do echo "<PgUp>"; done
    echo ":save-display $TMP/back"
} >>"$TMP/script"
run_tui
# the rows shown: member numbers of the list's lines (screen lines 4-23)
rows() { sed -n '4,23p' "$1" | cut -c2-9; }
sqlite3 "$MEIBO_DB" "SELECT member_no FROM members ORDER BY CAST(member_no AS INTEGER), id" > "$TMP/order"
rows "$TMP/p0" > "$TMP/got0"
sed -n '1,20p' "$TMP/order" > "$TMP/want0"
cmp -s "$TMP/got0" "$TMP/want0" || { diff "$TMP/want0" "$TMP/got0"; fail "first page differs"; }
# 22 pages of 19 rows down: rows 419-438 (the cursor stays on the top line); the first
# two hundred rows (two pages of the core's) were dropped on the way and come back from their cursor
rows "$TMP/p22" > "$TMP/got22"
sed -n '419,438p' "$TMP/order" > "$TMP/want22"
cmp -s "$TMP/got22" "$TMP/want22" || { diff "$TMP/want22" "$TMP/got22"; fail "page 22 differs"; }
# on the way back up, rows 115-134: the core's second page, fetched again from its cursor
rows "$TMP/p6" > "$TMP/got6"
sed -n '115,134p' "$TMP/order" > "$TMP/want6"
cmp -s "$TMP/got6" "$TMP/want6" || { diff "$TMP/want6" "$TMP/got6"; fail "page 6 on the way back differs"; }
head -n 23 "$TMP/p0" > "$TMP/top0"
head -n 23 "$TMP/back" > "$TMP/top1"
cmp -s "$TMP/top0" "$TMP/top1" || { diff "$TMP/top0" "$TMP/top1"; fail "back at the top the list differs"; }
