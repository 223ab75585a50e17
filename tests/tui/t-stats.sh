# Statistics on screen (統計情報: rules 000 §7 "個人を特定できないよう加工した統計データ"; 002):
# S in the member list opens the table of member counts; r chooses the rows' dimension, c the
# columns' (or none), d the date; the first column stays while the others scroll (←→) and the
# rows scroll (↑↓); small cells are "<5", their complements "X", and the rule is stated under
# the table on every screen. Each count is in the access log as the CLI's run is (stats.table,
# 取扱規程 第35条), naming no member; a wrong date is refused and the table stays.
. "$TOP/tests/tui-lib.sh"
setup
as kanri demo --members 3000 --seed 3 >/dev/null
as clerk1 member add member_no=29999999 family_name=離島 given_name=一人 family_kana=リトウ \
    given_kana=ヒトリ joined_on=2020-04-01 birth_date=1980-05-05 branch=離島 >/dev/null
# a provision of anonymised data, published in the ledger (個人情報保護法 第43条第3項, 第44条)
letter_setup
LAB=$(recipient 研究班 academic)
as kanri stats anonymise --recipient "$LAB" --out "$TMP/anon.csv" --cover "$TMP/cover.pdf" >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<EOS
S
:save-display $TMP/branch
c
<Down><Down><Down><Down><Down>
:save-display $TMP/choose
<Enter>
:save-display $TMP/age
<Right><Right>
:save-display $TMP/right
<Right>
:save-display $TMP/right2
r
<Down><Down><Down>
<Enter>
:save-display $TMP/joined
<PgDown>
:save-display $TMP/down
d
<C-U>
:type 2023-02-29
<Enter>
:save-display $TMP/baddate
d
<C-U>
:type 2010-04-01
<Enter>
:save-display $TMP/dated
p
:save-display $TMP/printed
?
:save-display $TMP/help
q
q
:save-display $TMP/back
T
$(i=0; while [ $i -lt 40 ]; do echo '<PgDown>'; i=$((i + 1)); done)
:save-display $TMP/ledger-end
EOS
run_tui
# each count is in the access log with its table, and names no member (取扱規程 第35条)
[ "$(audit_count stats.table clerk1)" -eq 4 ] || fail "stats.table rows: $(audit_count stats.table clerk1)"
sqlite3 "$MEIBO_DB" "SELECT coalesce(member_no, '') || '|' || detail FROM audit_log WHERE action = 'stats.table' ORDER BY id" >"$TMP/audit"
has_word "$TMP/audit" "|by=branch as_of=2026-11-21 threshold=5"
has_word "$TMP/audit" "|by=branch,age_band as_of=2026-11-21"
has_word "$TMP/audit" "|by=joined_year,age_band as_of=2026-11-21"
has_word "$TMP/audit" "|by=joined_year,age_band as_of=2010-04-01"
# p prints the table and its bar chart (the annual report's page) to the outbox, audited
grep -q "outbox/stats-joined_year-age_band-2010-04-01.pdf" "$TMP/printed" || fail "printed: $(tail -1 "$TMP/printed")"
[ "$(pdfinfo "$TMP/outbox/stats-joined_year-age_band-2010-04-01.pdf" | awk '/^Pages:/ { print $2 }')" -ge 2 ] || fail "the table and its chart"
pdftotext "$TMP/outbox/stats-joined_year-age_band-2010-04-01.pdf" - | grep -q "入会年別の会員数（各行の計）" || fail "the chart's title"
[ "$(audit_count stats.print clerk1)" -eq 1 ] || fail "the printed table is not in the access log"
# the ledger's last page publishes the provision: items, method, medium
has "$TMP/ledger-end" "匿名加工情報の作成・提供（個人情報保護法第43条第3項・第44条による公表）"
has_word "$TMP/ledger-end" "1．2026-11-21"
has "$TMP/ledger-end" "研究班"
has "$TMP/ledger-end" "項目：生年月日（加工後）"
has "$TMP/ledger-end" "提供の方法：電子ファイル（CSV形式"
screen branch <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 支部　列: なし　基準日: 2026-11-21
 会員数（2026-11-21 現在、在籍会員）: 支部
 支部        会員数
 中国・四国     312
 九州           326
 北海道         160
 北陸             X
 東北           199
 東海           328
 近畿           472
 関東甲信越     996
 離島            <5
 計            2876






 注: 5未満の欄は「<5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」
 （補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データを含まな
 い（個人情報保護規程 第20条の照会・提供に当たらない）。
