# The staff accounts screen (U) for the chief officer and the manager: add an ID (取扱規程
# 第27条 pledge, 第33条 one ID each), clear an ID's failed logins and so its delay (第33条: a
# delay, never a lock), set a new password, approve a fixed-term ID (第33条 但し書, the chief
# officer only), record the term end and disable an ID (第34条). Refusals by role come before
# anything is asked; every change is in the access log.
. "$TOP/tests/tui-lib.sh"
tui_setup
printf 'wrong-password\n' >"$TMP/wrong.pw"
chmod 600 "$TMP/wrong.pw"
for i in 1 2 3 4; do "$MEIBO" --user clerk1 --password-file "$TMP/wrong.pw" search x >/dev/null 2>&1 || true; done

# the chief: the register with clerk1's logins waiting; u clears them
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
U
:save-display $TMP/list
u
:save-display $TMP/unlocked
n
:type temp1
<Tab>
:type 派遣 一郎
<Tab><Tab>
:type pass-temp1-2026
<Tab>
:type pass-temp1-2026
<Tab><Tab>
:type 誓約-2026-9
<Tab><Right><Tab>
:type 2027-03-31
:save-display $TMP/form
<C-S>
:save-display $TMP/added
<Down><Down><Down>
a
:save-display $TMP/approve-q
y
t<C-U>
:type 2027-02-28
<Enter>
:save-display $TMP/approved
S
run_tui
screen list <<'X'
 meibo | 従事者の管理（取扱規程第27・28・33・34条）         事務局長 (総責任者)
 利用者ID     氏名         権限             状態               雇用期間の終了
>clerk1       従事者一     従事者           ログイン待機中     -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -











────────────────────────────────────────────────────────────────────────────────
 clerk1　従事者一
 権限・状態：従事者・ログイン待機中
 雇用期間の終了日（第34条）：なし
 秘密保持の誓約書（第27条）：2026-04-01
 教育・訓練（第28条）：なし （過去12か月に記録なし）
 ログインの失敗（第33条）：4回（次のログインは待たされます。u で解除）
n:追加 x:無効化 u:待機解除 p:パスワード a:承認 t:終了日 s:誓約書 e:研修 q:戻る
X
screen unlocked <<'X'
 meibo | 従事者の管理（取扱規程第27・28・33・34条）         事務局長 (総責任者)
 利用者ID     氏名         権限             状態               雇用期間の終了
>clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -











────────────────────────────────────────────────────────────────────────────────
 clerk1　従事者一
 権限・状態：従事者・有効
 雇用期間の終了日（第34条）：なし
 秘密保持の誓約書（第27条）：2026-04-01
 教育・訓練（第28条）：なし （過去12か月に記録なし）
 ログインの失敗（第33条）：なし
clerk1 のログイン失敗 4 回の記録を消しました（次のログインは待ちません）
X
screen form <<'X'
 meibo 会員名簿 | 従事者のIDの追加（取扱規程第27・33条）    事務局長 (総責任者)
 利用者ID                  temp1
 氏名                      派遣 一郎
 権限                      従事者
 初期パスワード            ***************
 初期パスワード（確認）    ***************
 誓約書の日付（第27条）    2026-11-21
 誓約書の文書番号          誓約-2026-9
 期間の定め（第33条）      はい
 雇用期間の終了（第34条）  2027-03-31













Tab/↓/Enter:次 ↑:前 ←→:選択 Ctrl-S/F2:追加 Esc:戻る
X
screen_like added unlocked <<'X'
6  temp1        派遣 一郎    従事者           総責任者の承認待ち 2027-03-31
24 IDを追加しました：temp1（総責任者の承認後に使えます。第33条）
X
screen approve-q <<'X'
 meibo | 従事者の管理（取扱規程第27・28・33・34条）         事務局長 (総責任者)
 利用者ID     氏名         権限             状態               雇用期間の終了
 clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
>temp1        派遣 一郎    従事者           総責任者の承認待ち 2027-03-31









────────────────────────────────────────────────────────────────────────────────
 temp1　派遣 一郎
 権限・状態：従事者・総責任者の承認待ち
 雇用期間の終了日（第34条）：2027-03-31
 期間の定めのある従事者（第33条）：総責任者の承認待ち
 秘密保持の誓約書（第27条）：2026-11-21 誓約-2026-9
