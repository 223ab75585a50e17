/* inspect.c: the 個人情報管理者's inspection (取扱規程 第25条), computed from the records. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meibo/buf.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/doctor.h"
#include "meibo/inspect.h"
#include "meibo/pledge.h"
#include "meibo/staff.h"
#include "meibo/text.h"

/* ---- the rule ---------------------------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

double inspect_median(int64_t *counts, size_t n)
{
    if (!n)
        return 0;
    qsort(counts, n, sizeof *counts, cmp_i64);
    size_t mid = n / 2;
    return n % 2 ? (double)counts[mid] : ((double)counts[mid - 1] + (double)counts[mid]) / 2.0;
}

bool inspect_outlier(int64_t count, double median)
{
    return count > INSPECT_OUTLIER_MIN && (double)count > INSPECT_OUTLIER_FACTOR * median;
}

inspect_kind inspect_action_kind(const char *a)
{
    static const struct {
        const char *action;
        inspect_kind kind;
    } map[] = {
        {"member.read", IK_READ},      {"provision.read", IK_READ},  {"inquiry.read", IK_READ},
        {"inquiry.list", IK_READ},     {"optout.read", IK_READ},     {"request.read", IK_READ},
        {"incident.read", IK_READ},    {"audit.read", IK_READ},      {"member.reveal", IK_REVEAL},
        {"member.create", IK_EDIT},    {"member.update", IK_EDIT},   {"member.withdraw", IK_EDIT},
        {"optout.add", IK_EDIT},       {"optout.withdraw", IK_EDIT}, {"import", IK_EDIT},
        {"export.run", IK_EXPORT},     {"backup", IK_EXPORT},        {"search", IK_SEARCH},
        {"login", IK_LOGIN},
    };
    for (size_t i = 0; a && i < sizeof map / sizeof *map; i++)
        if (!strcmp(a, map[i].action))
            return map[i].kind;
    return IK_OTHER;
}

/* ---- the report's lists ------------------------------------------------------------------ */

static bool list_add(inspect_list *l, bool finding, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool list_add(inspect_list *l, bool finding, const char *fmt, ...)
{
    inspect_line *nl = array_grow(l->items, &l->cap, l->n + 1, sizeof *nl);
    if (!nl)
        return false;
    l->items = nl;
    va_list ap;
    va_start(ap, fmt);
    char *t = NULL;
    int n = vasprintf(&t, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    l->items[l->n++] = (inspect_line){t, finding};
    return true;
}

static void list_free(inspect_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].text);
    free(l->items);
    memset(l, 0, sizeof *l);
}

void inspect_report_free(inspect_report *r)
{
    free(r->users);
    free(r->outliers);
    list_free(&r->staff);
    list_free(&r->pledges);
    list_free(&r->backups);
    list_free(&r->chain);
    list_free(&r->ledger);
    list_free(&r->copies);
    memset(r, 0, sizeof *r);
}

#define NOMEM(err) meibo_fail((err), MEIBO_ERR_NOMEM, "out of memory")

/* ---- per user, from the access log --------------------------------------------------------- */

static inspect_user *user_of(inspect_report *r, const char *login, meibo_err *err)
{
    for (size_t i = r->nusers; i-- > 0;)
        if (!strcmp(r->users[i].login, login))
            return &r->users[i];
    inspect_user *nu = array_grow(r->users, &r->users_cap, r->nusers + 1, sizeof *nu);
    if (!nu) {
        NOMEM(err);
        return NULL;
    }
    r->users = nu;
    inspect_user *u = &nu[r->nusers++];
    memset(u, 0, sizeof *u);
    text_copy_cut(u->login, sizeof u->login, login);
    return u;
}

/* One row per user, day and action, with the rows outside the office's hours (?3, ?4); the
 * weekday is judged per day in C, not per row. The ORDER BY keeps a user's days together. */
