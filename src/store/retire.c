/* retire.c: end a registry row (pledge, deny-list entry) by stamping it, audited. */
#include <inttypes.h>
#include <stdio.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/retire.h"

meibo_status retire_row(meibo_ctx *ctx, const retire_spec *spec, int64_t id, const char *reason,
                        meibo_err *err)
{
    char what[80];
    snprintf(what, sizeof what, "%s a %s", spec->done, spec->what);
    meibo_status st = auth_require(ctx, spec->role, what, err);
    if (st || (st = check_text("reason", reason, 200, true, err)))
        return st;
    char today[16];
    db_today(ctx, today, sizeof today);
    if ((st = db_begin(ctx, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, spec->sql_state, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    int retired = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no %s %" PRId64, spec->what, id);
    else if (rc != SQLITE_ROW)
        st = db_fail(ctx, err, spec->what);
    else if (retired)
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id", "%s %" PRId64 " is already %s",
                              spec->what, id, spec->done);
    if (st)
        goto rollback;
    if (!(s = db_stmt(ctx, spec->sql_retire, err))) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, spec->what);
        goto rollback;
    }
    char detail[64];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if ((st = audit_append(ctx, spec->action, NULL, detail, err)) || (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}
