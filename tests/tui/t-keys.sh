# Keys from a terminal over SSH (issue 14): one stray Esc or q on the member list asks before
# it logs the clerk out (Q quits at once, as the hint line and the help say); escape sequences
# that the terminfo entry lacks are read whole (TERM=vt100: Home, PgDn, F-keys, ctrl-arrows)
# and never become Esc plus typed text; a bare Esc is still 戻る; a half-typed inquiry (a
# telephone call, 規程 第20条) is not lost to one Esc.
. "$TOP/tests/tui-lib.sh"
tui_setup
export TERM=vt100

# --- Esc and q on the home list ask; n keeps meibo; y quits ---
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
<Esc>
:save-display $TMP/ask
n
q
:save-display $TMP/ask-q
<Esc>
:save-display $TMP/kept
?jjjjjjjjjjjj
:save-display $TMP/help
q
<Esc>y
:save-display $TMP/never
S
run_tui
screen ask <<'X'
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











────────────────────────────────────────────────────────────────────────────────
meibo を終了しますか？（次に使う人はログインし直します） (y/n)

X
has "$TMP/ask-q" "meibo を終了しますか？"
hasnt "$TMP/kept" "meibo を終了しますか？"
has "$TMP/kept" "Q:終了"
has "$TMP/help" "q <Esc>                  戻る・取消（会員一覧では終了するか尋ねる）"
has "$TMP/help" "Q                        終了（尋ねずに）"
[ ! -e "$TMP/never" ] || fail "meibo went on after the quit was confirmed"

# --- TERM=vt100 (no Home, End, PgUp, PgDn in its entry): the sequences a terminal or tmux
# sends are keys; unknown ones (ctrl-Up, F13) are dropped whole; a bare Esc is 戻る ---
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
<Down><Down><Down>
:raw \\e[1~
:save-display $TMP/home
:raw \\e[4~
:save-display $TMP/end
:raw \\e[H
:raw \\e[1;5A\\e[25~\\eO5B\\e[1;2D
:save-display $TMP/dropped
:raw \\e[[A
:save-display $TMP/f1-linux
q
:raw \\e[11~
:save-display $TMP/f1
:raw \\e
<Enter>
:raw \\e[6~
:save-display $TMP/detail
:raw \\e
:save-display $TMP/back
:raw \\eOP
:save-display $TMP/f1-ss3
:raw \\e
/
:raw \\e[D\\e[3~\\e[2~x
:save-display $TMP/search
S
run_tui
has_word "$TMP/home" ">10000204"
hasnt "$TMP/end" "終了しますか"
has_word "$TMP/dropped" ">10000204"
has "$TMP/f1-linux" "ヘルプ: 会員一覧"
hasnt "$TMP/dropped" "終了しますか"
hasnt "$TMP/dropped" "[1;5A"
hasnt "$TMP/dropped" "25~"
has "$TMP/f1" "ヘルプ: 会員一覧"
has_word "$TMP/detail" "会員詳細 10000204"
has "$TMP/detail" "変更履歴"
hasnt "$TMP/detail" "基本情報"
hasnt "$TMP/detail" "[6~"
has "$TMP/back" "会員一覧"
hasnt "$TMP/back" "会員詳細"
hasnt "$TMP/back" "[6~"
has "$TMP/f1-ss3" "ヘルプ: 会員一覧"
has "$TMP/search" " 検索 x "

# --- a half-typed inquiry asks before Esc closes it; an untouched one closes at once ---
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
i
:type 山田 太郎
<Esc>
:save-display $TMP/iq-ask
n
:save-display $TMP/iq-kept
<Esc>y
:save-display $TMP/iq-closed
i<Esc>
:save-display $TMP/iq-untouched
S
run_tui
has "$TMP/iq-ask" "照会を記録せずに閉じますか？（入力した内容は消えます） (y/n)"
has "$TMP/iq-kept" "山田 太郎"
hasnt "$TMP/iq-kept" "記録せずに閉じますか"
has "$TMP/iq-closed" "会員一覧"
hasnt "$TMP/iq-closed" "山田"
has "$TMP/iq-untouched" "会員一覧"
hasnt "$TMP/iq-untouched" "閉じますか"