static const char sql_log_days[] =
    "SELECT user_login, substr(at, 1, 10), action, count(*), "
    "sum(substr(at, 12, 5) < ?3 OR substr(at, 12, 5) >= ?4) "
    "FROM audit_log WHERE at >= ?1 AND at < ?2 GROUP BY 1, 2, 3 ORDER BY 1, 2";

/* File-private; visible to the unit tests (-DTESTING). */
STATIC int inspect_weekday(const char *iso);

/* 0 Sunday … 6 Saturday of "YYYY-MM-DD" (Sakamoto's method). */
STATIC int inspect_weekday(const char *iso)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = (int)strtol(iso, NULL, 10), m = (int)strtol(iso + 5, NULL, 10);
    int d = (int)strtol(iso + 8, NULL, 10);
    if (m < 1 || m > 12)
        return 0;
    y -= m < 3;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static const char sql_decisions[] =
    "SELECT decided_by, outcome, count(*) FROM inquiry_decisions "
    "WHERE decided_at >= ?1 AND decided_at < ?2 GROUP BY 1, 2";

typedef struct day_acc {
    char login[64], day[11];
    int64_t reads, reveals, outside;
} day_acc;

/* Per user: the days' read and reveal counts, for the rule. */
typedef struct series {
    int64_t *reads, *reveals;
    char (*days)[11];
    size_t n, cap;
} series;

static bool series_push(series *s, const day_acc *d)
{
    if (s->n == s->cap) { /* three arrays of one length: each grown, the length after all */
        size_t ca = s->cap, cb = s->cap, cc = s->cap;
        int64_t *a = array_grow(s->reads, &ca, s->n + 1, sizeof *a);
        if (a)
            s->reads = a;
        int64_t *b = array_grow(s->reveals, &cb, s->n + 1, sizeof *b);
        if (b)
            s->reveals = b;
        char(*c)[11] = array_grow(s->days, &cc, s->n + 1, sizeof *c);
        if (c)
            s->days = c;
        if (!a || !b || !c)
            return false;
        s->cap = ca < cb ? (ca < cc ? ca : cc) : (cb < cc ? cb : cc);
    }
    s->reads[s->n] = d->reads;
    s->reveals[s->n] = d->reveals;
    memcpy(s->days[s->n], d->day, 11);
    s->n++;
    return true;
}

static bool outlier_push(inspect_report *r, const char *login, const char *day, bool reveal,
                         int64_t count, double median)
{
    inspect_outlier_day *n =
        array_grow(r->outliers, &r->outliers_cap, r->noutliers + 1, sizeof *n);
    if (!n)
        return false;
    r->outliers = n;
    inspect_outlier_day *o = &n[r->noutliers++];
    memset(o, 0, sizeof *o);
    text_copy_cut(o->login, sizeof o->login, login);
    memcpy(o->day, day, 11);
    o->reveal = reveal;
    o->count = count;
    o->median = median;
    return true;
}

/* The rule over one user's active days (days with any access-log row). */
static bool series_judge(inspect_report *r, const char *login, series *s)
{
    int64_t *tmp = malloc((s->n ? s->n : 1) * sizeof *tmp);
    if (!tmp)
        return false;
    for (int k = 0; k < 2; k++) {
        int64_t *c = k ? s->reveals : s->reads;
        if (s->n)
            memcpy(tmp, c, s->n * sizeof *tmp);
        double median = inspect_median(tmp, s->n);
        for (size_t i = 0; i < s->n; i++)
            if (inspect_outlier(c[i], median) && !outlier_push(r, login, s->days[i], k, c[i], median)) {
                free(tmp);
                return false;
            }
    }
    free(tmp);
    s->n = 0;
    return true;
}

static bool day_close(inspect_user *u, const day_acc *d, series *s)
{
    if (!d->login[0])
        return true;
    u->days++;
    if (d->outside)
        u->outside_days++;
    return series_push(s, d);
}

