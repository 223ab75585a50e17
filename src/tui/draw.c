/* draw.c: the one sanitizer between stored text and the terminal, and width-aware drawing.
 *
 * Every string from the database reaches curses through draw_text(): control characters,
 * escape sequences, bidi overrides, zero-width characters and invalid UTF-8 are shown as
 * visible text (^[, <U+202E>, <\xff>) and never sent to the terminal. Widths come from
 * libunistring; East Asian ambiguous characters take the configured width. */
#include <stdio.h>
#include <string.h>
#include <uniwidth.h>
#include <unistr.h>

#include "meibo/text.h"
#include "tui.h"

static int amb_width = 1;
static bool ascii_lines;

void draw_configure(int ambiguous_width, bool ascii)
{
    amb_width = ambiguous_width == 2 ? 2 : 1;
    /* box-drawing characters are East Asian ambiguous: two cells there, and curses draws
     * its lines as the VT100's "qqqq" when they are not one cell wide */
    ascii_lines = ascii || amb_width == 2;
}

bool draw_ascii_lines(void)
{
    return ascii_lines;
}

/* Cell width as the terminal shows it. ncursesw asks the C library's wcwidth(); meibo's
 * definition below takes its place in the process (the technique of wcwidth-cjk), so curses,
 * the terminal and this file agree on ambiguous characters when ambiguous_width = 2. */
int wcwidth(wchar_t wc);
int wcwidth(wchar_t wc)
{
    return text_cell_width((uint32_t)wc, amb_width);
}

int draw_wcwidth(wchar_t wc)
{
    int w = wcwidth(wc);
    return w < 0 ? 0 : w;
}

/* Characters shown as <U+XXXX>: C1 controls, bidi controls, zero-width and other format
 * characters, line and paragraph separators, anything without a width. */
static bool is_hidden(ucs4_t c)
{
    if (c >= 0x80 && c < 0xA0)
        return true;
    if (c == 0x061C || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
        (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF ||
        (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE007F))
        return true;
    if (c >= 0xD800 && c <= 0xDFFF)
        return true;
    return uc_width(c, "UTF-8") < 0;
}

static size_t put_ascii(wchar_t *out, size_t n, size_t cap, const char *s)
{
    for (; *s && n + 1 < cap; s++)
        out[n++] = (wchar_t)(unsigned char)*s;
    return n;
}

size_t draw_sanitize(const char *s, wchar_t *out, size_t cap)
{
    size_t n = 0;
    if (!cap)
        return 0;
    const uint8_t *p = (const uint8_t *)(s ? s : "");
    size_t left = strlen((const char *)p);
    bool prev_visible = false; /* may a combining character attach here? */
    while (left && n + 1 < cap) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, left);
        char tmp[16];
        if (c == 0xFFFD && !(len == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD)) {
            snprintf(tmp, sizeof tmp, "<\\x%02x>", p[0]);
            n = put_ascii(out, n, cap, tmp);
            p++, left--;
            prev_visible = false;
            continue;
        }
        p += len, left -= (size_t)len;
        if (c < 0x20 || c == 0x7F) {
            snprintf(tmp, sizeof tmp, "^%c", c == 0x7F ? '?' : (char)(c + '@'));
            n = put_ascii(out, n, cap, tmp);
            prev_visible = false;
        } else if (is_hidden(c)) {
            snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)c);
            n = put_ascii(out, n, cap, tmp);
            prev_visible = false;
        } else if (uc_width(c, "UTF-8") == 0 && !prev_visible) {
            /* a combining mark with nothing to sit on */
            snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)c);
            n = put_ascii(out, n, cap, tmp);
        } else if (ascii_lines && c >= 0x2500 && c <= 0x257F) {
            /* box drawing, for terminals that show it wide */
            out[n++] = (c == 0x2502 || c == 0x2503 || c == 0x2551) ? L'|'
                       : (c == 0x2500 || c == 0x2501 || c == 0x2550) ? L'-'
                                                                      : L'+';
            prev_visible = true;
        } else {
            out[n++] = (wchar_t)c;
            prev_visible = uc_width(c, "UTF-8") > 0 || prev_visible;
        }
    }
    out[n] = L'\0';
    return n;
}

#define DRAW_BUF 1024
#define DRAW_CUT L'\u2026' /* … where text is cut */

int draw_width(const char *s)
{
    wchar_t buf[DRAW_BUF];
    size_t n = draw_sanitize(s, buf, DRAW_BUF);
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += draw_wcwidth(buf[i]);
    return w;
}

/* How many characters of @p buf fit in @p width cells; *cells gets their width. */
static size_t fit(const wchar_t *buf, size_t n, int width, int *cells)
{
    int w = 0;
    size_t i = 0;
    for (; i < n; i++) {
        int cw = draw_wcwidth(buf[i]);
        if (w + cw > width)
            break;
        w += cw;
    }
    *cells = w;
    return i;
}

/* Attributes and colour pair of @p attr (tui_attr() packs the pair into it). */
static void set_attr(WINDOW *w, attr_t attr)
{
    wattr_set(w, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
}

static void fill(WINDOW *w, int width)
{
    for (int i = 0; i < width; i++)
        waddch(w, ' ');
}

int draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
    if (width <= 0)
        return 0;
    wchar_t buf[DRAW_BUF];
    size_t n = draw_sanitize(s, buf, DRAW_BUF);
    int cells;
    size_t k = fit(buf, n, width, &cells);
    /* cut: one cell (or two) less, and the mark says there is more */
    int mark = k < n ? draw_wcwidth(DRAW_CUT) : 0;
    if (mark && mark < width)
        k = fit(buf, n, width - mark, &cells);
    else
        mark = 0;
    set_attr(w, attr);
    wmove(w, y, x);
    if (k)
        waddnwstr(w, buf, (int)k);
    if (mark) {
        const wchar_t cut[] = {DRAW_CUT, 0};
        waddnwstr(w, cut, 1);
        cells += mark;
    }
    fill(w, width - cells);
    wattr_set(w, A_NORMAL, 0, NULL);
    return cells;
}

