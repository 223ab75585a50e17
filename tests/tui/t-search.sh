# Incremental search in the member browser: a one-character kanji (林: 林 and 小林, and the
# facility 架空林業病院), a two-character one typed as 高橋 that finds the member registered as
# 髙橋 (variant kanji folded, docs/ARCHITECTURE.md "Text"), a reading in hiragana, romaji; the status
# filter; the search the clerk settles on is written to the access log (取扱規程 第23条).
. "$TOP/tests/tui-lib.sh"
tui_setup
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
/林
:save-display $TMP/one
<C-U>高橋
:save-display $TMP/two
<C-U>たなか
:save-display $TMP/hiragana
<C-U>watanabe<Enter>
:save-display $TMP/romaji
<Esc>s
:save-display $TMP/active
sssb
:save-display $TMP/branches
<Down><Down><Enter>
:save-display $TMP/branch
pp
:save-display $TMP/non-specialists
S
run_tui
screen one <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索 林                          全て 全支部 専門医:全て                   2件
 会員番号  氏名           フリガナ         所属施設              支部       状態
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          関東甲信越 在籍
 10000204  小林 真理      コバヤシ マリ    架空林業病院          東海       在籍


















入力で絞り込み  Enter/↓:一覧へ  Esc:検索を消す
X
screen two <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索 高橋                        全て 全支部 専門医:全て                   2件
 会員番号  氏名           フリガナ         所属施設              支部       状態
 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          関東甲信越 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          近畿       在籍


















入力で絞り込み  Enter/↓:一覧へ  Esc:検索を消す
X
screen hiragana <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索 たなか                      全て 全支部 専門医:全て                   1件
 会員番号  氏名           フリガナ         所属施設              支部       状態
 10000206  田中 誠        タナカ マコト    架空博多病院          九州       在籍



















入力で絞り込み  Enter/↓:一覧へ  Esc:検索を消す
X
screen romaji <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索 watanabe                    全て 全支部 専門医:全て                   1件
 会員番号  氏名           フリガナ         所属施設              支部       状態
>10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         中国・四国 在籍



















/:検索 Enter:詳細 s,b:絞込 a:追加 i:照会 A:承認 P:誓約書 R:請求 ?:ヘルプ Q:終了
X
screen active <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             在籍 全支部 専門医:全て                   6件
 会員番号  氏名           フリガナ         所属施設              支部       状態
>10000204  小林 真理      コバヤシ マリ    架空林業病院          東海       在籍
 10000201  高橋 一郎      タカハシ イチロ… 架空中央病院          関東甲信越 在籍
 10000202  髙橋 花子      タカハシ ハナコ  架空市民病院          近畿       在籍
 10000206  田中 誠        タナカ マコト    架空博多病院          九州       在籍
 10000203  林 大輔        ハヤシ ダイスケ  架空大学病院          関東甲信越 在籍
 10000207  渡邊 明美      ワタナベ アケミ  架空岡山病院①         中国・四国 在籍














/:検索 Enter:詳細 s,b:絞込 a:追加 i:照会 A:承認 P:誓約書 R:請求 ?:ヘルプ Q:終了
X
screen branches <<'X'
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




                    支部を選んでください
                    ────────────────────────────────────────
                    > 全支部
                      中国・四国
                      九州
                      北海道・東北
                      東海
                      近畿
                      関東甲信越

X
screen_like branch romaji <<'X'
2  検索                             全て 九州 専門医:全て                     1件
4 >10000206  田中 誠        タナカ マコト    架空博多病院          九州       在籍
X
screen_like non-specialists branch <<'X'
2  検索                             全て 九州 専門医以外                      1件
X
# typing is not logged key by key; the settled search is, once, and the list shown on opening
# (with the members each showed, 取扱規程 第35条)
[ "$(audit_count search clerk1)" -eq 2 ] || fail "the settled search and the first list are not logged once each"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'search' AND detail LIKE 'query=watanabe %members=%'")" -eq 1 ] ||
    fail "the settled search is not logged once with its members"
