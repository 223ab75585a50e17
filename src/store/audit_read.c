/* audit_read.c: reading the access log back (取扱規程 第23条, 第35条): a user's or a member's
 * rows, by dates, oldest or newest first, keyset-paged; a member's history. The writer (and
 * the chain, its key and anchors) is audit.c, which knows nothing of who may read. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/audit_read.h"
#include "meibo/auth.h"
#include "meibo/date.h"
#include "meibo/text.h"

/* Filters: ?1 after_id (or before_id, newest first), ?2 user_login, ?3 member_no, ?4 since,
 * ?5 until, ?6 limit. */
#define AUDIT_COLS                                                                           \
    "SELECT id, at, user_login, unix_user, ssh_client, action, member_no, detail, "         \
    "prev_hash, hash FROM audit_log "
#define AUDIT_DATES_ONLY " AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < date(?5, '+1 day'))"
#define AUDIT_DATES AUDIT_DATES_ONLY " ORDER BY id LIMIT ?6"
#define AUDIT_DATES_DESC AUDIT_DATES_ONLY " ORDER BY id DESC LIMIT ?6"
/* One row of an AUDIT_COLS statement; the strings live until the next step. */
static void row_read(sqlite3_stmt *st, audit_row *row)
{
    const char *c[9];
    for (int i = 0; i < 9; i++) {
        c[i] = (const char *)sqlite3_column_text(st, i + 1);
        if (!c[i])
            c[i] = "";
    }
    *row = (audit_row){
        .id = sqlite3_column_int64(st, 0),
        .at = c[0], .user_login = c[1], .unix_user = c[2], .ssh_client = c[3],
        .action = c[4], .member_no = c[5], .detail = c[6], .prev_hash = c[7], .hash = c[8],
    };
}

#define SQL_Q_ALL(cmp, order) AUDIT_COLS "WHERE id " cmp " ?1" order
#define SQL_Q_USER(cmp, order)                                                               \
    AUDIT_COLS "WHERE user_login = ?2 AND id " cmp " ?1"                                     \
               " AND (?3 IS NULL OR member_no = ?3)" order
#define SQL_Q_MEMBER(cmp, order)                                                             \
    AUDIT_COLS "WHERE ((member_no = ?3 AND member_no <> '') OR id IN (SELECT audit_id FROM " \
               "audit_list_members WHERE lo <= ?7 AND hi >= ?7)) AND id " cmp " ?1"          \
               " AND (?2 IS NULL OR user_login = ?2)" order
static const char sql_q_all[] = SQL_Q_ALL(">", AUDIT_DATES);
static const char sql_q_user[] = SQL_Q_USER(">", AUDIT_DATES);
static const char sql_q_member[] = SQL_Q_MEMBER(">", AUDIT_DATES);
/* newest first, keyset paging down from before_id (取扱規程 第23条: the latest rows first) */
static const char sql_q_all_desc[] = SQL_Q_ALL("<", AUDIT_DATES_DESC);
static const char sql_q_user_desc[] = SQL_Q_USER("<", AUDIT_DATES_DESC);
static const char sql_q_member_desc[] = SQL_Q_MEMBER("<", AUDIT_DATES_DESC);



meibo_status audit_query(meibo_ctx *ctx, const audit_filter *f, audit_row_fn fn, void *arg,
                         meibo_err *err)
{
    static const audit_filter none = {0};
    if (!f)
        f = &none;
    const char *user = f->user_login && *f->user_login ? f->user_login : NULL;
    const char *member = f->member_no && *f->member_no ? f->member_no : NULL;
    const char *since = f->since && *f->since ? f->since : NULL;
    const char *until = f->until && *f->until ? f->until : NULL;

    meibo_status s = auth_require(ctx, MEIBO_ROLE_CLERK, "read the access log", err);
    if (s != MEIBO_OK)
        return s;
    /* 取扱規程 第23条: the log is viewed per user ID; a clerk sees only their own */
    if (ctx->role < MEIBO_ROLE_MANAGER && (!user || strcmp(user, ctx->login) != 0))
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "a clerk may read only their own access log (取扱規程 第23条)");
    if (since && !date_iso_valid(since))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "since",
                                "since: '%s' is not a date (YYYY-MM-DD)", since);
    if (until && !date_iso_valid(until))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "until",
                                "until: '%s' is not a date (YYYY-MM-DD)", until);
    if (f->limit < 0 || f->after_id < 0 || f->before_id < 0)
        return meibo_fail(err, MEIBO_ERR_INVALID,
                          "audit query: negative limit, after_id or before_id");
    if (f->newest_first && f->after_id)
        return meibo_fail(err, MEIBO_ERR_INVALID,
                          "audit query: newest first pages with before_id, not after_id");

    const char *sql = f->newest_first
                          ? (member ? sql_q_member_desc : user ? sql_q_user_desc : sql_q_all_desc)
                          : (member ? sql_q_member : user ? sql_q_user : sql_q_all);
    sqlite3_stmt *st = db_stmt(ctx, sql, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, f->newest_first ? (f->before_id ? f->before_id : INT64_MAX)
                                              : f->after_id);
    if (user)
        sqlite3_bind_text(st, 2, user, -1, SQLITE_TRANSIENT);
    if (member) {
        sqlite3_bind_text(st, 3, member, -1, SQLITE_TRANSIENT);
        char *end = NULL;
        long long no = strtoll(member, &end, 10);
        sqlite3_bind_int64(st, 7, end && !*end && no > 0 ? no : -1);
    }
    if (since)
        sqlite3_bind_text(st, 4, since, -1, SQLITE_TRANSIENT);
    if (until)
        sqlite3_bind_text(st, 5, until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, f->limit > 0 ? f->limit : -1);

    int64_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        audit_row row;
        row_read(st, &row);
        rows++;
        if (fn && fn(&row, arg) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        s = db_fail(ctx, err, "audit log: reading");
        sqlite3_reset(st);
        return s;
    }
    sqlite3_reset(st);

    /* 取扱規程 第35条: reading the log is itself an access worth recording */
    char detail[512], ushort[65], mshort[65];
    text_copy_cut(ushort, sizeof ushort, user ? user : "*");
    text_copy_cut(mshort, sizeof mshort, member ? member : "*");
    snprintf(detail, sizeof detail,
             "user=%s member=%s since=%s until=%s %s=%" PRId64 " limit=%d rows=%" PRId64,
             ushort, mshort, since ? since : "-", until ? until : "-",
             f->newest_first ? "before_id" : "after_id",
             f->newest_first ? f->before_id : f->after_id, f->limit, rows);
    return audit_append(ctx, "audit.read", NULL, detail, err);
}

static const char sql_history[] =
    AUDIT_COLS "WHERE member_no = ?1 AND member_no <> '' "
               "AND action IN ('member.create', 'member.update', 'member.withdraw', "
               "'optout.add', 'optout.withdraw') "
               "ORDER BY id DESC LIMIT ?2";

meibo_status audit_member_history(meibo_ctx *ctx, const char *member_no, int limit,
                                  audit_row_fn fn, void *arg, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_CLERK, "read a member's history", err);
    if (s != MEIBO_OK)
        return s;
    sqlite3_stmt *st = db_stmt(ctx, sql_history, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, member_no ? member_no : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        audit_row row;
        row_read(st, &row);
        if (fn && fn(&row, arg) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    s = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "member history: reading");
    sqlite3_reset(st);
    return s;
}
