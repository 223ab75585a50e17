# Log in (取扱規程 第33条: one ID per person): the login screen, a wrong password, five
# failures that earn a delay but never a lock (auth.c; issue 12 §4: the right password then
# works, after the wait the screen announces), then a good login reaches the member browser;
# in English with --lang en.
. "$TOP/tests/tui-lib.sh"
tui_setup
{
    echo ":save-display $TMP/login"
    echo "clerk1<Tab>wrong-password<Enter>"
    echo ":save-display $TMP/wrong"
    for i in 2 3 4 5; do echo "wrong-password<Enter>"; done
    # the sixth try, with the right password, waits its delay and gets in
    echo ":type $(cat "$TMP/clerk1.pw")"
    echo "<Enter>"
    echo ":save-display $TMP/waited"
} >"$TMP/script"
run_tui
screen login <<'X'
 meibo 会員名簿 | ログイン


    自分の利用者IDでログインしてください（取扱規程第33条）。

    利用者ID

    パスワード















Enter:次へ・ログイン  Tab:項目移動  Esc:終了
X
screen_like wrong login <<'X'
6     利用者ID      clerk1
24 利用者IDまたはパスワードが違います
X
grep -q '会員一覧\|検索' "$TMP/waited" || { cat "$TMP/waited"; fail "the right password after five failures did not get in"; }
[ "$(audit_count login_failed clerk1)" -eq 5 ] || fail "five failed logins not logged"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'login' AND user_login = 'clerk1' AND detail LIKE '%waited=%'")" -eq 1 ] ||
    fail "the login after the failures did not record its wait"

# a good login as the manager shows the browser with every member, in reading order
login mgr >"$TMP/script"
echo ":save-display $TMP/browser" >>"$TMP/script"
run_tui
screen_like browser member-list.txt <<'X'
1  meibo 会員名簿 | 会員一覧                                      管理者 (管理者)
X

# English (--lang en)
login mgr >"$TMP/script"
echo ":save-display $TMP/english" >>"$TMP/script"
run_tui --lang en
screen english <<'X'
 meibo Member registry | Members                               管理者 (manager)
 Search                             all all branches specialist: any    7 found
 Member no Name           Reading          Facility         Branch     Status
>10000204  小林 真理      コバヤシ マリ    架空林業病院     東海       active
 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院     関東甲信越 active
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院     近畿       active
 10000206  田中 誠        タナカ マコト    架空博多病院     九州       active
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院     関東甲信越 active
 10000205  森 健          モリ ケン        架空森病院       北海道・…  withdrawn
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①    中国・四国 active













/:search s,b:filter a:add i:inquiry A:holds P:pledges R:rights ?:help Q:quit
X

# LANG=C (no Japanese locale): meibo switches to C.UTF-8 and still shows Japanese; the
# same screen under TERM=vt100 (no colour), screen and tmux, and with NO_COLOR
for env in "LANG=C LC_ALL=C" "TERM=vt100" "TERM=screen" "TERM=tmux-256color" "NO_COLOR=1"; do
    login mgr >"$TMP/script"
    echo ":save-display $TMP/env" >>"$TMP/script"
    env $env MEIBO_SCRIPT="$TMP/script" timeout 60 "$MEIBO" </dev/null >"$TMP/tui.out" 2>"$TMP/tui.err" ||
        { cat "$TMP/tui.err"; fail "meibo failed under $env"; }
    cmp -s "$TMP/env" "$TMP/browser" || { diff "$TMP/browser" "$TMP/env"; fail "screen differs under $env"; }
done