r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る
X
screen choose <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 支部　列: なし　基準日: 2026-11-21
 会員数（2026-11-21 現在、在籍会員）: 支部
 支部        会員数
 中国・四国     312
 九州           326
 北海道         160
 北陸             X
 東北           199
 東海           328
 近畿           472
 関東甲信越     996
 離島            <5
 計            2876
                    列にする項目
                    ────────────────────────────────────────
                      なし
                      支部
                      状態
                      専門医
 注: 5未満の欄は「<5  入会年                                う秘匿した欄は「X」
 （補完秘匿）。個人 > 年齢層                                 個人データを含まな
 い（個人情報保護規   都道府県

X
screen age <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 支部　列: 年齢層　基準日: 2026-11-21                     行1–10/10 列1–6/8
 会員数（2026-11-21 現在、在籍会員）: 支部 × 年齢層
 支部        29歳以下  30〜39歳  40〜49歳  50〜59歳  60〜69歳  70〜79歳
 中国・四国        18        49        58        52        40        57
 九州              18        49        55        46        61        52
 北海道            10        31        33        30        18        21
 北陸               X         X         X         X         X         X
 東北              16        35        31        33        36        32
 東海              18        45        60        61        47        58
 近畿              31        72        83        94        74        70
 関東甲信越        68       178       177       160       140       161
 離島              <5        <5        <5        <5        <5        <5
 計               185       469       508       489       440       461






 注: 5未満の欄は「<5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」
 （補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データを含まな
 い（個人情報保護規程 第20条の照会・提供に当たらない）。
r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る
X
screen right <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 支部　列: 年齢層　基準日: 2026-11-21                     行1–10/10 列2–8/8
 会員数（2026-11-21 現在、在籍会員）: 支部 × 年齢層
 支部        30〜39歳  40〜49歳  50〜59歳  60〜69歳  70〜79歳  80歳以上    計
 中国・四国        49        58        52        40        57        38   312
 九州              49        55        46        61        52        45   326
 北海道            31        33        30        18        21        17   160
 北陸               X         X         X         X         X         X     X
 東北              35        31        33        36        32        16   199
 東海              45        60        61        47        58        39   328
 近畿              72        83        94        74        70        48   472
 関東甲信越       178       177       160       140       161       112   996
 離島              <5        <5        <5        <5        <5        <5    <5
 計               469       508       489       440       461       324  2876






 注: 5未満の欄は「<5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」
 （補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データを含まな
 い（個人情報保護規程 第20条の照会・提供に当たらない）。
r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る
X
screen_like right2 right <<'X'
X
screen joined <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 入会年　列: 年齢層　基準日: 2026-11-21                   行1–16/53 列1–7/8
 会員数（2026-11-21 現在、在籍会員）: 入会年 × 年齢層
 入会年  29歳以下  30〜39歳  40〜49歳  50〜59歳  60〜69歳  70〜79歳  80歳以上
 1975年        <5        <5        <5        <5        <5         X        38
 1976年        <5        <5        <5        <5        <5         X        42
 1977年        <5        <5        <5        <5        <5         X        35
 1978年        <5        <5        <5        <5        <5         X        51
 1979年        <5        <5        <5        <5        <5         X        35
 1980年        <5        <5        <5        <5        <5         X        40
 1981年        <5        <5        <5        <5        <5         X         X
 1982年        <5        <5        <5        <5         X        29        28
 1983年        <5        <5        <5        <5         5        31         X
 1984年        <5        <5        <5        <5        11        38         X
 1985年        <5        <5        <5        <5        19        34         X
 1986年        <5        <5        <5        <5         X        32        <5
 1987年        <5        <5        <5        <5         X        28        <5
 1988年        <5        <5        <5        <5         X        22        <5
 1989年        <5        <5        <5        <5         X        29        <5
 1990年        <5        <5        <5        <5         X        19        <5
 注: 5未満の欄は「<5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」
 （補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データを含まな
 い（個人情報保護規程 第20条の照会・提供に当たらない）。
