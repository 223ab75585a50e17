# The export screen (取扱規程 第4–6条; 規程 第16条): X from the member list; a clerk requests the
# officers' sheet for a branch with its pledge, F5 previews the counts and who is left out and
# why (第20条第5項), Ctrl-S records the request, r prints it (the outbox, no approval needed
# for paper, 取扱規程 第6条); an electronic request waits for the chief officer, and a clerk's
# approval is refused before its reason is asked for (第16条; issue 14).
. "$TOP/tests/tui-lib.sh"
tui_setup
printf 'society_name = 日本架空学会\nsecretariat_contact = 東京都千代田区 | 03-0000-0000\n' > "$TMP/meibo.conf"
export MEIBO_CONFIG="$TMP/meibo.conf"
recipient 東海支部 branch >/dev/null       # the register (規程 第20条第3–4項)
permit officers 東海支部                   # paper sheets under the chief's permission (規程 第16条)
as mgr pledge add --recipient 東海支部 --signatory 山田花子 --received 2026-11-01 \
    --media paper,electronic --purposes society_business --items d,e,f --valid-until 2027-10-31 \
    --document 誓-2026-201 >/dev/null
as clerk1 export request --purpose officers --recipient 東海支部 --pledge 1 --media electronic >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
X
:save-display $TMP/list
a
:save-display $TMP/refused
n
<Right><Right>
<Tab>
:type 東海支部
<Tab>
:type 1
<F5>
:save-display $TMP/preview
<C-S>
:save-display $TMP/requested
r
y
:save-display $TMP/printed
S
run_tui
sed -i "s#$TMP#TMP#" "$TMP/printed"
screen list <<'X'
 meibo 会員名簿 | 名簿の出力（取扱規程第4〜6条・規程第16条）  従事者一 (従事者)
 番号 状態             目的               媒体           件数  提供先
>   1 承認待ち         役員・委員会の業務 電子媒体          6  東海支部








────────────────────────────────────────────────────────────────────────────────
 出力番号 1  承認待ち・依頼 clerk1 2026-11-21 10:00:00
 提供先：東海支部（本会の支部 取扱規程 第4条）
 出力の目的：役員・委員会の業務（第20条第1項(d)(e)(f)）　第20条第1項：役員・委
 員会の業務
 列：氏名、フリガナ、英字氏名、生年月日、所属施設名、施設郵便番号、施設住所、郵
 便番号、自宅住所、メールアドレス、支部（第20条第1項 d/e/f）
 条件：状態：在籍
 出力 6名　除外：在籍以外 1、第三者提供停止 0、同意なし 0
 誓約書 誓-2026-201（番号 1）　媒体（取扱規程第5・6条）：電子媒体


n:依頼 a:承認 d:不承認（総責任者） r:出力 ↑↓:移動 q:戻る
X
screen_like refused list <<'X'
24 個人情報総責任者だけが行えます
X
screen preview <<'X'
 meibo 会員名簿 | 名簿の出力の依頼                            従事者一 (従事者)
 出力の目的                役員・委員会の業務（第20条第1項(d)(e)(f)）
 提供先                    東海支部
 誓約書（番号）            1
 媒体（取扱規程第5・6条）  紙
 支部
 専門医                    専門医:全て
 入会日（から）
 入会日（まで）
────────────────────────────────────────────────────────────────────────────────
 出力 6名  除外: 在籍以外 1, 第三者提供停止 0, 同意なし 0
 誓約書（番号） 誓-2026-201
 総責任者の常時の許可あり（規程第16条）
 出力する会員（6名）:
   10000201 高橋　一郎
   10000202 髙橋　花子
   10000203 林　大輔
   10000204 小林　真理
   10000206 田中　誠
   10000207 渡邊　明美
 除外:
   10000205 森　健  在籍以外（第20条第1項(d)(e)(f)）

Tab/↑↓:項目 ←→:選択 F5:プレビュー Ctrl-S:依頼 Esc:戻る
X
screen requested <<'X'
 meibo 会員名簿 | 名簿の出力（取扱規程第4〜6条・規程第16条）  従事者一 (従事者)
 番号 状態             目的               媒体           件数  提供先
>   2 承認済み・未出力 役員・委員会の業務 紙                6  東海支部
    1 承認待ち         役員・委員会の業務 電子媒体          6  東海支部







────────────────────────────────────────────────────────────────────────────────
 出力番号 2  承認済み・未出力・依頼 clerk1 2026-11-21 10:00:00
 提供先：東海支部（本会の支部 取扱規程 第4条）
 出力の目的：役員・委員会の業務（第20条第1項(d)(e)(f)）　第20条第1項：役員・委
 員会の業務
 列：氏名、フリガナ、英字氏名、生年月日、所属施設名、施設郵便番号、施設住所、郵
 便番号、自宅住所、メールアドレス、支部（第20条第1項 d/e/f）
 条件：状態：在籍
 出力 6名　除外：在籍以外 1、第三者提供停止 0、同意なし 0
 誓約書 誓-2026-201（番号 1）　媒体（取扱規程第5・6条）：紙


