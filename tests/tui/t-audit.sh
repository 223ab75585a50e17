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
 日時                利用者     操作               会員番号  内容
>2026-11-21 10:00:00 clerk1     秘匿項目の表示     10000203  生年月日、郵便番号…
 2026-11-21 10:00:00 clerk1     照会一覧の閲覧     10000203  状態：*　会員：100…
 2026-11-21 10:00:00 clerk1     提供記録の閲覧     10000203
 2026-11-21 10:00:00 clerk1     会員の閲覧         10000203
 2026-11-21 10:00:00 clerk1     検索                         検索語：10000203　…
 2026-11-21 10:00:00 clerk1     検索                         検索語：　表示件数…
 2026-11-21 10:00:00 clerk1     照会一覧の閲覧               状態：承認待ち　会…
 2026-11-21 10:00:00 clerk1     ログイン                     役割：従事者












Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る
X
screen by-member <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk1   会員: 10000203   期間: 2026-11-21..
 日時                利用者     操作               会員番号  内容
>2026-11-21 10:00:00 clerk1     秘匿項目の表示     10000203  生年月日、郵便番号…
 2026-11-21 10:00:00 clerk1     照会一覧の閲覧     10000203  状態：*　会員：100…
 2026-11-21 10:00:00 clerk1     提供記録の閲覧     10000203
 2026-11-21 10:00:00 clerk1     会員の閲覧         10000203
 2026-11-21 10:00:00 clerk1     検索                         検索語：10000203　…
 2026-11-21 10:00:00 clerk1     検索                         検索語：　表示件数…














Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る
X
screen by-date <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk1   会員: 10000203   期間: 2026-11-22..
 日時                利用者     操作               会員番号  内容

   該当する記録はありません


















Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る
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

# issue 14: thousands of rows, newest first; End goes to the oldest, Home back to the newest;
# paging down reads page after page by id (keyset, never a fixed cap); Enter shows one row
# whole, its 内容 wrapped and in words (取扱規程 第23条: the log is read per user ID).
sqlite3 "$MEIBO_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO audit_log (at, user_login, unix_user, ssh_client, action, member_no, detail,
    prev_hash, hash)
  SELECT '2026-11-21 09:00:00', 'clerk2', 'tester', 'local', 'search', '', 'query=架空' || i ||
    ' shown=1', '', '' FROM n"
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
L
u
:type clerk2
<Enter>
:save-display $TMP/newest
<End>
:save-display $TMP/oldest
<Up><Up>
<Home>
<PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown>
<PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown><PgDown>
:save-display $TMP/paged
u
<C-U>
<Enter>
/
S
run_tui
screen newest <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk2   会員: *   期間: 2026-11-21..
 日時                利用者     操作               会員番号  内容
>2026-11-21 09:00:00 clerk2     検索                         検索語：架空3000　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2999　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2998　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2997　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2996　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2995　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2994　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2993　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2992　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2991　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2990　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2989　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2988　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2987　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2986　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2985　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2984　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2983　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2982　…
  （続きは ↓ か j で）
Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る
X
screen oldest <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk2   会員: *   期間: 2026-11-21..
 日時                利用者     操作               会員番号  内容
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空20　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空19　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空18　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空17　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空16　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空15　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空14　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空13　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空12　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空11　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空10　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空9　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空8　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空7　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空6　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空5　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空4　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空3　表…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2　表…
>2026-11-21 09:00:00 clerk2     検索                         検索語：架空1　表…
Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る
X
screen paged <<'X'
 meibo 会員名簿 | アクセス記録（取扱規程第23条）                管理者 (管理者)
 利用者: clerk2   会員: *   期間: 2026-11-21..
 日時                利用者     操作               会員番号  内容
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2658　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2657　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2656　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2655　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2654　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2653　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2652　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2651　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2650　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2649　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2648　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2647　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2646　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2645　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2644　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2643　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2642　…
 2026-11-21 09:00:00 clerk2     検索                         検索語：架空2641　…
>2026-11-21 09:00:00 clerk2     検索                         検索語：架空2640　…
  （続きは ↓ か j で）
Enter:詳細 Home:最新 End:最古 u:利用者 m:会員番号 d:期間 q:戻る
X
pages=$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'audit.read'
  AND user_login = 'mgr' AND detail LIKE 'user=clerk2 %before_id=%' AND detail NOT LIKE '%before_id=0 %'")
[ "$pages" -ge 1 ] || fail "paging down did not read older pages by id ($pages)"

# one row whole: a failed login's reason and counts in words
printf 'wrong-password\n' >"$TMP/bad.pw"
chmod 600 "$TMP/bad.pw"
"$MEIBO" --user clerk1 --password-file "$TMP/bad.pw" search x >/dev/null 2>&1 || true
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
L
u
:type clerk1
<Enter>
<Enter>
:save-display $TMP/row
q
:save-display $TMP/back
S
run_tui
sed -i "s/ $(id -un) *\$/ (Unix user)/" "$TMP/row" # whoever runs the tests
screen row <<'X'
 meibo 会員名簿 | アクセス記録 番号 3043                        管理者 (管理者)
 番号               3043
 日時               2026-11-21 10:00:00
 利用者             clerk1
 端末の利用者       (Unix user)
 接続元（申告）     この端末
 操作               ログイン失敗
 会員               -
 内容               理由：パスワードの誤り　失敗回数：1　待機秒：0　次の待機
                    秒：0













q/Enter:一覧へ戻る
X
grep -q 'アクセス記録（取扱規程第23条）' "$TMP/back" || fail "q does not go back to the list"
