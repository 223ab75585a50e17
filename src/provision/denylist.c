/* denylist.c: the chief officer's deny-list of requesters (第20条第4項(d)). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/denylist.h"
#include "meibo/retire.h"
#include "meibo/text.h"

static const char sql_insert[] =
    "INSERT INTO denylist (requester, requester_key, organization, organization_key, reason, "
    "listed_on, listed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_remove[] =
    "UPDATE denylist SET removed_on = ?2, removed_by = ?3, remove_reason = ?4 "
    "WHERE id = ?1 AND removed_on IS NULL";
static const char sql_removed[] = "SELECT removed_on IS NOT NULL FROM denylist WHERE id = ?1";
/* The entries in force (?1: also those taken off) after (?2 = 0: from the first) or before
 * (from the last) entry ?2, by number; at most ?3. */
#define DENYLIST_SELECT                                                                       \
    "SELECT id, requester, organization, reason, listed_on, listed_by, removed_on, removed_by, " \
    "remove_reason FROM denylist WHERE (?1 OR removed_on IS NULL) "
static const char sql_list_after[] =
    DENYLIST_SELECT "AND (?2 = 0 OR id > ?2) ORDER BY id LIMIT ?3";
static const char sql_list_before[] =
    DENYLIST_SELECT "AND (?2 = 0 OR id < ?2) ORDER BY id DESC LIMIT ?3";
static const char sql_match[] =
    "SELECT id FROM denylist WHERE removed_on IS NULL "
    "AND (requester_key = '' OR requester_key = ?1) "
    "AND (organization_key = '' OR organization_key = ?2) ORDER BY id LIMIT 1";

/* The search key of @p s, or "" for NULL / blank; *out malloc'd. */
static meibo_status key_of(const char *s, char **out, meibo_err *err)
{
    return text_search_key(s ? s : "", out, err);
}

meibo_status denylist_add(meibo_ctx *ctx, const char *requester, const char *organization,
                          const char *reason, const char *date, int64_t *id, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "add to the deny-list (第20条第4項(d))",
                                   err);
    if (st || (st = check_text("requester", requester, 100, false, err)) ||
        (st = check_text("organization", organization, 100, false, err)) ||
        (st = check_text("reason", reason, 200, true, err)))
        return st;
    if (check_blank(requester) && check_blank(organization))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "requester",
                                "requester: give the requester, the organization or both");
    char today[16], on[11];
    db_today(ctx, today, sizeof today);
    if ((st = check_date_in("date", date, today, CHECK_DATE_EVENT, today, on, err)))
        return st;
    char *rkey = NULL, *okey = NULL;
    if ((st = key_of(requester, &rkey, err)) || (st = key_of(organization, &okey, err)))
        goto out;
    if ((st = db_begin(ctx, err)))
        goto out;
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_text(s, 1, requester ? requester : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, rkey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, organization ? organization : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, okey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, on, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 7, ctx->login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "adding to the deny-list");
        goto rollback;
    }
    int64_t new_id = sqlite3_last_insert_rowid(ctx->db);
    char detail[64];
    snprintf(detail, sizeof detail, "id=%" PRId64, new_id);
    if ((st = audit_append(ctx, "denylist.add", NULL, detail, err)) || (st = db_commit(ctx, err)))
        goto rollback;
    if (id)
        *id = new_id;
    goto out;
rollback:
    db_rollback(ctx);
out:
    free(rkey);
    free(okey);
    return st;
}

meibo_status denylist_remove(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err)
{
    static const retire_spec spec = {sql_removed, sql_remove, MEIBO_ROLE_CHIEF, "deny-list entry",
                                     "removed", "denylist.remove"};
    return retire_row(ctx, &spec, id, reason, err);
}

meibo_status denylist_list(meibo_ctx *ctx, bool all, denylist_fn fn, void *arg, meibo_err *err)
{
    return denylist_page(ctx, all, 0, false, -1, fn, arg, err);
}

meibo_status denylist_page(meibo_ctx *ctx, bool all, int64_t after_id, bool backward, int limit,
                           denylist_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the deny-list", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, backward ? sql_list_before : sql_list_after, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int(s, 1, all);
    sqlite3_bind_int64(s, 2, after_id > 0 ? after_id : 0);
    sqlite3_bind_int(s, 3, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        denylist_entry e = {sqlite3_column_int64(s, 0), db_text_or_null(s, 1), db_text_or_null(s, 2), db_text_or_null(s, 3),
                            db_text_or_null(s, 4), db_text_or_null(s, 5), db_text_or_null(s, 6), db_text_or_null(s, 7), db_text_or_null(s, 8)};
        if (fn(&e, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the deny-list");
}

meibo_status denylist_match(meibo_ctx *ctx, const char *requester, const char *organization,
                            int64_t *id, meibo_err *err)
{
    *id = 0;
    char *rkey = NULL, *okey = NULL;
    meibo_status st;
    if ((st = key_of(requester, &rkey, err)) || (st = key_of(organization, &okey, err)))
        goto out;
    sqlite3_stmt *s = db_stmt(ctx, sql_match, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto out;
    }
    sqlite3_bind_text(s, 1, rkey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, okey, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        st = db_fail(ctx, err, "reading the deny-list");
    sqlite3_reset(s);
out:
    free(rkey);
    free(okey);
    return st;
}