出力を依頼しました: 番号 2: 6名, 総責任者の常時の許可あり（規程第16条）
X
screen printed <<'X'
 meibo 会員名簿 | 名簿の出力（取扱規程第4〜6条・規程第16条）  従事者一 (従事者)
 番号 状態             目的               媒体           件数  提供先
>   2 出力済み         役員・委員会の業務 紙                6  東海支部
    1 承認待ち         役員・委員会の業務 電子媒体          6  東海支部







────────────────────────────────────────────────────────────────────────────────
 出力番号 2  出力済み・依頼 clerk1 2026-11-21 10:00:00
 提供先：東海支部（本会の支部 取扱規程 第4条）
 出力の目的：役員・委員会の業務（第20条第1項(d)(e)(f)）　第20条第1項：役員・委
 員会の業務
 列：氏名、フリガナ、英字氏名、生年月日、所属施設名、施設郵便番号、施設住所、郵
 便番号、自宅住所、メールアドレス、支部（第20条第1項 d/e/f）
 条件：状態：在籍
 出力 6名　除外：在籍以外 1、第三者提供停止 0、同意なし 0
 誓約書 誓-2026-201（番号 1）　媒体（取扱規程第5・6条）：紙


出力番号 2: 6名 outbox TMP/outbox/export-2-sheet.pdf
X
[ -f "$TMP/outbox/export-2-sheet.pdf" ] && [ -f "$TMP/outbox/export-2-cover.pdf" ] ||
    fail "the paper export was not printed into the outbox"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM provisions WHERE export_id = 2")" -eq 6 ] ||
    fail "one provision per member on the sheet"
[ "$(sqlite3 "$MEIBO_DB" "SELECT status FROM exports WHERE id = 1")" = pending ] ||
    fail "a clerk's approval went through"

# A pledge number that is not one ("1x") is refused on the form, naming the field, and nothing
# is recorded (it was read as pledge 1 before; 取扱規程 第4条: the pledge the sheet goes under).
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
X
n
<Right><Right>
<Tab>
:type 東海支部
<Tab>
:type 1x
<F5>
:save-display $TMP/badpledge
<C-S>
:save-display $TMP/badpledge2
S
run_tui
for f in badpledge badpledge2; do
    tail -n 1 "$TMP/$f" | grep -q '誓約書は番号（数字）で入力してください' ||
        fail "$f: no message that the pledge is a number: $(tail -n 1 "$TMP/$f")"
done
grep -q '^ 出力 ' "$TMP/badpledge" && fail "a preview was made with the pledge '1x'"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM exports")" -eq 2 ] ||
    fail "an export was recorded with the pledge '1x'"

# issue 14: what the role or the state does not allow is refused before anything is asked: r
# on an export still waiting for the chief officer, c on a request not yet decided
as clerk1 request add --kind disclosure --member 10000201 --identity passport --received 2026-11-01 >/dev/null
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
X
r
:save-display $TMP/not-ready
S
run_tui
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
<Down>R
c
:save-display $TMP/not-decided
S
run_tui
grep -q "承認された提供だけを実行できます（規程 第16条）" "$TMP/not-ready" || fail "r on a pending export: $(tail -n 1 "$TMP/not-ready")"
grep -q "決定済みの請求だけを完了にできます" "$TMP/not-decided" || fail "c on an undecided request: $(tail -n 1 "$TMP/not-decided")"

# issue 14: approving shows what is approved (規程 第16条): the recipient and its category,
# the purpose with its 第20条第1項 purposes, the columns and items, the filters, the member
# count, the pledge and the medium, above the question
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
X
<Down>
a
:save-display $TMP/chief-approves
<Esc>
S
run_tui
screen chief-approves <<'X'
 meibo | 名簿の出力（取扱規程第4〜6条・規程第16条）         事務局長 (総責任者)
 番号 状態             目的               媒体           件数  提供先
    2 出力済み         役員・委員会の業務 紙                6  東海支部
>   1 承認待ち         役員・委員会の業務 電子媒体          6  東海支部







────────────────────────────────────────────────────────────────────────────────
 出力番号 1  承認待ち・依頼 clerk1 2026-11-21 10:00:00
 提供先：東海支部（本会の支部 取扱規程 第4条）
 出力の目的：役員・委員会の業務（第20条第1項(d)(e)(f)）　第20条第1項：役員・委
 員会の業務
 列：氏名、フリガナ、英字氏名、生年月日、所属施設名、施設郵便番号、施設住所、郵
 便番号、自宅住所、メールアドレス、支部（第20条第1項 d/e/f）
 条件：状態：在籍
 出力 6名　除外：在籍以外 1、第三者提供停止 0、同意なし 0
 誓約書 誓-2026-201（番号 1）　媒体（取扱規程第5・6条）：電子媒体
────────────────────────────────────────────────────────────────────────────────
承認のコメント:

X
