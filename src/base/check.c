/* check.c: free-text and date checks for the inquiry, pledge, policy and deny-list modules. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <unistr.h>

#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/text.h"

bool check_blank(const char *v)
{
    if (!v)
        return true;
    while (*v) {
        if (*v == ' ' || *v == '\t')
            v++;
        else if (!strncmp(v, "\u3000", 3))
            v += 3;
        else
            return false;
    }
    return true;
}

meibo_status check_text(const char *field, const char *v, size_t max, bool required,
                        meibo_err *err)
{
    if (check_blank(v)) {
        if (required)
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_REQUIRED, NULL,
                                     NULL, "%s: is required", field);
        return MEIBO_OK;
    }
    size_t n = strlen(v), bad = 0;
    if (!text_utf8_valid(v, n, &bad))
        return meibo_fail_reason(err, MEIBO_ERR_ENCODING, field, MEIBO_REASON_NOT_UTF8, NULL, NULL,
                                 "%s: not valid UTF-8 (byte %zu)", field, bad + 1);
    const uint8_t *s = (const uint8_t *)v;
    size_t chars = 0;
    for (ucs4_t c; (s = u8_next(&c, s)) != NULL; chars++)
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            char u[16];
            snprintf(u, sizeof u, "U+%04X", (unsigned)c);
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_CONTROL, u, NULL,
                                     "%s: contains a control character (%s)", field, u);
        }
    if (chars > max) {
        char limit[24];
        snprintf(limit, sizeof limit, "%zu", max);
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_TOO_LONG, NULL, limit,
                                 "%s: longer than %zu characters", field, max);
    }
    return MEIBO_OK;
}

meibo_status check_date(const char *field, const char *v, const char *fallback, char iso[11],
                        meibo_err *err)
{
    if (check_blank(v)) {
        if (!fallback)
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_REQUIRED, NULL,
                                     NULL, "%s: a date is required", field);
        snprintf(iso, 11, "%s", fallback);
        return MEIBO_OK;
    }
    return date_normalize(v, field, iso, err);
}

void check_date_limits(check_date_kind kind, const char *today, char lo[11], char hi[11])
{
    snprintf(lo, 11, "%s", DATE_FIRST);
    if (kind == CHECK_DATE_BIRTH)
        snprintf(hi, 11, "%s", today);
    else
        check_date_add_years(today, kind == CHECK_DATE_EVENT ? DATE_AHEAD_YEARS : DATE_TERM_YEARS,
                             hi);
}

meibo_status check_date_range(const char *field, const char *iso, check_date_kind kind,
                              const char *today, meibo_err *err)
{
    char lo[11], hi[11], limits[32];
    check_date_limits(kind, today, lo, hi);
    if (strcmp(iso, lo) >= 0 && strcmp(iso, hi) <= 0)
        return MEIBO_OK;
    snprintf(limits, sizeof limits, "%s..%s", lo, hi);
    return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_DATE_RANGE, iso, limits,
                             "%s: %s is outside the dates meibo takes (%s)", field, iso, limits);
}

meibo_status check_date_in(const char *field, const char *v, const char *fallback,
                           check_date_kind kind, const char *today, char iso[11], meibo_err *err)
{
    meibo_status st = check_date(field, v, fallback, iso, err);
    if (st || check_blank(v))
        return st;
    return check_date_range(field, iso, kind, today, err);
}

void check_date_add_years(const char *iso, int years, char out[11])
{
    int y = 0, m = 0, d = 0;
    sscanf(iso, "%4d-%2d-%2d", &y, &m, &d); // NOLINT(cert-err34-c): a stored YYYY-MM-DD
    y += years;
    if (m == 2 && d == 29 && !date_valid(y, m, d))
        d = 28;
    meibo_date dt = {y, m, d};
    date_format(&dt, out);
}

void check_date_add_days(const char *iso, int days, char out[11])
{
    struct tm tm = {0};
    sscanf(iso, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday); // NOLINT(cert-err34-c): as above
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_mday += days;
    tm.tm_hour = 12; /* away from any DST edge */
    timegm(&tm);     /* normalizes the fields */
    meibo_date dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    date_format(&dt, out);
}

int check_code_index(const void *table, size_t n, size_t stride, const char *code)
{
    for (size_t i = 0; code && i < n; i++) {
        const char *c;
        memcpy(&c, (const char *)table + i * stride, sizeof c);
        if (c && !strcmp(c, code))
            return (int)i;
    }
    return -1;
}