static meibo_status scan_log(meibo_ctx *ctx, inspect_report *r, const char *end,
                             const meibo_config *cfg, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_log_days, err);
    if (!st)
        return MEIBO_ERR_DB;
    char start[16], stop[16];
    snprintf(start, sizeof start, "%02d:%02d", cfg->office_start / 60 % 100, cfg->office_start % 60);
    snprintf(stop, sizeof stop, "%02d:%02d", cfg->office_end / 60 % 100, cfg->office_end % 60);
    sqlite3_bind_text(st, 1, r->from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, start, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, stop, -1, SQLITE_TRANSIENT);
    bool office_day = false;
    day_acc d;
    memset(&d, 0, sizeof d);
    series s = {0};
    inspect_user *u = NULL;
    meibo_status ms = MEIBO_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *login = (const char *)sqlite3_column_text(st, 0);
        const char *day = (const char *)sqlite3_column_text(st, 1);
        const char *action = (const char *)sqlite3_column_text(st, 2);
        int64_t n = sqlite3_column_int64(st, 3), out = sqlite3_column_int64(st, 4);
        login = login ? login : "";
        day = day ? day : "";
        bool new_user = !u || strcmp(login, d.login) != 0;
        if (new_user || strcmp(day, d.day)) {
            if (u && !day_close(u, &d, &s)) {
                ms = NOMEM(err);
                break;
            }
            if (new_user && u && !series_judge(r, u->login, &s)) {
                ms = NOMEM(err);
                break;
            }
            if (new_user && !(u = user_of(r, login, err))) {
                ms = MEIBO_ERR_NOMEM;
                break;
            }
            memset(&d, 0, sizeof d);
            text_copy_cut(d.login, sizeof d.login, login);
            text_copy_cut(d.day, sizeof d.day, day);
            office_day = strlen(day) == 10 && (cfg->office_days & (1 << inspect_weekday(day)));
        }
        if (!office_day)
            out = n;
        inspect_kind k = inspect_action_kind(action);
        u->n[k] += n;
        u->outside += out;
        d.outside += out;
        r->log_rows += n;
        if (k == IK_READ)
            d.reads += n;
        else if (k == IK_REVEAL)
            d.reveals += n;
    }
    if (!ms && rc != SQLITE_DONE)
        ms = db_fail(ctx, err, "reading the access log");
    sqlite3_reset(st);
    if (!ms && u && (!day_close(u, &d, &s) || !series_judge(r, u->login, &s)))
        ms = NOMEM(err);
    free(s.reads);
    free(s.reveals);
    free(s.days);
    if (ms)
        return ms;

    if (!(st = db_stmt(ctx, sql_decisions, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, r->from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
    static const char *const outcomes[INSPECT_OUTCOMES] = {"provide", "partial", "refuse", "hold",
                                                           "not_found"};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *login = (const char *)sqlite3_column_text(st, 0);
        const char *o = (const char *)sqlite3_column_text(st, 1);
        int64_t n = sqlite3_column_int64(st, 2);
        if (!(u = user_of(r, login ? login : "", err))) {
            ms = MEIBO_ERR_NOMEM;
            break;
        }
        u->inquiries += n;
        for (int i = 0; o && i < INSPECT_OUTCOMES; i++)
            if (!strcmp(o, outcomes[i]))
                u->outcome[i] += n;
    }
    if (!ms && rc != SQLITE_DONE)
        ms = db_fail(ctx, err, "reading the inquiry decisions");
    sqlite3_reset(st);
    return ms;
}

/* ---- the staff register, pledges, backups, the chain ---------------------------------------- */

typedef struct fill {
    inspect_report *r;
    bool nomem;
} fill;

static int staff_take(const staff_info *s, void *arg)
{
    fill *f = arg;
    inspect_list *l = &f->r->staff;
    bool ok = true;
    if (s->past_term_enabled)
        ok = list_add(l, true, "%s（%s）：雇用期間の終了日 %s を過ぎてもアカウントが無効にされていない"
                      "（取扱規程第34条）", s->login, s->display_name, s->term_end);
    if (ok && s->fixed_term)
        ok = s->approved_by
                 ? list_add(l, false, "%s（%s）：期間の定めのある従事者、終了日 %s、総責任者 %s が %s に承認"
                            "（取扱規程第33条）", s->login, s->display_name,
                            s->term_end ? s->term_end : "-", s->approved_by,
                            s->approved_on ? s->approved_on : "-")
                 : list_add(l, !s->disabled, "%s（%s）：期間の定めのある従事者、終了日 %s、総責任者の承認待ち"
                            "（取扱規程第33条）", s->login, s->display_name,
                            s->term_end ? s->term_end : "-");
    bool live = !s->disabled && strcmp(s->state, "expired") != 0;
    if (ok && live && !s->pledge_on)
        ok = list_add(l, true, "%s（%s）：秘密保持の誓約書が登録されていない（取扱規程第27条）",
                      s->login, s->display_name);
    if (ok && live && s->training_due)
        ok = list_add(l, true, "%s（%s）：過去%dか月に教育・訓練の記録がない（最終 %s、取扱規程第28条）",
                      s->login, s->display_name, STAFF_TRAINING_MONTHS,
                      s->last_training_on ? s->last_training_on : "なし");
    f->nomem |= !ok;
    return !ok;
}

static int pledge_take(const pledge_info *p, void *arg)
{
    fill *f = arg;
    if (!list_add(&f->r->pledges, true, "誓約書 %" PRId64 "（%s）：有効期限 %s（取扱規程第5条・第6条）",
                  p->id, p->recipient, p->valid_until ? p->valid_until : "-"))
        f->nomem = true;
    return f->nomem;
}

static const char sql_copies[] =
    "SELECT at, user_login, action, detail FROM audit_log WHERE at >= ?1 AND at < ?2 "
    "AND action IN ('export.run', 'backup') ORDER BY id";

/* The exports and backups recorded today: where the chief's permissions (規程 第16条) for each
 * copy will be shown next to it once the recipients register records them. */
static meibo_status copies_today(meibo_ctx *ctx, inspect_report *r, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_copies, err);
    if (!st)
        return MEIBO_ERR_DB;
    char tomorrow[11];
    check_date_add_days(r->today, 1, tomorrow);
    sqlite3_bind_text(st, 1, r->today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, tomorrow, -1, SQLITE_TRANSIENT);
    int rc;
    meibo_status ms = MEIBO_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *at = (const char *)sqlite3_column_text(st, 0);
        const char *who = (const char *)sqlite3_column_text(st, 1);
        const char *act = (const char *)sqlite3_column_text(st, 2);
        bool backup = act && !strcmp(act, "backup");
        if (!list_add(&r->copies, false, "%s %s：%s", at ? at + 11 : "", who ? who : "",
                      backup ? "バックアップの作成" : "名簿の出力")) {
            ms = NOMEM(err);
            break;
        }
    }
    if (!ms && rc != SQLITE_DONE)
        ms = db_fail(ctx, err, "reading today's copies");
    sqlite3_reset(st);
    return ms;
}