────────────────────────────────────────────────────────────────────────────────
temp1 のID（期間の定めのある従事者）を承認しますか（第33条） (y/n)

X
screen approved <<'X'
 meibo | 従事者の管理（取扱規程第27・28・33・34条）         事務局長 (総責任者)
 利用者ID     氏名         権限             状態               雇用期間の終了
 clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
>temp1        派遣 一郎    従事者           有効               2027-02-28









────────────────────────────────────────────────────────────────────────────────
 temp1　派遣 一郎
 権限・状態：従事者・有効
 雇用期間の終了日（第34条）：2027-02-28
 期間の定めのある従事者（第33条）：総責任者の承認 kanri 2026-11-21
 秘密保持の誓約書（第27条）：2026-11-21 誓約-2026-9
 教育・訓練（第28条）：なし （過去12か月に記録なし）
 ログインの失敗（第33条）：なし
雇用期間の終了日を記録しました：temp1
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM login_failures WHERE key = 'login:clerk1'")" = 0 ] ||
    fail "u did not clear clerk1's failures"
[ "$(sqlite3 "$MEIBO_DB" "SELECT role || ' ' || fixed_term || ' ' || term_end || ' ' || approved_by || ' ' || pledge_on
  FROM users WHERE login = 'temp1'")" = "clerk 1 2027-02-28 kanri 2026-11-21" ] || fail "temp1 is not as entered"
for a in user.unlock user.approve user.term; do
    [ "$(audit_count $a kanri)" -eq 1 ] || fail "$a is not in the access log"
done
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'user.add' AND user_login = 'kanri'
  AND detail LIKE 'login=temp1 %'")" -eq 1 ] || fail "the new ID is not in the access log"
expect_exit 0 "$MEIBO" --user temp1 --password-file "$(pw temp1)" search 田中

# a clerk does not get the screen (取扱規程 第33条: IDs are the managers' and the chief's)
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
U
:save-display $TMP/clerk
S
run_tui
grep -q '個人情報管理者か総責任者だけが行えます' "$TMP/clerk" || fail "the clerk is not refused in words"

# the manager: a new password for clerk1 (typed twice, masked), then clerk1 disabled; the
# approval is the chief's: refused before anything is asked
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
U
p
:type new-pass-clerk1
:save-display $TMP/password-q
<Enter>
:type new-pass-clerk1
<Enter>
:save-display $TMP/password-set
<Down><Down><Down>
a
:save-display $TMP/mgr-approve
t<C-U>
:type 2020-01-01
<Enter>
:save-display $TMP/term-past
<Up><Up>
x
y
:save-display $TMP/chief-refused
<Up>
x
y
:save-display $TMP/disabled
?
:save-display $TMP/help
S
run_tui
screen password-q <<'X'
 meibo 会員名簿 | 従事者の管理（取扱規程第27・28・33・34条）    管理者 (管理者)
 利用者ID     氏名         権限             状態               雇用期間の終了
>clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
 temp1        派遣 一郎    従事者           有効               2027-02-28










────────────────────────────────────────────────────────────────────────────────
 clerk1　従事者一
 権限・状態：従事者・有効
 雇用期間の終了日（第34条）：なし
 秘密保持の誓約書（第27条）：2026-04-01
────────────────────────────────────────────────────────────────────────────────
新しいパスワード: ***************

X
screen password-set <<'X'
 meibo 会員名簿 | 従事者の管理（取扱規程第27・28・33・34条）    管理者 (管理者)
 利用者ID     氏名         権限             状態               雇用期間の終了
>clerk1       従事者一     従事者           有効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
 temp1        派遣 一郎    従事者           有効               2027-02-28










────────────────────────────────────────────────────────────────────────────────
 clerk1　従事者一
 権限・状態：従事者・有効
 雇用期間の終了日（第34条）：なし
 秘密保持の誓約書（第27条）：2026-04-01
 教育・訓練（第28条）：なし （過去12か月に記録なし）
 ログインの失敗（第33条）：なし
パスワードを設定しました：clerk1
X
screen_like mgr-approve approved <<'X'
1  meibo 会員名簿 | 従事者の管理（取扱規程第27・28・33・34条）    管理者 (管理者)
24 個人情報総責任者だけが行えます
X
screen disabled <<'X'
 meibo 会員名簿 | 従事者の管理（取扱規程第27・28・33・34条）    管理者 (管理者)
 利用者ID     氏名         権限             状態               雇用期間の終了
