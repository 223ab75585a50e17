/* optout.c: the written application to stop provision to third parties (規程 第20条第5項). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/optout.h"
#include "meibo/text.h"

#define DOCUMENT_MAX 60 /* characters of a document number */

static const char sql_member[] = "SELECT id, joined_on FROM members WHERE member_no = ?1";
static const char sql_in_force[] =
    "SELECT id, received_on FROM member_optouts WHERE member_id = ?1 AND withdrawn_on IS NULL";
static const char sql_insert[] =
    "INSERT INTO member_optouts (member_id, received_on, document_no, recorded_by, recorded_at, "
    "request_id, channel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* the written application arrives for a telephone request (書面待ち → 書面受領) */
static const char sql_written[] =
    "UPDATE member_optouts SET document_no = ?2, written_on = ?3, written_by = ?4 "
    "WHERE id = ?1 AND channel = 'phone' AND written_on IS NULL AND withdrawn_on IS NULL";
static const char sql_phone_state[] =
    "SELECT o.channel, o.written_on IS NOT NULL, o.withdrawn_on IS NOT NULL, o.received_on, "
    "m.member_no, m.id FROM member_optouts o JOIN members m ON m.id = o.member_id WHERE o.id = ?1";
static const char sql_withdraw[] =
    "UPDATE member_optouts SET withdrawn_on = ?2, withdrawn_by = ?3, withdrawn_at = ?4, "
    "withdrawal_document_no = ?5 WHERE id = ?1 AND withdrawn_on IS NULL";
/* a member edit begun before this change must not undo it through optout_on: move the
 * member's version on, as member.c's optimistic locking expects of every change */
static const char sql_touch[] =
    "UPDATE members SET version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1";

