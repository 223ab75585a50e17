/* watch.c: another connection's changes, polled cheaply (watch.h). */
#include <string.h>

#include "meibo/watch.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

bool watch_is_read(const char *action)
{
    static const char *const reads[] = {"search", "login", "login_failed", "logout", "lock",
                                        "unlock", "backup"};
    if (!action)
        return true;
    for (size_t i = 0; i < sizeof reads / sizeof *reads; i++)
        if (!strcmp(action, reads[i]))
            return true;
    return ends_with(action, ".read") || ends_with(action, ".list") ||
           ends_with(action, ".preview") || ends_with(action, ".reveal");
}

static const char sql_version[] = "PRAGMA data_version";
static const char sql_last_id[] = "SELECT coalesce(max(id), 0) FROM audit_log";
static const char sql_since[] = "SELECT id, action FROM audit_log WHERE id > ?1 ORDER BY id";

static meibo_status one_int(meibo_ctx *ctx, const char *sql, int64_t *out, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql, err);
    if (!st)
        return MEIBO_ERR_DB;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "watching for changes");
}

meibo_status watch_poll(meibo_ctx *ctx, meibo_watch *w, bool *changed, meibo_err *err)
{
    *changed = false;
    int64_t version;
    meibo_status st = one_int(ctx, sql_version, &version, err);
    if (st)
        return st;
    if (!w->started) {
        if ((st = one_int(ctx, sql_last_id, &w->scanned, err)))
            return st;
        w->data_version = version;
        w->started = true;
        return MEIBO_OK;
    }
    if (version == w->data_version)
        return MEIBO_OK;
    w->data_version = version;
    sqlite3_stmt *q = db_stmt(ctx, sql_since, err);
    if (!q)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(q, 1, w->scanned);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        w->scanned = sqlite3_column_int64(q, 0);
        if (!watch_is_read((const char *)sqlite3_column_text(q, 1)))
            *changed = true;
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "watching for changes");
}
