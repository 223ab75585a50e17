# Text longer than its place is never cut without a trace (issue 14): a long title gives up
# the application's name, then is cut with …, and keeps a blank before the user's name; a
# message longer than the status line wraps over the rows above it; a field not being typed
# in shows its start (a postal code's 〒1…, not its end); the search box shows the part
# around the cursor, marked … where text is hidden, and scrolls back as text is deleted.
. "$TOP/tests/tui-lib.sh"
tui_setup
as kanri user add --pledge-on 2026-04-01 chief2 --name "第二〇〇〇二号 事務局長代理補佐 山田花子" --role chief \
    --new-password-file "$(pw chief2)" >/dev/null
as clerk1 request add --kind disclosure --member 10000201 --identity passport \
    --received 2026-11-01 >/dev/null
as clerk1 request add --kind disclosure --member 10000202 --identity passport \
    --received 2026-11-05 >/dev/null
as clerk1 inquiry add --member 10000201 --category family --purpose society_business \
    --items d --identity verified --identity-check 戸籍謄本 --method other --channel phone \
    --requester 照会者甲 >/dev/null
login chief2 >"$TMP/script"
cat >>"$TMP/script" <<S
:save-display $TMP/home
<Enter>o
:save-display $TMP/optout
<Esc><Esc>
<Enter>e<F3><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>
<C-U>
:type 〒100-0005zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzend
<Up>
:save-display $TMP/form
<C-S>
:save-display $TMP/refused
<Esc>y<Esc>
/
:type abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH
:save-display $TMP/search-end
<Home>
:save-display $TMP/search-home
<Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right>
:save-display $TMP/search-middle
<End><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace><Backspace>
:save-display $TMP/search-back
S
run_tui
# the title row: the user's name cut before its role, a blank before it; a long title drops
# "会員名簿" first, then is cut with …
has "$TMP/home" " meibo 会員名簿 | 会員一覧              第二〇〇〇二号 事務局長代理… (総責任者)"
has "$TMP/optout" " meibo | 提供停止の申出（第20条第5項）… 第二〇〇〇二号 事務局長代理… (総責任者)"
# a field left shows its start, marked where cut
has_word "$TMP/form" " 郵便番号                460-0001"
has "$TMP/form" " メールアドレス          〒100-0005zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz…"
# the refusal wrapped over the rows above the status line, read to its end
tail -n 3 "$TMP/refused" >"$TMP/refused-tail"
has "$TMP/refused-tail" "メールアドレス:"
has "$TMP/refused-tail" "スになりません"
# the search box: the end while typing, the start after Home, the part around the cursor
has "$TMP/search-end" " 検索 …vwxyz0123456789ABCDEFGH "
has "$TMP/search-home" " 検索 abcdefghijklmnopqrstuvwxy… "
has "$TMP/search-middle" " 検索 …hijklmnopqrstuvwxyz01234… "
# deleting from the end scrolls back: all that is left is shown
has "$TMP/search-back" " 検索 abcdefghijklmnopqrstu "
