# The policy tables of 第20条 in the terminal (issue 4: "the chief officer edits them (CLI and
# TUI)"): K in the browser shows the newest version's recipient categories (第20条第3項, 第4項),
# items and purposes with the items each allows (第20条第1項), each with its article; the
# chief officer edits a row, which makes a new policy version through policy_edit() (the call
# of `meibo policy edit`), audited with its note; a clerk sees the tables and the core refuses
# the clerk the edit.
. "$TOP/tests/tui-lib.sh"
tui_setup
J19=jjjjjjjjjjjjjjjjjjj

# 1. a clerk: the tables, the purposes further down, and the edit refused
login clerk1 >"$TMP/script"
cat >>"$TMP/script" <<S
K
:save-display $TMP/tables
$J19
:save-display $TMP/purposes
e
:save-display $TMP/refused
S
run_tui
screen tables <<'X'
 meibo 会員名簿 | 照会の規程表（第20条） 版 1                 従事者一 (従事者)
 初期設定: 第20条 (2022年4月12日理事会承認) による初期値
照会者の区分（第20条第3項・第4項）
  名称           号  提供 法令 誓約書 条項             規程の文言
> 本人           (a) 可   -    -      第20条第3項(a)   本人
  家族・近親者   (b) 可   -    誓約書 第20条第3項(b)   本人の家族又は近親者
  同じ施設の者   (c) 可   -    誓約書 第20条第3項(c)   本人が籍を置く施設に所属…
  本会会員・役…  (d) 可   -    誓約書 第20条第3項(d)   本会会員、役員、委員、会…
  学術団体       (e) 可   -    誓約書 第20条第3項(e)   学術団体(公益法人・特定…
  官公庁・裁判所 (f) 可   法令 誓約書 第20条第3項(f)   日本の官公庁・裁判所
  警察・検察・…  (g) 可   法令 誓約書 第20条第3項(g)   日本の警察・検察・弁護士…
  国の機関等     (h) 可   法令 誓約書 第20条第3項(h)   日本の国の機関(独立行政…
  患者会等       (i) 可   -    誓約書 第20条第3項(i)   患者会その他本会の取り扱…
  営利企業等     (b) 不可 -    -      第20条第4項(b)   営利企業等
  興信所         (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
  報道機関       (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
項目（第20条第1項）
  号  項目名                   条項             規程の文言
  a   会員番号                 第20条第1項(a)   会員番号
  b   循環器専門医番号         第20条第1項(b)   循環器専門医番号
────────────────────────────────────────────────────────────────────────────────
 本人  第20条第3項(a)
 本人
↑↓:行 e:編集（総責任者・新しい版） q:戻る
X
screen purposes <<'X'
 meibo 会員名簿 | 照会の規程表（第20条） 版 1                 従事者一 (従事者)
 初期設定: 第20条 (2022年4月12日理事会承認) による初期値
  警察・検察・…  (g) 可   法令 誓約書 第20条第3項(g)   日本の警察・検察・弁護士…
  国の機関等     (h) 可   法令 誓約書 第20条第3項(h)   日本の国の機関(独立行政…
  患者会等       (i) 可   -    誓約書 第20条第3項(i)   患者会その他本会の取り扱…
  営利企業等     (b) 不可 -    -      第20条第4項(b)   営利企業等
  興信所         (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
  報道機関       (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
項目（第20条第1項）
  号  項目名                   条項             規程の文言
  a   会員番号                 第20条第1項(a)   会員番号
  b   循環器専門医番号         第20条第1項(b)   循環器専門医番号
  c   入会年月日               第20条第1項(c)   本会への入会年月日
  d   所属施設名・住所         第20条第1項(d)   会員の所属施設名および住所
  e   氏名・生年月日・自宅住所 第20条第1項(e)   会員の氏名および生年月日ならび…
  f   メールアドレス           第20条第1項(f)   会員のメールアドレス
利用目的と提供できる項目（第20条第1項）
  名称                   区分  項目    条項                 規程の文言
  演題登録等の本会事業   内部  a       第20条第1項(a)       年次学術集会演題登…
> 在籍確認               外部  a       第20条第1項(a)       在籍確認等で他団体…
────────────────────────────────────────────────────────────────────────────────
 在籍確認  第20条第1項(a)
 在籍確認等で他団体から求められる場合
↑↓:行 e:編集（総責任者・新しい版） q:戻る
X
screen_like refused purposes <<'X'
24 総責任者だけが行えます（規程表の変更・照会者の拒否リスト）
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT max(version) FROM policy_versions")" -eq 1 ] || fail "a clerk made a version"

# 2. the chief officer: 在籍確認 (enrollment_check) may also give the joining date (item c);
# a save without a note is refused with the field named, then saved with one
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
K$J19
e
:save-display $TMP/form
<C-U>a,c<C-S>
:save-display $TMP/no-note
:type 理事会承認（2026年11月）: 在籍確認に入会年月日を追加
<C-S>
:save-display $TMP/saved
S
run_tui
screen form <<'X'
 meibo 会員名簿 | 規程表の編集: 利用目的「在籍確認」        事務局長 (総責任者)
 提供できる項目（a〜f）    a
 条項                      第20条第1項(a)
 規程の文言                在籍確認等で他団体から求められる場合
 変更の理由（必須・記録）
















────────────────────────────────────────────────────────────────────────────────
 a 会員番号 b 専門医番号 c 入会年月日 d 所属施設 e 氏名・生年月日・住所 f メー…
Tab/↓/Enter:次 ↑:前 F3:秘匿項目を表示 Ctrl-S/F2:保存 Esc:戻る
X
screen no-note <<'X'
 meibo 会員名簿 | 規程表の編集: 利用目的「在籍確認」        事務局長 (総責任者)
 提供できる項目（a〜f）    a,c
 条項                      第20条第1項(a)
 規程の文言                在籍確認等で他団体から求められる場合
 変更の理由（必須・記録）
















────────────────────────────────────────────────────────────────────────────────
 例: 理事会承認（2026年11月）による改正
変更の理由（必須・記録）: 入力してください
X
screen saved <<'X'
 meibo 会員名簿 | 照会の規程表（第20条） 版 2               事務局長 (総責任者)
 kanri: 理事会承認（2026年11月）: 在籍確認に入会年月日を追加
  警察・検察・…  (g) 可   法令 誓約書 第20条第3項(g)   日本の警察・検察・弁護士…
  国の機関等     (h) 可   法令 誓約書 第20条第3項(h)   日本の国の機関(独立行政…
  患者会等       (i) 可   -    誓約書 第20条第3項(i)   患者会その他本会の取り扱…
  営利企業等     (b) 不可 -    -      第20条第4項(b)   営利企業等
  興信所         (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
  報道機関       (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
項目（第20条第1項）
  号  項目名                   条項             規程の文言
  a   会員番号                 第20条第1項(a)   会員番号
  b   循環器専門医番号         第20条第1項(b)   循環器専門医番号
  c   入会年月日               第20条第1項(c)   本会への入会年月日
  d   所属施設名・住所         第20条第1項(d)   会員の所属施設名および住所
  e   氏名・生年月日・自宅住所 第20条第1項(e)   会員の氏名および生年月日ならび…
  f   メールアドレス           第20条第1項(f)   会員のメールアドレス
利用目的と提供できる項目（第20条第1項）
  名称                   区分  項目    条項                 規程の文言
  演題登録等の本会事業   内部  a       第20条第1項(a)       年次学術集会演題登…
> 在籍確認               外部  a,c     第20条第1項(a)       在籍確認等で他団体…
────────────────────────────────────────────────────────────────────────────────
 在籍確認  第20条第1項(a)
 在籍確認等で他団体から求められる場合
規程表の版 2 を施行しました（記録済み）
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT group_concat(item, '') FROM (SELECT item FROM policy_purpose_items WHERE version = 2 AND purpose = 'enrollment_check' ORDER BY item)")" = ac ] ||
    fail "version 2 does not allow item c for enrollment_check"
[ "$(sqlite3 "$MEIBO_DB" "SELECT group_concat(item, '') FROM policy_purpose_items WHERE version = 1 AND purpose = 'enrollment_check'")" = a ] ||
    fail "version 1 changed"
[ "$(sqlite3 "$MEIBO_DB" "SELECT count(*) FROM audit_log WHERE action = 'policy.edit' AND user_login = 'kanri' AND detail LIKE '%items=a->a,c%'")" -eq 1 ] ||
    fail "the edit is not in the access log"
expect_exit 0 as clerk1 policy show --json
has_word "$TMP/out" '"version":2'
has "$TMP/out" '"code":"enrollment_check","scope":"external","items":"a,c"'

# 3. a category's flags are choices: 学術団体 (e) no longer needs a pledge (取扱規程 第6条)
login kanri >"$TMP/script"
cat >>"$TMP/script" <<S
Kjjjj
e<Tab><Tab><Right>
:save-display $TMP/category
<Tab><Tab><Tab>
:type 理事会承認: 学術団体は誓約書なし
<C-S>
:save-display $TMP/category-saved
S
run_tui
screen category <<'X'
 meibo 会員名簿 | 規程表の編集: 照会者の区分「学術団体」    事務局長 (総責任者)
 提供できる（第20条第3項） はい
 法令の根拠（第20条第5項） いいえ
 誓約書（取扱規程第6条）   [いいえ] ←→
 条項                      第20条第3項(e)
 規程の文言                学術団体(公益法人・特定非営利活動法人・任意団体を…
 変更の理由（必須・記録）














────────────────────────────────────────────────────────────────────────────────

Tab/↓/Enter:次 ↑:前 F3:秘匿項目を表示 Ctrl-S/F2:保存 Esc:戻る
X
screen category-saved <<'X'
 meibo 会員名簿 | 照会の規程表（第20条） 版 3               事務局長 (総責任者)
 kanri: 理事会承認: 学術団体は誓約書なし
照会者の区分（第20条第3項・第4項）
  名称           号  提供 法令 誓約書 条項             規程の文言
  本人           (a) 可   -    -      第20条第3項(a)   本人
  家族・近親者   (b) 可   -    誓約書 第20条第3項(b)   本人の家族又は近親者
  同じ施設の者   (c) 可   -    誓約書 第20条第3項(c)   本人が籍を置く施設に所属…
  本会会員・役…  (d) 可   -    誓約書 第20条第3項(d)   本会会員、役員、委員、会…
> 学術団体       (e) 可   -    -      第20条第3項(e)   学術団体(公益法人・特定…
  官公庁・裁判所 (f) 可   法令 誓約書 第20条第3項(f)   日本の官公庁・裁判所
  警察・検察・…  (g) 可   法令 誓約書 第20条第3項(g)   日本の警察・検察・弁護士…
  国の機関等     (h) 可   法令 誓約書 第20条第3項(h)   日本の国の機関(独立行政…
  患者会等       (i) 可   -    誓約書 第20条第3項(i)   患者会その他本会の取り扱…
  営利企業等     (b) 不可 -    -      第20条第4項(b)   営利企業等
  興信所         (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
  報道機関       (c) 不可 -    -      第20条第4項(c)   興信所や報道機関
項目（第20条第1項）
  号  項目名                   条項             規程の文言
  a   会員番号                 第20条第1項(a)   会員番号
  b   循環器専門医番号         第20条第1項(b)   循環器専門医番号
────────────────────────────────────────────────────────────────────────────────
 学術団体  第20条第3項(e)
 学術団体(公益法人・特定非営利活動法人・任意団体を含む)
規程表の版 3 を施行しました（記録済み）
X
[ "$(sqlite3 "$MEIBO_DB" "SELECT version || ':' || pledge_required FROM policy_categories WHERE code = 'academic' ORDER BY version")" = "$(printf '1:1\n2:1\n3:0')" ] ||
    fail "version 3 should drop the pledge for academic, and only version 3"
