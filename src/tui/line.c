/* line.c: one line of editable text. Characters arrive whole from get_wch (the terminal's
 * IME sends UTF-8; curses decodes it), so the cursor moves and deletes by character and
 * the view scrolls by display cells: a wide character is never cut in half. */
#include <string.h>

#include "tui.h"

static int line_cap(const tui_line *l)
{
    return l->max > 0 && l->max < LINE_MAX_CHARS ? l->max : LINE_MAX_CHARS;
}

void line_set(tui_line *l, const char *s)
{
    mbstate_t ps = {0};
    const char *p = s ? s : "";
    size_t n = mbsrtowcs(l->buf, &p, (size_t)line_cap(l), &ps);
    if (n == (size_t)-1)
        n = 0;
    l->buf[n] = L'\0';
    l->len = (int)n;
    l->cur = l->len;
    l->scroll = 0;
}

char *line_get(const tui_line *l, char *buf, size_t len)
{
    mbstate_t ps = {0};
    const wchar_t *p = l->buf;
    size_t n = wcsrtombs(buf, &p, len - 1, &ps);
    if (n == (size_t)-1)
        n = 0;
    buf[n < len ? n : len - 1] = '\0';
    return buf;
}

void line_wipe(tui_line *l)
{
    memset(l->buf, 0, sizeof l->buf);
    l->len = l->cur = l->scroll = 0;
}

static void delete_range(tui_line *l, int from, int to)
{
    if (from >= to)
        return;
    wmemmove(l->buf + from, l->buf + to, (size_t)(l->len - to + 1));
    l->len -= to - from;
    if (l->cur > from)
        l->cur = l->cur >= to ? l->cur - (to - from) : from;
}

bool line_key(tui_line *l, tui_key k, bool *changed)
{
    *changed = false;
    if (keys_printable(k)) {
        if (l->len >= line_cap(l))
            return true; /* full: the key is still the line's */
        wmemmove(l->buf + l->cur + 1, l->buf + l->cur, (size_t)(l->len - l->cur + 1));
        l->buf[l->cur++] = k.ch;
        l->len++;
        *changed = true;
        return true;
    }
    int c = k.code;
    wchar_t ch = k.ch;
    if (c == KEY_LEFT || ch == TUI_CTRL('B')) {
        if (l->cur > 0)
            l->cur--;
    } else if (c == KEY_RIGHT || ch == TUI_CTRL('F')) {
        if (l->cur < l->len)
            l->cur++;
    } else if (c == KEY_HOME || ch == TUI_CTRL('A')) {
        l->cur = 0;
    } else if (c == KEY_END || ch == TUI_CTRL('E')) {
        l->cur = l->len;
    } else if (c == KEY_BACKSPACE || ch == 0x7f || ch == TUI_CTRL('H')) {
        if (l->cur > 0) {
            delete_range(l, l->cur - 1, l->cur);
            *changed = true;
        }
    } else if (c == KEY_DC || ch == TUI_CTRL('D')) {
        if (l->cur < l->len) {
            delete_range(l, l->cur, l->cur + 1);
            *changed = true;
        }
    } else if (ch == TUI_CTRL('U')) {
        *changed = l->cur > 0;
        delete_range(l, 0, l->cur);
    } else if (ch == TUI_CTRL('K')) {
        *changed = l->cur < l->len;
        l->buf[l->cur] = L'\0';
        l->len = l->cur;
    } else if (ch == TUI_CTRL('W')) {
        int from = l->cur;
        while (from > 0 && l->buf[from - 1] == L' ')
            from--;
        while (from > 0 && l->buf[from - 1] != L' ')
            from--;
        *changed = from < l->cur;
        delete_range(l, from, l->cur);
    } else {
        return false;
    }
    return true;
}

static int cells(const tui_line *l, int from, int to)
{
    int w = 0;
    for (int i = from; i < to; i++)
        w += l->masked ? 1 : draw_wcwidth(l->buf[i]);
    return w;
}

/* Where the text is longer than the field: … at the left edge when its start is hidden,
 * at the right edge when its end is. */
static const char cut_mark[] = "\u2026";

void line_draw(WINDOW *w, int y, int x, int width, tui_line *l, bool focus, attr_t attr)
{
    if (width < 2)
        return;
    int mw = draw_width(cut_mark);
    int total = cells(l, 0, l->len);
    if (!focus || total <= width - 1 || width < 2 * mw + 2) {
        /* not being typed in, or it fits: from its start (the 〒1 of a postal code, never
         * its end), cut with … by draw_text */
        l->scroll = focus && total > width - 1 ? l->scroll : 0;
    } else {
        /* keep the cursor in view with room for it, marks on both sides; when the text after
         * the start shown fits, scroll back to show as much as fits */
        if (l->cur < l->scroll)
            l->scroll = l->cur;
        for (;;) {
            int room = width - (l->scroll ? mw : 0) - mw - 1;
            if (l->scroll < l->cur && cells(l, l->scroll, l->cur) > room)
                l->scroll++;
            else
                break;
        }
        while (l->scroll > 0) {
            int s = l->scroll - 1, room = width - (s ? mw : 0) - 1;
            if (cells(l, s, l->len) > room || cells(l, s, l->cur) > room - mw)
                break;
            l->scroll = s;
        }
    }
    int lead = l->scroll ? mw : 0;
    char text[LINE_MAX_CHARS * 4 + 8];
    if (l->masked) {
        int n = l->len - l->scroll;
        memset(text, '*', (size_t)(n > 0 ? n : 0));
        text[n > 0 ? n : 0] = '\0';
    } else {
        mbstate_t ps = {0};
        const wchar_t *p = l->buf + l->scroll;
        size_t n = wcsrtombs(text, &p, sizeof text - 1, &ps);
        text[n == (size_t)-1 ? 0 : n] = '\0';
    }
    if (lead)
        draw_text(w, y, x, lead, cut_mark, attr);
    draw_text(w, y, x + lead, width - lead, text, attr);
    if (focus)
        wmove(w, y, x + lead + cells(l, l->scroll, l->cur));
}
