/* retention.c: retention periods as data, and when a record is past its period. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/date.h"
#include "meibo/retention.h"

/* ---- pure date arithmetic ---------------------------------------------------------------- */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm) and back. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void iso_parse(const char *iso, int *y, int *m, int *d)
{
    *y = 1970, *m = 1, *d = 1;
    if (iso)
        sscanf(iso, "%4d-%2d-%2d", y, m, d); // NOLINT(cert-err34-c): stored dates; bad parts reset below
    if (*m < 1 || *m > 12)
        *m = 1;
    if (*d < 1 || *d > 31)
        *d = 1;
}

static void iso_format(int y, int m, int d, char out[11])
{
    snprintf(out, 11, "%04d-%02d-%02d", y < 0 ? 0 : y > 9999 ? 9999 : y, m, d);
}

/* @p iso shifted by a signed number of months, the day clamped to the month's end. */
static long add_months(const char *iso, long months)
{
    int y, m, d;
    iso_parse(iso, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + months;
    int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
    int nd = d > month_days(ny, nm) ? month_days(ny, nm) : d;
    return days_from_civil(ny, nm, nd);
}

void retention_last_day(const char *anchor, int years, int months, char out[11])
{
    int y, m, d;
    civil_from_days(add_months(anchor, (long)years * 12 + months), &y, &m, &d);
    iso_format(y, m, d, out);
}

bool retention_expired(const char *anchor, int years, int months, const char *today)
{
    int y, m, d;
    iso_parse(today, &y, &m, &d);
    return add_months(anchor, (long)years * 12 + months) < days_from_civil(y, m, d);
}

void retention_cutoff(const char *today, int years, int months, char out[11])
{
    int y, m, d;
    iso_parse(today, &y, &m, &d);
    long t = days_from_civil(y, m, d), period = (long)years * 12 + months;
    /* start from today minus the period, then move to the latest day still expired: the
     * last day is monotonic in the anchor, and month-end clamping makes it move by at most
     * three days either way */
    long c = add_months(today, -period);
    char iso[11];
    for (int guard = 0; guard < 64; guard++) {
        civil_from_days(c, &y, &m, &d);
        iso_format(y, m, d, iso);
        if (add_months(iso, period) >= t) {
            c--;
            continue;
        }
        char next[11];
        civil_from_days(c + 1, &y, &m, &d);
        iso_format(y, m, d, next);
        if (add_months(next, period) < t) {
            c++;
            continue;
        }
        break;
    }
    memcpy(out, iso, 11);
}

const char *retention_words(int years, int months, char *buf, size_t len)
{
    if (months && years)
        snprintf(buf, len, "%d年%dか月", years, months);
    else if (months)
        snprintf(buf, len, "%dか月", months);
    else
        snprintf(buf, len, "%d年", years);
    return buf;
}

/* ---- the table ------------------------------------------------------------------------- */

#define RP_COLS                                                                              \
    "SELECT code, name, anchor, years, months, min_years, disposal, article, note, "         \
    "updated_at, updated_by FROM retention_periods "
static const char sql_list[] = RP_COLS "ORDER BY sort, code";
static const char sql_get[] = RP_COLS "WHERE code = ?1";
static const char sql_set[] =
    "UPDATE retention_periods SET years = ?2, months = ?3, updated_at = ?4, updated_by = ?5 "
    "WHERE code = ?1";

static void col(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    const char *v = (const char *)sqlite3_column_text(s, i);
    snprintf(dst, size, "%s", v ? v : "");
}

static void row_read(sqlite3_stmt *s, retention_period *p)
{
    memset(p, 0, sizeof *p);
    col(s, 0, p->code, sizeof p->code);
    col(s, 1, p->name, sizeof p->name);
    col(s, 2, p->anchor, sizeof p->anchor);
    p->years = sqlite3_column_int(s, 3);
    p->months = sqlite3_column_int(s, 4);
    p->min_years = sqlite3_column_int(s, 5);
    col(s, 6, p->disposal, sizeof p->disposal);
    col(s, 7, p->article, sizeof p->article);
    col(s, 8, p->note, sizeof p->note);
    col(s, 9, p->updated_at, sizeof p->updated_at);
    col(s, 10, p->updated_by, sizeof p->updated_by);
}

meibo_status retention_list(meibo_ctx *ctx, retention_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the retention periods", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        retention_period p;
        row_read(s, &p);
        if (fn && fn(&p, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    st = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the retention periods");
    sqlite3_reset(s);
    return st;
}

meibo_status retention_get(meibo_ctx *ctx, const char *code, retention_period *out,
                           meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_get, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, code ? code : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    meibo_status st = MEIBO_OK;
    if (rc == SQLITE_ROW)
        row_read(s, out);
    else if (rc == SQLITE_DONE)
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "code",
                              "no retention period '%s' (provision, request_papers, "
                              "withdrawn_member, inquiry_requester)", code ? code : "");
    else
        st = db_fail(ctx, err, "reading a retention period");
    sqlite3_reset(s);
    return st;
}

meibo_status retention_set(meibo_ctx *ctx, const char *code, int years, int months,
                           meibo_err *err)
{
    /* 規程 第10条: the chief officer answers for the safety measures, retention among them */
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "change a retention period", err);
    if (st)
        return st;
    if (years < 0 || years > 100)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "years",
                                "years: %d is not 0 to 100", years);
    if (months < 0 || months > 11)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "months",
                                "months: %d is not 0 to 11", months);
    if ((st = db_begin(ctx, err)))
        return st;
    retention_period old;
    if ((st = retention_get(ctx, code, &old, err)))
        goto rollback;
    if (years < old.min_years) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "years",
                              "%s: the law keeps it at least %d years (%s); %d is too short",
                              code, old.min_years, old.article, years);
        goto rollback;
    }
    char now[32];
    db_now_text(ctx, now, sizeof now);
    sqlite3_stmt *s = db_stmt(ctx, sql_set, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, years);
    sqlite3_bind_int(s, 3, months);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, ctx->login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "changing a retention period");
        goto rollback;
    }
    char detail[160];
    snprintf(detail, sizeof detail, "code=%s years=%d months=%d was=%d/%d", old.code, years,
             months, old.years, old.months);
    if ((st = audit_append(ctx, "retention.set", NULL, detail, err)) || (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}