static meibo_status backups_age(meibo_ctx *ctx, inspect_report *r, const inspect_options *opt,
                                meibo_err *err)
{
    char name[300];
    int64_t when = 0;
    int n = doctor_backup_newest(opt->cfg, opt->db_path, name, sizeof name, &when);
    bool ok;
    if (n <= 0) {
        ok = list_add(&r->backups, true, "バックアップがない（取扱規程第19条：毎日）");
    } else {
        int64_t hours = (db_now(ctx) - when) / 3600;
        ok = list_add(&r->backups, hours > DOCTOR_BACKUP_WARN_HOURS,
                      "最新のバックアップ %s は %" PRId64 "時間前（%d件保管、取扱規程第19条：毎日）",
                      name, hours < 0 ? 0 : hours, n);
    }
    return ok ? MEIBO_OK : NOMEM(err);
}

static meibo_status chain_state(meibo_ctx *ctx, inspect_report *r, meibo_err *err)
{
    int64_t bad = 0, rows = 0;
    meibo_err e;
    meibo_err_clear(&e);
    meibo_status st = audit_verify(ctx, &bad, &rows, &e);
    bool ok;
    if (st == MEIBO_ERR_INTEGRITY)
        ok = list_add(&r->chain, true, "アクセスログの連鎖が %" PRId64 "行中 %" PRId64
                      "行目で切れている：記録が meibo の外で変えられた（取扱規程第35条、第26条により報告）",
                      rows, bad);
    else if (st) {
        *err = e;
        return st;
    } else
        ok = list_add(&r->chain, false, "アクセスログの連鎖は完全（%" PRId64 "行、取扱規程第35条）", rows);
    return ok ? MEIBO_OK : NOMEM(err);
}