/* The member by number (normalized into @p no): id and joining date. */
static meibo_status member_find(meibo_ctx *ctx, const char *member_no, char no[32],
                                int64_t *id, char joined[11], meibo_err *err)
{
    char *n = NULL;
    meibo_status st = check_text("member_no", member_no, 20, true, err);
    if (st || (st = text_nfkc(member_no, &n, err)))
        return st;
    text_copy_cut(no, 32, n);
    free(n);
    sqlite3_stmt *s = db_stmt(ctx, sql_member, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        text_copy_cut(joined, 11, (const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "member_no", "no member with number %s",
                                no);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "finding the member");
}

/* The opt-out in force for @p member_id: its id (0 when none) and received date. */
static meibo_status in_force(meibo_ctx *ctx, int64_t member_id, int64_t *id, char received[11],
                             meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_in_force, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, member_id);
    *id = 0;
    received[0] = '\0';
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        text_copy_cut(received, 11, (const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MEIBO_OK
                                                 : db_fail(ctx, err, "reading the opt-outs");
}

/* The received date: a date as clerks write it, today when empty, neither in the future nor
 * before @p not_before. */
static meibo_status received_date(meibo_ctx *ctx, const char *v, const char *not_before,
                                  const char *what, char iso[11], meibo_err *err)
{
    char today[16];
    db_today(ctx, today, sizeof today);
    meibo_status st = check_date_in("received_on", v, today, CHECK_DATE_EVENT, today, iso, err);
    if (st)
        return st;
    if (strcmp(iso, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "received_on",
                                "received_on: %s is in the future", iso);
    if (strcmp(iso, not_before) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "received_on",
                                "received_on: %s is before %s (%s)", iso, what, not_before);
    return MEIBO_OK;
}

static meibo_status touch_member(meibo_ctx *ctx, int64_t member_id, meibo_err *err)
{
    char now[32];
    db_now_text(ctx, now, sizeof now);
    sqlite3_stmt *s = db_stmt(ctx, sql_touch, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "updating the member");
}

meibo_status optout_add(meibo_ctx *ctx, const optout_new *o, int64_t *id, meibo_err *err)
{
    if (id)
        *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK,
                                   "record an application to stop provision (第20条第5項)", err);
    if (st)
        return st;
    if (o->by_phone && !check_blank(o->document_no))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "document_no",
                                "document_no: a request by telephone has no document; record "
                                "the written application when it arrives: meibo optout written "
                                "ID --document DOC (第20条第5項)");
    if (!o->by_phone && (st = check_text("document_no", o->document_no, DOCUMENT_MAX, true, err)))
        return st;
    char no[32], joined[11], received[11], was[11], now[32];
    int64_t member_id = 0, existing = 0;
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = member_find(ctx, o->member_no, no, &member_id, joined, err)) ||
        (st = received_date(ctx, o->received_on, joined, "the member joined", received, err)) ||
        (st = in_force(ctx, member_id, &existing, was, err)))
        goto rollback;
    if (existing) {
        st = meibo_fail_field(err, MEIBO_ERR_EXISTS, "member_no",
                              "member %s already has an application to stop provision in force "
                              "(opt-out %" PRId64 ", received %s; 第20条第5項)",
                              no, existing, was);
        goto rollback;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, member_id);
    sqlite3_bind_text(s, 2, received, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, o->by_phone ? "" : o->document_no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, ctx->login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
    if (o->request_id > 0)
        sqlite3_bind_int64(s, 6, o->request_id);
    sqlite3_bind_text(s, 7, o->by_phone ? "phone" : "letter", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording the opt-out (第20条第5項)");
        goto rollback;
    }
    int64_t new_id = sqlite3_last_insert_rowid(ctx->db);
    char detail[300];
    snprintf(detail, sizeof detail, "id=%" PRId64 " received_on=%s request=%" PRId64 "%s",
             new_id, received, o->request_id > 0 ? o->request_id : 0,
             o->by_phone ? " channel=phone awaiting_written=1" : "");
    if ((st = touch_member(ctx, member_id, err)) ||
        (st = audit_append(ctx, "optout.add", no, detail, err)) || (st = db_commit(ctx, err)))
        goto rollback;
    if (id)
        *id = new_id;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

meibo_status optout_withdraw(meibo_ctx *ctx, const char *member_no, const char *received_on,
                             const char *document_no, int64_t *id, meibo_err *err)
{
    if (id)
        *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK,
                                   "record the withdrawal of an opt-out (第20条第5項)", err);
    if (st || (st = check_text("document_no", document_no, DOCUMENT_MAX, true, err)))
        return st;
    char no[32], joined[11], received[11], applied[11], now[32];
    int64_t member_id = 0, existing = 0;
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = member_find(ctx, member_no, no, &member_id, joined, err)) ||
        (st = in_force(ctx, member_id, &existing, applied, err)))
        goto rollback;
    if (!existing) {
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "member_no",
                              "member %s has no application to stop provision in force "
                              "(第20条第5項)", no);
        goto rollback;
    }
    if ((st = received_date(ctx, received_on, applied, "the application was received", received,
                            err)))
        goto rollback;
    sqlite3_stmt *s = db_stmt(ctx, sql_withdraw, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, existing);
    sqlite3_bind_text(s, 2, received, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, document_no, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "withdrawing the opt-out (第20条第5項)");
        goto rollback;
    }
    char detail[120];
    snprintf(detail, sizeof detail, "id=%" PRId64 " received_on=%s", existing, received);
    if ((st = touch_member(ctx, member_id, err)) ||
        (st = audit_append(ctx, "optout.withdraw", no, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    if (id)
        *id = existing;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

meibo_status optout_written(meibo_ctx *ctx, int64_t id, const char *received_on,
                            const char *document_no, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK,
                                   "record the written application to stop provision "
                                   "(第20条第5項)", err);
    if (st || (st = check_text("document_no", document_no, DOCUMENT_MAX, true, err)))
        return st;
    char received[11], phoned[11] = "", no[32] = "", channel[16] = "", now[32];
    int64_t member_id = 0;
    int written = 0, withdrawn = 0;
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_phone_state, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        text_copy_cut(channel, sizeof channel, (const char *)sqlite3_column_text(s, 0));
        written = sqlite3_column_int(s, 1);
        withdrawn = sqlite3_column_int(s, 2);
        text_copy_cut(phoned, sizeof phoned, (const char *)sqlite3_column_text(s, 3));
        text_copy_cut(no, sizeof no, (const char *)sqlite3_column_text(s, 4));
        member_id = sqlite3_column_int64(s, 5);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW) {
        st = rc == SQLITE_DONE ? meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id",
                                                  "no opt-out %" PRId64, id)
                               : db_fail(ctx, err, "reading the opt-out");
        goto rollback;
    }
    if (strcmp(channel, "phone") != 0 || written || withdrawn) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                              "opt-out %" PRId64 " is not a telephone request awaiting its "
                              "written application (%s)", id,
                              withdrawn ? "it was withdrawn"
                              : written ? "its written application is recorded already"
                                        : "it was made by a written application");
        goto rollback;
    }
    if ((st = received_date(ctx, received_on, phoned, "the telephone request", received, err)))
        goto rollback;
    if (!(s = db_stmt(ctx, sql_written, err))) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, document_no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, received, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, ctx->login, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE || sqlite3_changes(ctx->db) != 1) {
        st = rc != SQLITE_DONE ? db_fail(ctx, err, "recording the written application")
                               : meibo_fail(err, MEIBO_ERR_CONFLICT,
                                            "opt-out %" PRId64 " changed meanwhile", id);
        goto rollback;
    }
    char detail[120];
    snprintf(detail, sizeof detail, "id=%" PRId64 " written_on=%s", id, received);
    if ((st = touch_member(ctx, member_id, err)) ||
        (st = audit_append(ctx, "optout.written", no, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

/* ---- reading ------------------------------------------------------------------------------ */

#define OPTOUT_SELECT                                                                          \
    "SELECT o.id, o.request_id, m.member_no, m.family_name, m.given_name, o.received_on, "     \
    "o.document_no, o.recorded_by, o.recorded_at, o.withdrawn_on, o.withdrawal_document_no, "  \
    "o.withdrawn_by, o.channel, o.source, o.written_on "                                      \
    "FROM member_optouts o JOIN members m ON m.id = o.member_id "

static const char sql_list[] =
    OPTOUT_SELECT "WHERE (?1 IS NULL OR m.member_no = ?1) AND (?2 OR o.withdrawn_on IS NULL) "
    "ORDER BY o.id DESC";
static const char sql_one[] = OPTOUT_SELECT "WHERE o.id = ?1";

static meibo_status optout_rows(meibo_ctx *ctx, sqlite3_stmt *s, optout_fn fn, void *arg,
                                int *rows, meibo_err *err)
{
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        (*rows)++;
        optout_info o = {
            .id = sqlite3_column_int64(s, 0), .request_id = sqlite3_column_int64(s, 1),
            .member_no = db_text_or_null(s, 2), .family_name = db_text_or_null(s, 3),
            .given_name = db_text_or_null(s, 4),
            .received_on = db_text_or_null(s, 5), .document_no = db_text_or_null(s, 6),
            .recorded_by = db_text_or_null(s, 7),
            .recorded_at = db_text_or_null(s, 8), .withdrawn_on = db_text_or_null(s, 9),
            .withdrawal_document_no = db_text_or_null(s, 9) ? db_text_or_null(s, 10) : NULL,
            .withdrawn_by = db_text_or_null(s, 11),
            .in_force = sqlite3_column_type(s, 9) == SQLITE_NULL,
            .channel = db_text_or_null(s, 12), .source = db_text_or_null(s, 13),
            .written_on = db_text_or_null(s, 14),
        };
        o.awaiting_written = !strcmp(o.channel, "phone") && !o.written_on;
        if (fn(&o, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the opt-outs");
}

meibo_status optout_list(meibo_ctx *ctx, const char *member_no, bool all, optout_fn fn,
                         void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the opt-outs", err);
    if (st)
        return st;
    char *no = NULL;
    if (member_no && (st = text_nfkc(member_no, &no, err)))
        return st;
    if ((st = audit_append(ctx, "optout.read", no, no ? "" : (all ? "list all" : "list"), err))) {
        free(no);
        return st;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_list, err);
    if (!s) {
        free(no);
        return MEIBO_ERR_DB;
    }
    if (no)
        sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, all);
    int rows;
    st = optout_rows(ctx, s, fn, arg, &rows, err);
    free(no);
    return st;
}

meibo_status optout_show(meibo_ctx *ctx, int64_t id, optout_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read an opt-out", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_one, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rows;
    if ((st = optout_rows(ctx, s, fn, arg, &rows, err)))
        return st;
    if (!rows)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no opt-out %" PRId64, id);
    return MEIBO_OK;
}