r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る
X
screen down <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 入会年　列: 年齢層　基準日: 2026-11-21                  行16–31/53 列1–7/8
 会員数（2026-11-21 現在、在籍会員）: 入会年 × 年齢層
 入会年  29歳以下  30〜39歳  40〜49歳  50〜59歳  60〜69歳  70〜79歳  80歳以上
 1990年        <5        <5        <5        <5         X        19        <5
 1991年        <5        <5        <5        <5        30         X        <5
 1992年        <5        <5        <5        <5        28         X        <5
 1993年        <5        <5        <5         5        26         X        <5
 1994年        <5        <5        <5         X        34         5        <5
 1995年        <5        <5        <5        10        13        <5        <5
 1996年        <5        <5        <5         X        37        <5        <5
 1997年        <5        <5        <5         X        23        <5        <5
 1998年        <5        <5        <5         X        30        <5        <5
 1999年        <5        <5        <5        23         X        <5        <5
 2000年        <5        <5        <5        27         X        <5        <5
 2001年        <5        <5         6        30         X        <5        <5
 2002年        <5        <5        <5        36         X        <5        <5
 2003年        <5        <5         X        41         X        <5        <5
 2004年        <5        <5        16        20         X        <5        <5
 2005年        <5        <5         8        31        <5        <5        <5
 注: 5未満の欄は「<5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」
 （補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データを含まな
 い（個人情報保護規程 第20条の照会・提供に当たらない）。
r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る
X
screen_like baddate down <<'X'
24 基準日: 「2023-02-29」という日付はありません
X
screen dated <<'X'
 meibo 会員名簿 | 統計情報（会員数の集計表）                  従事者一 (従事者)
 行: 入会年　列: 年齢層　基準日: 2010-04-01                   行1–16/37 列1–7/7
 会員数（2010-04-01 現在、在籍会員）: 入会年 × 年齢層
 入会年  29歳以下  30〜39歳  40〜49歳  50〜59歳  60〜69歳  70〜79歳    計
 1975年        <5        <5        <5        <5        46        <5    51
 1976年        <5        <5        <5         9        48        <5    59
 1977年        <5        <5        <5        <5        48        <5    54
 1978年        <5        <5        <5        11        62        <5    76
 1979年        <5        <5        <5        16        46        <5    63
 1980年        <5        <5        <5         X        57        <5    72
 1981年        <5        <5        <5         X        39        <5    55
 1982年        <5        <5        <5         X        37        <5    65
 1983年        <5        <5        <5         X        28        <5    51
 1984年        <5        <5        <5        35        25        <5    61
 1985年        <5        <5         X        44        11        <5    62
 1986年        <5        <5        <5        33        10        <5    47
 1987年        <5        <5         5         X         X        <5    41
 1988年        <5        <5         X        27        <5        <5    43
 1989年        <5        <5         X        35         5        <5    51
 1990年        <5        <5         X        23        <5        <5    34
 注: 5未満の欄は「<5」、それが他の欄・合計から逆算されないよう秘匿した欄は「X」
 （補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データを含まな
 い（個人情報保護規程 第20条の照会・提供に当たらない）。