/* ---- the ledger against the data (第24条) -------------------------------------------------- */

/* Every table but SQLite's own and the shadow tables of the search indexes, with its entry. */
static const char sql_ledger_tables[] =
    "SELECT m.name, t.tbl IS NOT NULL, t.ledger_item, "
    "t.ledger_item IS NULL OR EXISTS (SELECT 1 FROM ledger_items l WHERE l.item = t.ledger_item) "
    "FROM sqlite_master m LEFT JOIN ledger_tables t ON t.tbl = m.name "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' "
    "AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND m.name LIKE v.name || '\\_%' ESCAPE '\\') "
    "ORDER BY m.name";

/* The items a–f held: members with a value, against the entries that list each. */
static const char sql_items_held[] =
    "SELECT p.code, (SELECT count(*) FROM ledger_items l WHERE l.policy_item = p.code), "
    "CASE p.code WHEN 'a' THEN (SELECT count(*) FROM members) "
    "WHEN 'b' THEN (SELECT count(*) FROM members WHERE coalesce(specialist_no, '') <> '') "
    "WHEN 'c' THEN (SELECT count(*) FROM members WHERE coalesce(joined_on, '') <> '') "
    "WHEN 'd' THEN (SELECT count(*) FROM members WHERE facility_id IS NOT NULL) "
    "WHEN 'e' THEN (SELECT count(*) FROM members) "
    "ELSE (SELECT count(*) FROM members WHERE coalesce(email, '') <> '') END, p.name "
    "FROM policy_items p ORDER BY p.code";

static meibo_status ledger_check(meibo_ctx *ctx, inspect_report *r, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_ledger_tables, err);
    if (!st)
        return MEIBO_ERR_DB;
    int rc, listed = 0;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *item = (const char *)sqlite3_column_text(st, 2);
        if (!sqlite3_column_int(st, 1))
            ok = list_add(&r->ledger, true, "%s 表：保有しているが、個人情報取扱台帳のどの項目にも対応づけられていない"
                          "（取扱規程第24条）", name);
        else if (!sqlite3_column_int(st, 3))
            ok = list_add(&r->ledger, true, "%s 表：対応する台帳の項目「%s」が台帳にない（取扱規程第24条）",
                          name, item);
        else
            listed++;
    }
    sqlite3_reset(st);
    if (!ok)
        return NOMEM(err);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading the tables");
    if (!(st = db_stmt(ctx, sql_items_held, err)))
        return MEIBO_ERR_DB;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(st, 0);
        int entries = sqlite3_column_int(st, 1);
        int64_t held = sqlite3_column_int64(st, 2);
        const char *name = (const char *)sqlite3_column_text(st, 3);
        if (held > 0 && !entries)
            ok = list_add(&r->ledger, true, "項目(%s)%s：%" PRId64 "人分を保有しているが台帳に記載がない"
                          "（取扱規程第24条）", code, name ? name : "", held);
    }
    sqlite3_reset(st);
    if (!ok)
        return NOMEM(err);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading the items held");
    if (!r->ledger.n && !list_add(&r->ledger, false, "保有する %d の表と項目(a)〜(f)はすべて台帳に記載されている"
                                  "（取扱規程第24条）", listed))
        return NOMEM(err);
    return MEIBO_OK;
}