>clerk1       従事者一     従事者           無効               -
 kanri        事務局長     個人情報総責任者 有効               -
 mgr          管理者       個人情報管理者   有効               -
 temp1        派遣 一郎    従事者           有効               2027-02-28










────────────────────────────────────────────────────────────────────────────────
 clerk1　従事者一
 権限・状態：従事者・無効
 雇用期間の終了日（第34条）：なし
 秘密保持の誓約書（第27条）：2026-04-01
 教育・訓練（第28条）：なし （過去12か月に記録なし）
 ログインの失敗（第33条）：なし
IDを無効にしました：clerk1
X
grep -q 'new-pass' "$TMP/password-q" && fail "the password is shown as typed"
# the core's refusals in words: a term end already past (第34条), a chief's ID by a manager
word_in "$TMP/term-past" '2020-01-01 は過ぎています' || fail "term end: $(tail -n 1 "$TMP/term-past")"
tail -n 1 "$TMP/chief-refused" | grep -q '総責任者のIDは総責任者だけが変更できます' ||
    fail "a chief's ID: $(tail -n 1 "$TMP/chief-refused")"
[ "$(sqlite3 "$MEIBO_DB" "SELECT disabled FROM users WHERE login = 'kanri'")" = 0 ] || fail "the manager disabled the chief"
[ "$(audit_count user.password mgr)" -eq 1 ] || fail "the new password is not logged"
[ "$(sqlite3 "$MEIBO_DB" "SELECT disabled FROM users WHERE login = 'clerk1'")" = 1 ] || fail "x did not disable clerk1"
# the help is the screen's own actions
for w in 'ログイン失敗の待機を解除' '期間の定めのある従事者のIDを承認' '雇用期間の終了日' 'IDを無効にする'; do
    grep -q "$w" "$TMP/help" || fail "the help lacks $w"
done

# the register from the screen (取扱規程 第27条, 第28条): s records mgr's confidentiality pledge
# (its date, then its document), e a training session (its date, today by default, then its
# topic); both by the manager, audited, shown in the detail at once
login mgr >"$TMP/script"
cat >>"$TMP/script" <<S
U
<Down><Down>
s
<C-U>
:type 2026-10-01
<Enter>
:type 誓約-2026-77
<Enter>
:save-display $TMP/pledged
e
<Enter>
:type 個人情報の取扱い研修
<Enter>
:save-display $TMP/trained
e
<C-U>
:type 2099-01-01
<Enter>
:type 未来の研修
<Enter>
:save-display $TMP/train-future
S
run_tui
grep -q '秘密保持の誓約書を記録しました：mgr' "$TMP/pledged" || fail "s: $(tail -n 1 "$TMP/pledged")"
grep -q '秘密保持の誓約書（第27条）：2026-10-01' "$TMP/pledged" || fail "s: the detail does not show the pledge"
[ "$(sqlite3 "$MEIBO_DB" "SELECT pledge_on || ' ' || pledge_document FROM users WHERE login = 'mgr'")" = '2026-10-01 誓約-2026-77' ] ||
    fail "s did not record mgr's pledge"
grep -q '教育・訓練を記録しました：mgr' "$TMP/trained" || fail "e: $(tail -n 1 "$TMP/trained")"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM staff_training t JOIN users u ON u.id = t.user_id WHERE u.login = 'mgr' AND t.topic = '個人情報の取扱い研修'")" = 1 ] ||
    fail "e did not record the training"
[ "$(audit_count user.pledge mgr)" -eq 1 ] || fail "the pledge is not in the access log"
[ "$(audit_count user.training mgr)" -eq 1 ] || fail "the training is not in the access log"
# a training after today is refused, in words, and nothing is recorded
grep -q '教育・訓練を記録しました' "$TMP/train-future" && fail "a future training was recorded"
tail -n 1 "$TMP/train-future" | grep -q '2099-01-01 は今日より後の日付です' ||
    fail "the refusal is not in words: $(tail -n 1 "$TMP/train-future")"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM staff_training WHERE topic = '未来の研修'")" = 0 ] || fail "the future training was stored"
