/* staff.c: the staff register — pledges (取扱規程 第27条), training (第28条), term ends and
 * fixed-term approvals (第33条, 第34条). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/staff.h"
#include "meibo/text.h"

/* A date given by staff: a real date, not after today. */
static meibo_status past_date(const meibo_ctx *ctx, const char *field, const char *v,
                              char iso[11], meibo_err *err)
{
    meibo_status st = check_date(field, v, NULL, iso, err);
    if (st)
        return st;
    char today[16];
    db_today(ctx, today, sizeof today);
    if (strcmp(iso, today) > 0)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, field, MEIBO_REASON_FUTURE, iso, NULL,
                                 "%s: %s is after today", field, iso);
    return MEIBO_OK;
}

meibo_status staff_pledge_check(const meibo_ctx *ctx, const char *on, const char *document,
                                meibo_err *err)
{
    char iso[11];
    meibo_status st = past_date(ctx, "pledge_on", on, iso, err);
    if (!st)
        st = check_text("pledge_document", document, STAFF_MAX_TOPIC, false, err);
    return st;
}

static const char sql_user_id[] = "SELECT id FROM users WHERE login = ?1";

static meibo_status user_id_of(meibo_ctx *ctx, const char *login, int64_t *id, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_user_id, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, login ? login : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    meibo_status s = MEIBO_OK;
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        s = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "login", "no user '%s'",
                             login ? login : "");
    else
        s = db_fail(ctx, err, "reading a user");
    sqlite3_reset(st);
    return s;
}

/* Begin a write, find @p login and prepare @p sql with the user's id bound as ?1. */
static meibo_status begin_for_user(meibo_ctx *ctx, const char *login, const char *sql,
                                   sqlite3_stmt **out, meibo_err *err)
{
    meibo_status s = db_begin(ctx, err);
    if (s)
        return s;
    int64_t id = 0;
    if ((s = user_id_of(ctx, login, &id, err))) {
        db_rollback(ctx);
        return s;
    }
    if (!(*out = db_stmt(ctx, sql, err))) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_int64(*out, 1, id);
    return MEIBO_OK;
}

/* Step a bound statement once inside the caller's transaction, audit, commit. */
static meibo_status write_audited(meibo_ctx *ctx, sqlite3_stmt *st, const char *action,
                                  const char *detail, meibo_err *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    meibo_status s = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, action);
    if (!s)
        s = audit_append(ctx, action, NULL, detail, err);
    if (s) {
        db_rollback(ctx);
        return s;
    }
    return db_commit(ctx, err);
}

static const char sql_pledge_set[] =
    "UPDATE users SET pledge_on = ?2, pledge_document = ?3, pledge_recorded_by = ?4 WHERE id = ?1";

meibo_status staff_pledge_record(meibo_ctx *ctx, const char *login, const char *on,
                                 const char *document, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "record a staff pledge", err);
    if (s)
        return s;
    char iso[11];
    if ((s = past_date(ctx, "pledge_on", on, iso, err)) ||
        (s = check_text("pledge_document", document, STAFF_MAX_TOPIC, false, err)))
        return s;
    sqlite3_stmt *st = NULL;
    if ((s = begin_for_user(ctx, login, sql_pledge_set, &st, err)))
        return s;
    sqlite3_bind_text(st, 2, iso, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, document ? document : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, ctx->login, -1, SQLITE_TRANSIENT);
    char detail[160];
    snprintf(detail, sizeof detail, "login=%s pledge_on=%s", login, iso);
    return write_audited(ctx, st, "user.pledge", detail, err);
}

static const char sql_training_add[] =
    "INSERT INTO staff_training (user_id, held_on, topic, recorded_at, recorded_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

meibo_status staff_training_add(meibo_ctx *ctx, const char *login, const char *held_on,
                                const char *topic, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "record staff training", err);
    if (s)
        return s;
    char iso[11];
    if ((s = past_date(ctx, "held_on", held_on, iso, err)) ||
        (s = check_text("topic", topic, STAFF_MAX_TOPIC, true, err)))
        return s;
    sqlite3_stmt *st = NULL;
    if ((s = begin_for_user(ctx, login, sql_training_add, &st, err)))
        return s;
    char at[32];
    db_now_text(ctx, at, sizeof at);
    sqlite3_bind_text(st, 2, iso, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, topic, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, ctx->login, -1, SQLITE_TRANSIENT);
    char detail[160];
    snprintf(detail, sizeof detail, "login=%s held_on=%s", login, iso);
    return write_audited(ctx, st, "user.training", detail, err);
}

