/* search_reindex.c: every member's search keys and the index rebuilt from the stored fields
 * (search.h). Its own file: the keys are made by search.c and stored here, as member.c does. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/roster.h"
#include "meibo/search.h"

static const char sql_reindex_members[] = "SELECT member_no FROM members ORDER BY id";
static const char sql_reindex_set[] =
    "UPDATE members SET search_key = ?2, reading_key = ?3, name_key = ?4 WHERE id = ?1";
static const char sql_grams_clear[] = "INSERT INTO member_grams(member_grams) VALUES ('delete-all')";
static const char sql_trigrams_clear[] =
    "INSERT INTO member_trigrams(member_trigrams) VALUES ('delete-all')";

static meibo_status run_one(meibo_ctx *ctx, const char *sql, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "rebuilding the search index");
}

/* One member's keys from its fields, stored, and its index documents added. */
static meibo_status reindex_one(meibo_ctx *ctx, const char *member_no, meibo_err *err)
{
    meibo_member m;
    member_init(&m);
    char *key = NULL, *rk = NULL, *nk = NULL, *grams = NULL, *tri = NULL;
    meibo_status st = member_load(ctx, member_no, 0, &m, err);
    if (!st)
        st = search_member_keys(&m, &key, &rk, &nk, err);
    if (!st)
        st = search_grams(key, &grams, &tri, err);
    sqlite3_stmt *s = st ? NULL : db_stmt(ctx, sql_reindex_set, err);
    if (!st && !s)
        st = MEIBO_ERR_DB;
    if (!st) {
        sqlite3_bind_int64(s, 1, m.id);
        sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, rk, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, nk, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            st = db_fail(ctx, err, "rebuilding the search index");
    }
    if (!st)
        st = search_index_add(ctx, m.id, grams, tri, err);
    member_clear(&m);
    free(key);
    free(rk);
    free(nk);
    free(grams);
    free(tri);
    return st;
}

meibo_status search_reindex(meibo_ctx *ctx, int64_t *n, meibo_err *err)
{
    *n = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "rebuild the search index", err);
    if (st || (st = db_begin(ctx, err)))
        return st;
    if ((st = run_one(ctx, sql_grams_clear, err)) || (st = run_one(ctx, sql_trigrams_clear, err)))
        goto out;
    /* the member numbers first (the loop below prepares statements of its own) */
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(ctx->db, sql_reindex_members, -1, &s, NULL) != SQLITE_OK) {
        st = db_fail(ctx, err, "rebuilding the search index");
        goto out;
    }
    int rc = SQLITE_DONE;
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        char no[64];
        snprintf(no, sizeof no, "%s", (const char *)sqlite3_column_text(s, 0));
        if (!(st = reindex_one(ctx, no, err)))
            (*n)++;
    }
    if (!st && rc != SQLITE_DONE)
        st = db_fail(ctx, err, "rebuilding the search index");
    sqlite3_finalize(s);
    if (!st) {
        char detail[64];
        snprintf(detail, sizeof detail, "members=%" PRId64, *n);
        st = audit_append(ctx, "search.reindex", NULL, detail, err);
    }
out:
    if (st) {
        db_rollback(ctx);
        *n = 0;
        return st;
    }
    return db_commit(ctx, err);
}