/* Sanitized text as UTF-8 (what draw_text shows), for the core's wrapping. */
static void sanitized(const char *s, char *out, size_t cap)
{
    wchar_t buf[DRAW_BUF];
    draw_sanitize(s, buf, DRAW_BUF);
    mbstate_t ps = {0};
    const wchar_t *p = buf;
    size_t n = wcsrtombs(out, &p, cap - 1, &ps);
    out[n == (size_t)-1 ? 0 : n] = '\0';
}

typedef struct wrap_canvas {
    WINDOW *w;
    int y, x, width, rows, used;
    attr_t attr;
    const char *text;
} wrap_canvas;

static int wrap_line(const char *line, size_t len, void *arg)
{
    wrap_canvas *c = arg;
    if (c->used == c->rows - 1) {
        /* the last row: the rest, cut with the mark when it does not fit */
        draw_text(c->w, c->y + c->used++, c->x, c->width, line, c->attr);
        return 1;
    }
    char piece[DRAW_BUF * 4];
    snprintf(piece, sizeof piece, "%.*s", (int)len, line);
    draw_text(c->w, c->y + c->used++, c->x, c->width, piece, c->attr);
    return 0;
}

int draw_wrap(WINDOW *w, int y, int x, int width, int rows, const char *s, attr_t attr)
{
    if (rows <= 0 || width <= 0)
        return 0;
    char text[DRAW_BUF * 4];
    sanitized(s, text, sizeof text);
    wrap_canvas c = {w, y, x, width, rows, 0, attr, text};
    text_wrap(text, width, amb_width, wrap_line, &c);
    return c.used;
}

static int first_line(const char *line, size_t len, void *arg)
{
    (void)line;
    *(size_t *)arg = len;
    return 1;
}

size_t draw_wrap_first(const char *s, int width)
{
    size_t len = 0;
    text_wrap(s, width, amb_width, first_line, &len);
    if (!len && *s)
        len = 1; /* a newline: every other first character fits (text_wrap) */
    while (s[len] == ' ')
        len++;
    return len;
}

int draw_wrap_rows(int width, const char *s)
{
    char text[DRAW_BUF * 4];
    sanitized(s, text, sizeof text);
    return text_wrap(text, width, amb_width, NULL, NULL);
}

int draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
    int tw = draw_width(s);
    if (tw >= width)
        return draw_text(w, y, x, width, s, attr);
    wmove(w, y, x);
    set_attr(w, attr);
    fill(w, width - tw);
    return draw_text(w, y, x + width - tw, tw, s, attr);
}

/* Does a wide character start at (y, x - 1) and cover x? Walks the row from its start,
 * by each cell's width (curses keeps a wide character's right half as a marked copy). */
static bool splits_wide(WINDOW *w, int y, int x)
{
    int c = 0;
    while (c < x) {
        cchar_t cc;
        wchar_t wch[CCHARW_MAX + 1] = {0};
        attr_t a;
        short pair;
        if (mvwin_wch(w, y, c, &cc) == ERR || getcchar(&cc, wch, &a, &pair, NULL) == ERR)
            return false;
        int cw = draw_wcwidth(wch[0]);
        if (cw == 2 && c + 1 == x)
            return true;
        c += cw > 0 ? cw : 1;
    }
    return false;
}

void draw_unsplit(WINDOW *w, int y, int x)
{
    if (x <= 0 || x >= getmaxx(w) || !splits_wide(w, y, x))
        return;
    /* both halves blank: the terminal and curses then agree on what these cells hold (a
     * terminal blanks the left half when the right one is overwritten; curses does not
     * know it, and later leaves the character half drawn) */
    int oy, ox;
    getyx(w, oy, ox);
    mvwaddstr(w, y, x - 1, "  ");
    wmove(w, oy, ox);
}

void draw_hline(WINDOW *w, int y, int x, int width, attr_t attr)
{
    set_attr(w, attr);
    wmove(w, y, x);
    if (ascii_lines) {
        for (int i = 0; i < width; i++)
            waddch(w, '-');
    } else {
        whline_set(w, WACS_HLINE, width);
    }
    wattr_set(w, A_NORMAL, 0, NULL);
}

const char *draw_count(int64_t n, char *buf, size_t len)
{
    char digits[32];
    int d = snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
    size_t o = 0;
    if (n < 0 && o + 1 < len)
        buf[o++] = '-';
    for (int i = 0; i < d && o + 2 < len; i++) {
        if (i && (d - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* @p s cut or padded with spaces to @p cells display cells, into @p out. */
const char *tui_pad(const char *s, int cells, char *out, size_t len)
{
    size_t used = 0;
    int w = 0;
    for (const char *p = s ? s : ""; *p && used + 5 < len;) {
        int n = 1;
        while ((p[n] & 0xC0) == 0x80)
            n++;
        char ch[8];
        snprintf(ch, sizeof ch, "%.*s", n, p);
        int cw = draw_width(ch);
        if (w + cw > cells)
            break;
        memcpy(out + used, p, (size_t)n);
        used += (size_t)n;
        w += cw;
        p += n;
    }
    while (w++ < cells && used + 1 < len)
        out[used++] = ' ';
    out[used] = '\0';
    return out;
}
