/* export_purpose.c: the export purposes (schema/003-export.sql): what each purpose may put on
 * a sheet, for whom, on which media, and the rules of 第20条 it rests on. Read by the export
 * itself and by the chief officer's permissions (規程 第16条). */
#include <stdbool.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/decide.h"
#include "meibo/export_purpose.h"

/* ---- the purposes ------------------------------------------------------------------------------ */

#define PURPOSE_SELECT                                                                        \
    "SELECT code, name, article, text, policy_purposes, category, columns, consents, "        \
    "optout_excluded, statuses, media_paper, media_electronic, pledge_required "              \
    "FROM export_purposes "

static const char sql_purposes[] = PURPOSE_SELECT "ORDER BY sort, code";
static const char sql_purpose[] = PURPOSE_SELECT "WHERE code = ?1";

static void purpose_from(sqlite3_stmt *s, export_purpose *p)
{
    memset(p, 0, sizeof *p);
    db_text_copy(p->code, sizeof p->code, s, 0);
    db_text_copy(p->name, sizeof p->name, s, 1);
    db_text_copy(p->article, sizeof p->article, s, 2);
    db_text_copy(p->text, sizeof p->text, s, 3);
    db_text_copy(p->policy_purposes, sizeof p->policy_purposes, s, 4);
    db_text_copy(p->category, sizeof p->category, s, 5);
    db_text_copy(p->columns, sizeof p->columns, s, 6);
    db_text_copy(p->consents, sizeof p->consents, s, 7);
    p->optout_excluded = sqlite3_column_int(s, 8) != 0;
    db_text_copy(p->statuses, sizeof p->statuses, s, 9);
    p->media = (sqlite3_column_int(s, 10) ? DECIDE_MEDIA_PAPER : 0) |
               (sqlite3_column_int(s, 11) ? DECIDE_MEDIA_ELECTRONIC : 0);
    p->pledge_required = sqlite3_column_int(s, 12) != 0;
}

meibo_status export_purposes(meibo_ctx *ctx, export_purpose_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the export purposes", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_purposes, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        export_purpose p;
        purpose_from(s, &p);
        if (fn(&p, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the export purposes");
}

meibo_status export_purpose_load(meibo_ctx *ctx, const char *code, export_purpose *out,
                                 meibo_err *err)
{
    if (check_blank(code))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "purpose",
                                "purpose: give an export purpose (see: meibo export purposes)");
    sqlite3_stmt *s = db_stmt(ctx, sql_purpose, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        purpose_from(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return MEIBO_OK;
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading an export purpose");
    return meibo_fail_field(err, MEIBO_ERR_INVALID, "purpose",
                            "purpose: '%s' is not an export purpose (see: meibo export purposes)",
                            code);
}
