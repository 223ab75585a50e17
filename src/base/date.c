/* date.c: calendar dates as clerks write them, 西暦 and 和暦, checked to be real days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/date.h"
#include "meibo/text.h"

/* An era: its kanji and letter names and its first and last day. */
typedef struct era {
    const char *kanji;
    char letter;
    meibo_date first, last;
} era;

/* 明治 starts 1868-01-01: the 改元の詔 of 1868-10-23 made all of 慶応4年 明治元年. */
/* Before 明治6年 (1873) Japan's month/day were lunisolar; here 和暦 month/day are Gregorian. */
static const era eras[] = {
    {"明治", 'M', {1868, 1, 1}, {1912, 7, 29}},
    {"大正", 'T', {1912, 7, 30}, {1926, 12, 24}},
    {"昭和", 'S', {1926, 12, 25}, {1989, 1, 7}},
    {"平成", 'H', {1989, 1, 8}, {2019, 4, 30}},
    {"令和", 'R', {2019, 5, 1}, {9999, 12, 31}},
};

#define N_ERAS (sizeof eras / sizeof *eras)

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1868 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int date_cmp(const meibo_date *a, const meibo_date *b)
{
    if (a->y != b->y)
        return a->y < b->y ? -1 : 1;
    if (a->m != b->m)
        return a->m < b->m ? -1 : 1;
    if (a->d != b->d)
        return a->d < b->d ? -1 : 1;
    return 0;
}

void date_format(const meibo_date *d, char iso[11])
{
    int y = d->y < 0 ? 0 : d->y > 9999 ? 9999 : d->y;
    int m = d->m < 0 ? 0 : d->m > 99 ? 99 : d->m;
    int dd = d->d < 0 ? 0 : d->d > 99 ? 99 : d->d;
    snprintf(iso, 11, "%04d-%02d-%02d", y, m, dd);
}

void date_format_wareki(const meibo_date *d, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    buf[0] = '\0';
    if (!date_valid(d->y, d->m, d->d))
        return;
    for (size_t i = N_ERAS; i-- > 0;) {
        if (date_cmp(d, &eras[i].first) < 0)
            continue;
        int ey = d->y - eras[i].first.y + 1;
        if (ey == 1)
            snprintf(buf, len, "%s元年%d月%d日", eras[i].kanji, d->m, d->d);
        else
            snprintf(buf, len, "%s%d年%d月%d日", eras[i].kanji, ey, d->m, d->d);
        return;
    }
}

/* A cursor over the NFKC form of the input. */
typedef struct cur {
    const char *p;
} cur;

static void skip_spaces(cur *c)
{
    while (*c->p == ' ' || *c->p == '\t')
        c->p++;
}

/* Consumes @p lit (after optional spaces) when it is next. */
static bool eat(cur *c, const char *lit)
{
    skip_spaces(c);
    size_t n = strlen(lit);
    if (strncmp(c->p, lit, n) != 0)
        return false;
    c->p += n;
    return true;
}

/* Reads 1..maxd ASCII digits (after optional spaces); refuses longer runs. */
static bool number(cur *c, int maxd, int *v, int *ndigits)
{
    skip_spaces(c);
    int n = 0, x = 0;
    while (c->p[n] >= '0' && c->p[n] <= '9') {
        if (n == maxd)
            return false;
        x = x * 10 + (c->p[n] - '0');
        n++;
    }
    if (n == 0)
        return false;
    c->p += n;
    *v = x;
    if (ndigits)
        *ndigits = n;
    return true;
}

/* A date separator: '-', '/', '.'; dashes and ー that IMEs give count as '-'. Returns 0 if none. */
static char separator(cur *c)
{
    static const char *const dashes[] = {"\u2010", "\u2012", "\u2013", "\u2014",
                                         "\u2015", "\u2212", "\u30FC"};
    skip_spaces(c);
    if (*c->p == '-' || *c->p == '/' || *c->p == '.')
        return *c->p++;
    for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
        if (eat(c, dashes[i]))
            return '-';
    return 0;
}

/* Month and day after the year: 年 M 月 D 日 (when @p kanji) or sep M sep D. */
static bool month_day(cur *c, bool kanji, int *m, int *d)
{
    if (kanji)
        return number(c, 2, m, NULL) && eat(c, "月") && number(c, 2, d, NULL) && eat(c, "日");
    char s1 = separator(c);
    if (!s1 || !number(c, 2, m, NULL))
        return false;
    char s2 = separator(c);
    return s2 == s1 && number(c, 2, d, NULL);
}

/* Era by kanji or letter at the cursor, or NULL. */
static const era *era_at(cur *c)
{
    skip_spaces(c);
    for (size_t i = 0; i < N_ERAS; i++) {
        size_t n = strlen(eras[i].kanji);
        if (strncmp(c->p, eras[i].kanji, n) == 0) {
            c->p += n;
            return &eras[i];
        }
        if (*c->p == eras[i].letter || *c->p == eras[i].letter - 'A' + 'a') {
            c->p++;
            return &eras[i];
        }
    }
    return NULL;
}

