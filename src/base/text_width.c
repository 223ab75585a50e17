/* text_width.c: display cells of text and wrapping by them (text.h), for every face that
 * lays text out in a terminal's cells; no curses here. */
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "meibo/text.h"

int text_cell_width(uint32_t c, int ambiguous)
{
    if (c == 0)
        return 0;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return -1;
    int w = uc_width(c, "UTF-8");
    /* ambiguous: one cell in a Western locale, two in a CJK one */
    if (w == 1 && ambiguous == 2 && c >= 0xA1 && uc_width(c, "EUC-JP") == 2)
        return 2;
    return w;
}

/* The next character of s (at most left bytes): its code point in *c, its length returned
 * (a bad byte is one byte, U+FFFD). */
static size_t next_char(const char *s, size_t left, uint32_t *c)
{
    ucs4_t uc;
    int n = u8_mbtouc(&uc, (const uint8_t *)s, left);
    *c = uc;
    return n > 0 ? (size_t)n : 1;
}

static int cells_of(uint32_t c, int ambiguous)
{
    int w = text_cell_width(c, ambiguous);
    return w < 0 ? 1 : w;
}

int text_width(const char *s, int ambiguous)
{
    int w = 0;
    size_t left = s ? strlen(s) : 0;
    while (left) {
        uint32_t c;
        size_t n = next_char(s, left, &c);
        w += cells_of(c, ambiguous);
        s += n, left -= n;
    }
    return w;
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == 0x3000;
}

/* 行頭禁則: never at the start of a line */
static bool no_break_before(uint32_t c)
{
    static const uint32_t closing[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F,
                                       0x3011, 0x3015, 0xFF01, 0xFF1F, 0x30FC, 0x30FB, 0x2026,
                                       0xFF1A, 0xFF1B, ')', ']', ',', '.', ':', ';', '!', '?'};
    for (size_t i = 0; i < sizeof closing / sizeof *closing; i++)
        if (c == closing[i])
            return true;
    return false;
}

/* 行末禁則: never at the end of a line */
static bool no_break_after(uint32_t c)
{
    static const uint32_t opening[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x3014, '(', '['};
    for (size_t i = 0; i < sizeof opening / sizeof *opening; i++)
        if (c == opening[i])
            return true;
    return false;
}

int text_wrap(const char *s, int width, int ambiguous, text_line_fn fn, void *arg)
{
    if (width < 2)
        width = 2;
    const char *p = s ? s : "";
    size_t left = strlen(p);
    int lines = 0;
    while (left || !lines) {
        /* one line from p: as many characters as fit, then back to the last break */
        const char *end = p, *brk = NULL, *resume = NULL;
        int w = 0;
        uint32_t prev = 0;
        size_t rest = left;
        bool newline = false;
        while (rest) {
            uint32_t c;
            size_t n = next_char(end, rest, &c);
            if (c == '\n') {
                newline = true;
                break;
            }
            int cw = cells_of(c, ambiguous);
            if (end > p) {
                /* a break opportunity before c */
                if (is_space(c))
                    brk = end, resume = NULL;
                else if (is_space(prev))
                    ; /* after a space: taken at the space itself */
                else if ((cells_of(c, ambiguous) == 2 || cells_of(prev, ambiguous) == 2) &&
                         !no_break_before(c) && !no_break_after(prev))
                    brk = end, resume = end;
            }
            if (w + cw > width && end > p)
                break;
            w += cw;
            end += n, rest -= n;
            prev = c;
        }
        const char *stop = end, *next = end;
        if (rest && !newline && brk && brk > p) {
            stop = brk;
            next = resume ? resume : brk;
        }
        /* trailing spaces of the line dropped; the spaces a line breaks at skipped */
        while (stop > p && stop[-1] == ' ')
            stop--;
        lines++;
        if (fn && fn(p, (size_t)(stop - p), arg))
            return lines;
        left -= (size_t)(next - p);
        p = next;
        if (newline) {
            p++, left--;
            continue;
        }
        while (left && (*p == ' ' || !strncmp(p, "\u3000", 3))) {
            size_t n = *p == ' ' ? 1 : 3;
            p += n, left -= n;
        }
    }
    return lines;
}
