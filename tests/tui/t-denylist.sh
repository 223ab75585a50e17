# The chief officer's deny-list of requesters in the terminal (第20条第4項(d): その他個人情報総
# 責任者が不可と認める者): D in the browser lists the entries with reason and date; the chief
# officer adds one (a refused date is named in Japanese) and takes one off with a reason, both
# audited; a clerk sees the list and the core refuses the clerk both; an inquiry from a listed
# organization is refused before the member is looked up.
. "$TOP/tests/tui-lib.sh"
tui_setup

# 1. the chief officer adds 架空興信所 (a date that does not exist first), from an empty list
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
D
:save-display $TMP/empty
n<Tab>
:type 架空興信所
<Tab>
:type 身元を偽った照会（2026年10月）
<Tab><C-U>
:type 令和8年2月30日
<C-S>
:save-display $TMP/bad-date
<C-U>
:type R8.11.1
<C-S>
:save-display $TMP/added
S
run_tui
screen empty <<'X'
 meibo 会員名簿 | 提供しない照会者（第20条第4項(d)）        事務局長 (総責任者)
 番号 登録日     照会者 / 団体  理由

   登録はありません



















n:登録 d:外す（総責任者） ↑↓:移動 q:戻る
X
screen bad-date <<'X'
 meibo 会員名簿 | 拒否リストへの登録（第20条第4項(d)）      事務局長 (総責任者)
 照会者の氏名
 照会者の所属・団体        架空興信所
 理由                      身元を偽った照会（2026年10月）
 登録日                    令和8年2月30日
















────────────────────────────────────────────────────────────────────────────────

登録日: 「令和8年2月30日」という日付はありません
X
screen added <<'X'
 meibo 会員名簿 | 提供しない照会者（第20条第4項(d)）        事務局長 (総責任者)
 番号 登録日     照会者 / 団体  理由
>   1 2026-11-01 架空興信所  身元を偽った照会（2026年10月）




















拒否リストに登録しました: 番号 1
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT organization || '|' || reason || '|' || listed_on || '|' || listed_by FROM denylist")" = \
  "架空興信所|身元を偽った照会（2026年10月）|2026-11-01|kanri" ] || fail "the entry is not stored as typed"
[ "$(audit_count denylist.add kanri)" -eq 1 ] || fail "the addition is not in the access log"

# 2. an inquiry from it is refused before the member is looked up (第20条第4項(d))
expect_exit 0 as clerk1 inquiry decide --member 10000201 --category academic --purpose enrollment_check \
    --items a --identity verified --organization 架空興信所 --requester "調査 一郎" --json
has "$TMP/out" '{"code":"deny_listed","article":"第20条第4項(d)"'
has "$TMP/out" '"member_looked_up":false'

# 3. a clerk sees the list; adding and removing are refused by the core
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
D
:save-display $TMP/clerk
n
:save-display $TMP/clerk-add
d
:save-display $TMP/clerk-remove
S
run_tui
screen_like clerk added <<'X'
1  meibo 会員名簿 | 提供しない照会者（第20条第4項(d)）          従事者一 (従事者)
24 n:登録 d:外す（総責任者） ↑↓:移動 q:戻る
X
screen_like clerk-add clerk <<'X'
24 総責任者だけが行えます（規程表の変更・照会者の拒否リスト）
X
screen_like clerk-remove clerk-add <<'X'
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM denylist WHERE removed_on IS NULL")" -eq 1 ] ||
    fail "a clerk changed the deny-list"

# 4. the chief officer takes it off with a reason; it stays listed as removed
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
Dd
:type 誤登録（別団体と混同）
<Enter>
:save-display $TMP/removed
S
run_tui
screen_like removed added <<'X'
3 >   1 2026-11-01 架空興信所  身元を偽った照会（2026年10月） (削除 2026-11-21: …
24 拒否リストから外しました: 番号 1
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT removed_on || '|' || removed_by || '|' || remove_reason FROM denylist")" = \
  "2026-11-21|kanri|誤登録（別団体と混同）" ] || fail "the entry was not taken off"
[ "$(audit_count denylist.remove kanri)" -eq 1 ] || fail "the removal is not in the access log"