typedef enum parse_result { P_OK, P_SYNTAX, P_ERA_YEAR } parse_result;

/* Parses the NFKC text into y/m/d (not yet checked); *which is set for 和暦. */
static parse_result parse_text(const char *s, int *y, int *m, int *d, const era **which)
{
    cur c = {s};
    *which = NULL;
    const era *e = era_at(&c);
    if (e) {
        int ey;
        if (eat(&c, "元"))
            ey = 1;
        else if (!number(&c, 4, &ey, NULL)) /* 令和7981年 (9999) as date_format_wareki writes */
            return P_SYNTAX;
        bool kanji = eat(&c, "年");
        if (!month_day(&c, kanji, m, d))
            return P_SYNTAX;
        skip_spaces(&c);
        if (*c.p)
            return P_SYNTAX;
        *which = e;
        *y = e->first.y + ey - 1;
        return ey >= 1 ? P_OK : P_ERA_YEAR;
    }
    int nd;
    if (!number(&c, 4, y, &nd) || nd != 4)
        return P_SYNTAX;
    bool kanji = eat(&c, "年");
    if (!month_day(&c, kanji, m, d))
        return P_SYNTAX;
    skip_spaces(&c);
    return *c.p ? P_SYNTAX : P_OK;
}

/* The input as quoted in messages: at most 40 bytes, cut at a character boundary, then "…". */
static void quote(const char *in, char q[48])
{
    size_t n = strlen(in);
    if (n <= 40) {
        memcpy(q, in, n + 1);
        return;
    }
    n = 40;
    while (n > 0 && ((unsigned char)in[n] & 0xC0) == 0x80)
        n--;
    snprintf(q, 48, "%.*s…", (int)n, in);
}

meibo_status date_parse(const char *in, const char *field, meibo_date *out, meibo_err *err)
{
    const char *f = field ? field : "date";
    if (!in)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_REQUIRED, NULL, NULL,
                                 "%s: no date given", f);
    if (!text_utf8_valid(in, strlen(in), NULL))
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_NOT_UTF8, NULL, NULL,
                                 "%s: the date is not valid UTF-8", f);
    char *norm = NULL, *s = NULL;
    meibo_err e2;
    if (text_nfkc(in, &norm, &e2) != MEIBO_OK || text_trim(norm, &s, &e2) != MEIBO_OK) {
        free(norm);
        return meibo_fail_field(err, e2.code, field, "%s: %s", f, e2.msg);
    }
    free(norm);
    char q[48];
    quote(in, q);
    if (!*s) {
        free(s);
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_REQUIRED, NULL, NULL,
                                 "%s: the date is empty", f);
    }
    int y = 0, m = 0, d = 0;
    const era *e = NULL;
    parse_result pr = parse_text(s, &y, &m, &d, &e);
    free(s);
    if (pr == P_SYNTAX)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_NOT_DATE, q, NULL,
                                 "%s: '%s' is not a date (write YYYY-MM-DD or 和暦 like "
                                 "令和5年4月1日 or R5.4.1)",
                                 f, q);
    if (pr == P_ERA_YEAR)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_ERA_YEAR, q, NULL,
                                 "%s: '%s' is not a real date (era years start at 1, 元年)", f,
                                 q);
    if (y < 1868 || y > 9999)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_YEAR_RANGE, q, NULL,
                                 "%s: '%s' is out of range (years 1868 to 9999)", f, q);
    if (!date_valid(y, m, d))
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_NO_SUCH_DATE, q, NULL,
                                 "%s: '%s' is not a real date", f, q);
    meibo_date r = {y, m, d};
    if (e && date_cmp(&r, &e->first) < 0) {
        char iso[11], span[64];
        date_format(&e->first, iso);
        snprintf(span, sizeof span, "%s（%s〜）", e->kanji, iso);
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_ERA_RANGE, q, span,
                                 "%s: '%s' is not in %s (%s began on %s)", f, q, e->kanji,
                                 e->kanji, iso);
    }
    if (e && date_cmp(&r, &e->last) > 0) {
        char iso[11], span[64];
        date_format(&e->last, iso);
        snprintf(span, sizeof span, "%s（〜%s）", e->kanji, iso);
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_ERA_RANGE, q, span,
                                 "%s: '%s' is not in %s (%s ended on %s)", f, q, e->kanji,
                                 e->kanji, iso);
    }
    if (out)
        *out = r;
    return MEIBO_OK;
}

meibo_status date_normalize(const char *in, const char *field, char iso[11], meibo_err *err)
{
    meibo_date d = {0};
    meibo_status st = date_parse(in, field, &d, err);
    if (st != MEIBO_OK)
        return st;
    date_format(&d, iso);
    return MEIBO_OK;
}

bool date_iso_valid(const char *s)
{
    int y, m, d, n = 0;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) // NOLINT(cert-err34-c): digits checked above
        return false;
    return date_valid(y, m, d);
}
