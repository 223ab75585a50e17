# The access-log viewer (取扱規程 第23条): a manager reads everyone's rows, by user ID, member
# and date range; a clerk is shown only their own. Reading the log is itself logged (第35条).
. "$TOP/tests/tui-lib.sh"
tui_setup
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/10000203<Enter><Enter>r
S
run_tui

login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
L
u
:type clerk1
<Enter>
:save-display $TMP/by-user
m
:type 10000203
<Enter>
:save-display $TMP/by-member
d<C-U>
:type 2026-11-22..
<Enter>
:save-display $TMP/by-date
S
run_tui
screen by-user <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk1   会員: *   期間: 2026-11-21..
 日時                利用者     操作             会員番号  内容
>2026-11-21 10:00:00 clerk1     login                      role=clerk
 2026-11-21 10:00:00 clerk1     inquiry.list               status=pending membe…
 2026-11-21 10:00:00 clerk1     search                     query= shown=7 membe…
 2026-11-21 10:00:00 clerk1     search                     query=10000203 shown…
 2026-11-21 10:00:00 clerk1     member.read      10000203
 2026-11-21 10:00:00 clerk1     provision.read   10000203
 2026-11-21 10:00:00 clerk1     inquiry.list     10000203  status=* member=1000…
 2026-11-21 10:00:00 clerk1     member.reveal    10000203  birth_date,postal_co…












u:利用者 m:会員番号 d:期間 q:戻る
X
screen by-member <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk1   会員: 10000203   期間: 2026-11-21..
 日時                利用者     操作             会員番号  内容
>2026-11-21 10:00:00 clerk1     search                     query= shown=7 membe…
 2026-11-21 10:00:00 clerk1     search                     query=10000203 shown…
 2026-11-21 10:00:00 clerk1     member.read      10000203
 2026-11-21 10:00:00 clerk1     provision.read   10000203
 2026-11-21 10:00:00 clerk1     inquiry.list     10000203  status=* member=1000…
 2026-11-21 10:00:00 clerk1     member.reveal    10000203  birth_date,postal_co…














u:利用者 m:会員番号 d:期間 q:戻る
X
screen by-date <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk1   会員: 10000203   期間: 2026-11-22..
 日時                利用者     操作             会員番号  内容

   該当する記録はありません


















u:利用者 m:会員番号 d:期間 q:戻る
X
[ "$(audit_count audit.read mgr)" -ge 4 ] || fail "reading the log is not logged"

# a clerk: only their own rows, and no way to ask for someone else's
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
L
:save-display $TMP/clerk
u
:save-display $TMP/clerk-user
S
run_tui
grep -q 'mgr' "$TMP/clerk" && fail "a clerk sees another user's rows"
grep -q '自分の記録のみ' "$TMP/clerk-user" || fail "the clerk is not told why"