/* ---- the whole ------------------------------------------------------------------------------ */

static int count_findings(const inspect_list *l)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->items[i].finding;
    return n;
}

meibo_status inspect_build(meibo_ctx *ctx, const inspect_options *opt, inspect_report *r,
                           meibo_err *err)
{
    memset(r, 0, sizeof *r);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "inspect the handling of personal data", err);
    if (st)
        return st;
    meibo_config defaults;
    const meibo_config *cfg = opt->cfg;
    if (!cfg) {
        config_defaults(&defaults);
        cfg = &defaults;
    }
    if (!opt->from || !date_iso_valid(opt->from))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "from", "--from: '%s' is not a date (YYYY-MM-DD)",
                                opt->from ? opt->from : "");
    if (!opt->until || !date_iso_valid(opt->until))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "until", "--until: '%s' is not a date (YYYY-MM-DD)",
                                opt->until ? opt->until : "");
    if (strcmp(opt->until, opt->from) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "until", "--until %s is before --from %s",
                                opt->until, opt->from);
    memcpy(r->from, opt->from, 11);
    memcpy(r->until, opt->until, 11);
    db_today(ctx, r->today, sizeof r->today);
    snprintf(r->office, sizeof r->office, "%02d:%02d〜%02d:%02d（%s）", cfg->office_start / 60 % 100,
             cfg->office_start % 60, cfg->office_end / 60 % 100, cfg->office_end % 60,
             (cfg->office_days & 0x7F) == 0x7F ? "毎日" : cfg->office_days == 0x3E ? "平日" : "所定の曜日");
    char end[11];
    check_date_add_days(opt->until, 1, end);
    fill f = {r, false};
    int days = opt->pledge_days > 0 ? opt->pledge_days : INSPECT_PLEDGE_DAYS;
    pledge_filter pf = {false, days, NULL};
    if ((st = scan_log(ctx, r, end, cfg, err)) || (st = staff_list(ctx, staff_take, &f, err)) ||
        (st = pledge_list(ctx, &pf, pledge_take, &f, err)) ||
        (st = backups_age(ctx, r, opt, err)) || (st = chain_state(ctx, r, err)) ||
        (st = ledger_check(ctx, r, err)) || (st = copies_today(ctx, r, err)))
        goto fail;
    if (f.nomem) {
        st = NOMEM(err);
        goto fail;
    }
    if (!r->staff.n && !list_add(&r->staff, false, "指摘事項なし（取扱規程第27条・第28条・第33条・第34条）")) {
        st = NOMEM(err);
        goto fail;
    }
    r->findings = (int)r->noutliers + count_findings(&r->staff) + count_findings(&r->pledges) +
                  count_findings(&r->backups) + count_findings(&r->chain) +
                  count_findings(&r->ledger);
    for (size_t i = 0; i < r->nusers; i++)
        r->findings += r->users[i].outside > 0 && strcmp(r->users[i].login, "system") != 0;
    char detail[160];
    snprintf(detail, sizeof detail, "from=%s until=%s rows=%" PRId64 " findings=%d", r->from,
             r->until, r->log_rows, r->findings);
    if ((st = audit_append(ctx, "inspect.run", NULL, detail, err)))
        goto fail;
    return MEIBO_OK;
fail:
    inspect_report_free(r);
    return st;
}

/* ---- what people write ----------------------------------------------------------------------- */