/* The newest session of each user comes from a correlated subquery: few users, few rows. */
static const char sql_staff_list[] =
    "SELECT u.login, u.display_name, u.role, u.term_end, u.fixed_term, u.approved_by, "
    "substr(u.approved_at, 1, 10), u.disabled, u.pledge_on, u.pledge_document, "
    "(SELECT max(held_on) FROM staff_training t WHERE t.user_id = u.id), "
    "(SELECT topic FROM staff_training t WHERE t.user_id = u.id ORDER BY held_on DESC, id DESC "
    "LIMIT 1), (SELECT count(*) FROM staff_training t WHERE t.user_id = u.id), "
    "(SELECT failures FROM login_failures f WHERE f.key = 'login:' || u.login "
    "AND ?1 - f.last_failure <= ?2) FROM users u ORDER BY u.login";

static meibo_status staff_walk(meibo_ctx *ctx, staff_fn fn, void *arg, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_staff_list, err);
    if (!st)
        return MEIBO_ERR_DB;
    char today[16], year_ago[11];
    db_today(ctx, today, sizeof today);
    check_date_add_years(today, -STAFF_TRAINING_MONTHS / 12, year_ago);
    sqlite3_bind_int64(st, 1, db_now(ctx));
    sqlite3_bind_int64(st, 2, AUTH_FORGET_SECONDS);
    int rc;
    meibo_status s = MEIBO_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c[12];
        for (int i = 0; i < 12; i++)
            c[i] = (const char *)sqlite3_column_text(st, i);
        staff_info x = {
            .login = c[0], .display_name = c[1], .role = c[2], .term_end = c[3],
            .fixed_term = sqlite3_column_int(st, 4) != 0, .approved_by = c[5],
            .approved_on = c[6], .disabled = sqlite3_column_int(st, 7) != 0,
            .pledge_on = c[8], .pledge_document = c[9] ? c[9] : "",
            .last_training_on = c[10], .last_training_topic = c[11] ? c[11] : "",
            .trainings = sqlite3_column_int(st, 12),
            .failures = sqlite3_column_int(st, 13),
        };
        bool expired = x.term_end && strcmp(x.term_end, today) < 0;
        x.past_term_enabled = expired && !x.disabled;
        x.training_due = !x.last_training_on || strcmp(x.last_training_on, year_ago) < 0;
        x.state = x.disabled                       ? "disabled"
                  : expired                        ? "expired"
                  : x.fixed_term && !x.approved_by ? "awaiting approval"
                  : !x.pledge_on                   ? "no pledge"
                  : x.failures >= AUTH_DELAY_FREE  ? "locked" /* its logins wait (第33条) */
                                                   : "active";
        if (fn && fn(&x, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE)
        s = db_fail(ctx, err, "listing staff");
    sqlite3_reset(st);
    return s;
}

meibo_status staff_list(meibo_ctx *ctx, staff_fn fn, void *arg, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "list the staff register", err);
    return s ? s : staff_walk(ctx, fn, arg, err);
}

typedef struct due_count {
    int no_pledge, no_training;
} due_count;

static int due_take(const staff_info *x, void *arg)
{
    due_count *d = arg;
    if (x->disabled || (x->term_end && !strcmp(x->state, "expired")))
        return 0;
    d->no_pledge += !x->pledge_on;
    d->no_training += x->training_due;
    return 0;
}

meibo_status staff_due_counts(meibo_ctx *ctx, int *no_pledge, int *no_training, meibo_err *err)
{
    *no_pledge = *no_training = 0;
    meibo_status s = auth_require(ctx, MEIBO_ROLE_CLERK, "check the staff register", err);
    if (s)
        return s;
    due_count d = {0, 0};
    if ((s = staff_walk(ctx, due_take, &d, err)))
        return s;
    *no_pledge = d.no_pledge;
    *no_training = d.no_training;
    return MEIBO_OK;
}

static const char sql_training_list[] =
    "SELECT t.id, u.login, t.held_on, t.topic, t.recorded_by FROM staff_training t "
    "JOIN users u ON u.id = t.user_id WHERE ?1 IS NULL OR u.login = ?1 "
    "ORDER BY t.held_on DESC, t.id DESC";

meibo_status staff_training_list(meibo_ctx *ctx, const char *login, staff_training_fn fn,
                                 void *arg, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "list staff training", err);
    if (s)
        return s;
    sqlite3_stmt *st = db_stmt(ctx, sql_training_list, err);
    if (!st)
        return MEIBO_ERR_DB;
    if (login)
        sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        staff_training t = {
            sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
            (const char *)sqlite3_column_text(st, 4)};
        if (fn && fn(&t, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE)
        s = db_fail(ctx, err, "listing staff training");
    sqlite3_reset(st);
    return s;
}