r:行 c:列 d:基準日 p:印刷 ←→↑↓:移動 q:戻る
X
screen help <<'X'
 meibo 会員名簿 | ヘルプ: 統計情報（会員数の集計表）          従事者一 (従事者)
  p <F6>                   表と棒グラフを印刷（プリンタか outbox）
  r                        行にする項目を選ぶ
  c                        列にする項目を選ぶ（なしも可）
  d                        基準日を入力
  <Left> h                 左の列へ
  <Right> l                右の列へ
  ────────────────────────────────────────────────────────────────────────────
  <Up> k                   1行上へ
  <Down> j                 1行下へ
  <PgUp> <C-B>             前のページ
  <PgDown> <C-F> <Space>   次のページ
  <Home> g                 先頭へ
  <Enter> <KEnter>         開く・決定
  q <Esc>                  戻る・取消（会員一覧では終了するか尋ねる）
  Q                        終了（尋ねずに）
  ? <F1>                   ヘルプ
  <C-L>                    画面を再描画
  <F12> <C-X>              画面をロック（取扱規程第30条）




q:戻る
X
screen back <<'X'
 meibo 会員名簿 | 会員一覧                                    従事者一 (従事者)
 検索                             全て 全支部 専門医:全て               3,001件
 会員番号  氏名           フリガナ         所属施設              支部       状態
>20000842  青木 愛        アオキ アイ      市立明石病院          近畿       在籍
 20001307  青木 和也      アオキ カズヤ    千代田中央大学医学部… 関東甲信越 在籍
 20000878  青木 茂        アオキ シゲル    医療法人誠和会 つく…  関東甲信越 在籍
 20002317  青木 慎一郎    アオキ シンイチ… 医療法人恵風会 菊地…  関東甲信越 在籍
 20000565  青木 順子      アオキ ジュンコ  都立武蔵野中央病院    関東甲信越 在籍
 20001553  青木 進        アオキ ススム    神戸中央大学医学部附… 近畿       在籍
 20001802  青木 隆        アオキ タカシ    医療法人緑樹会 苫小…  北海道     在籍
 20001724  青木 孝之      アオキ タカユキ  那覇中央大学医学部附… 九州       在籍
 20000752  青木 達也      アオキ タツヤ    松江中央大学医学部附… 中国・四国 在籍
 20000273  青木 徹        アオキ トオル    医療法人光陽会 大阪…  近畿       退会
 20002840  青木 智子      アオキ トモコ    松山中央大学医学部附… 中国・四国 在籍
 20002541  青木 智之      アオキ トモユキ  医療法人社団恵風会 …  東北       在籍
 20000212  青木 弘        アオキ ヒロシ    太田循環器内科クリニ… 近畿       在籍
 20000782  青木 博        アオキ ヒロシ    医療法人寿光会 寿光…  関東甲信越 退会
 20001232  青木 博之      アオキ ヒロユキ  森記念病院            関東甲信越 在籍
 20002415  青木 裕之      アオキ ヒロユキ  医療法人寿光会 岐阜…  東海       在籍
 20000167  青木 誠        アオキ マコト    田中循環器内科クリニ… 九州       在籍
 20000573  青木 正樹      アオキ マサキ    大阪学院医科大学附属… 近畿       在籍
 20002849  青木 勝        アオキ マサル    橋本記念病院          中国・四国 在籍
 20000772  青木 美香      アオキ ミカ      国立病院機構 広島医…  中国・四国 在籍
/:検索 Enter:詳細 s,b:絞込 a:追加 i:照会 A:承認 P:誓約書 R:請求 ?:ヘルプ Q:終了
X
sed -i "s|$TMP|/tmp/meibo-tui.XXXXXX|g" "$TMP/printed"
screen_like printed dated <<'X'
23 outbox に保存しました:
24 /tmp/meibo-tui.XXXXXX/outbox/stats-joined_year-age_band-2010-04-01.pdf
X