static const char sql_record[] =
    "INSERT INTO inspections (period_from, period_until, findings, corrective, recorded_at, "
    "recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

meibo_status inspect_record(meibo_ctx *ctx, const char *from, const char *until,
                            const char *findings, const char *corrective, int64_t *id,
                            meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "record an inspection's findings", err);
    if (st)
        return st;
    if (!from || !date_iso_valid(from) || !until || !date_iso_valid(until) || strcmp(until, from) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "from",
                                "the period is --from YYYY-MM-DD --until YYYY-MM-DD, not before it");
    if ((st = check_text("findings", findings, 4000, true, err)) ||
        (st = check_text("corrective", corrective, 4000, false, err)))
        return st;
    if ((st = db_begin(ctx, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_record, err);
    if (!s) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    char at[32];
    db_now_text(ctx, at, sizeof at);
    sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, findings, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, corrective ? corrective : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, ctx->login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording an inspection");
        db_rollback(ctx);
        return st;
    }
    int64_t nid = sqlite3_last_insert_rowid(ctx->db);
    char detail[120];
    snprintf(detail, sizeof detail, "id=%" PRId64 " from=%s until=%s", nid, from, until);
    if ((st = audit_append(ctx, "inspect.record", NULL, detail, err))) {
        db_rollback(ctx);
        return st;
    }
    if ((st = db_commit(ctx, err)))
        return st;
    if (id)
        *id = nid;
    return MEIBO_OK;
}

static const char sql_ack[] =
    "UPDATE inspections SET acknowledged_at = ?2, acknowledged_by = ?3, ack_note = ?4 "
    "WHERE id = ?1 AND acknowledged_at IS NULL";
static const char sql_exists[] = "SELECT acknowledged_by FROM inspections WHERE id = ?1";

meibo_status inspect_ack(meibo_ctx *ctx, int64_t id, const char *note, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "acknowledge an inspection report", err);
    if (st || (st = check_text("note", note, 2000, false, err)))
        return st;
    if ((st = db_begin(ctx, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_exists, err);
    if (!s) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    bool acked = rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW || acked) {
        db_rollback(ctx);
        return rc == SQLITE_DONE
                   ? meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no inspection %" PRId64, id)
               : acked ? meibo_fail_field(err, MEIBO_ERR_CONFLICT, "id",
                                          "inspection %" PRId64 " is already acknowledged", id)
                       : db_fail(ctx, err, "reading an inspection");
    }
    if (!(s = db_stmt(ctx, sql_ack, err))) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    char at[32];
    db_now_text(ctx, at, sizeof at);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, note ? note : "", -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    char detail[64];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if (rc != SQLITE_DONE)
        st = db_fail(ctx, err, "acknowledging an inspection");
    if (st || (st = audit_append(ctx, "inspect.ack", NULL, detail, err))) {
        db_rollback(ctx);
        return st;
    }
    return db_commit(ctx, err);
}

static const char sql_records[] =
    "SELECT id, period_from, period_until, findings, corrective, recorded_at, recorded_by, "
    "acknowledged_at, acknowledged_by, ack_note FROM inspections WHERE ?1 = 0 OR id = ?1 "
    "ORDER BY id DESC";

meibo_status inspect_records(meibo_ctx *ctx, int64_t id, inspect_record_fn fn, void *arg,
                             meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "read inspection records", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_records, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc, n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *c[10];
        for (int i = 1; i < 10; i++)
            c[i] = (const char *)sqlite3_column_text(s, i);
        inspect_record_info x = {sqlite3_column_int64(s, 0), c[1], c[2], c[3], c[4], c[5], c[6],
                                 c[7], c[8], c[7] ? c[9] : NULL};
        n++;
        if (fn && fn(&x, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE)
        st = db_fail(ctx, err, "reading inspections");
    sqlite3_reset(s);
    if (!st && id && !n)
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no inspection %" PRId64, id);
    return st;
}
