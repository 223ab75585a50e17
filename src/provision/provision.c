/* provision.c: the record of provisions (個人情報保護法 第29条), per member, kept 3 years. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/provision.h"
#include "meibo/retention.h"
#include "meibo/text.h"

static const char sql_insert[] =
    "INSERT INTO provisions (member_id, member_no, provided_on, recipient, recipient_key, "
    "requester, category, items, purpose, basis, legal_basis, inquiry_id, pledge_id, "
    "retention_until, created_at, created_by, export_id, recipient_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "coalesce(?18, (SELECT recipient_id FROM inquiries WHERE id = ?12)))";

meibo_status provision_record(meibo_ctx *ctx, const provision_new *p, meibo_err *err)
{
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "provision_record needs the caller's transaction");
    char today[16], until[11], now[32];
    db_today(ctx, today, sizeof today);
    db_now_text(ctx, now, sizeof now);
    /* the period of the retention table (schema 005), at least the law's three years */
    retention_period rp;
    meibo_err e2;
    if (retention_get(ctx, RETENTION_PROVISION, &rp, &e2) == MEIBO_OK &&
        rp.years >= PROVISION_RETENTION_YEARS)
        retention_last_day(today, rp.years, rp.months, until);
    else
        check_date_add_years(today, PROVISION_RETENTION_YEARS, until);
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, p->member_id);
    sqlite3_bind_text(s, 2, p->member_no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, p->recipient, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, p->recipient_key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, p->requester ? p->requester : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 7, p->category, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 8, p->items, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, p->purpose, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 10, p->basis, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 11, p->legal_basis);
    if (p->inquiry_id)
        sqlite3_bind_int64(s, 12, p->inquiry_id);
    if (p->pledge_id)
        sqlite3_bind_int64(s, 13, p->pledge_id);
    sqlite3_bind_text(s, 14, until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 15, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 16, ctx->login, -1, SQLITE_TRANSIENT);
    if (p->export_id)
        sqlite3_bind_int64(s, 17, p->export_id);
    if (p->recipient_id)
        sqlite3_bind_int64(s, 18, p->recipient_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "recording a provision");
}

#define PROVISION_SELECT                                                                      \
    "SELECT id, member_no, provided_on, recipient, requester, category, items, purpose, "     \
    "basis, retention_until, created_by, legal_basis, inquiry_id, pledge_id, export_id "   \
    "FROM provisions "

static const char sql_by_member[] = PROVISION_SELECT "WHERE member_no = ?1 ORDER BY id";
static const char sql_by_recipient[] =
    PROVISION_SELECT "WHERE instr(recipient_key, ?1) > 0 ORDER BY id";

meibo_status provision_list(meibo_ctx *ctx, const char *member_no, const char *recipient,
                            provision_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the provision record", err);
    if (st)
        return st;
    bool by_member = !check_blank(member_no);
    if (by_member == !check_blank(recipient))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "member",
                                "give a member number or a recipient (one of the two)");
    char *key = NULL;
    if ((st = by_member ? text_nfkc(member_no, &key, err) : text_search_key(recipient, &key, err)))
        return st;
    char detail[300];
    snprintf(detail, sizeof detail, "%s", by_member ? "" : "recipient=");
    if (!by_member)
        text_copy_cut(detail + strlen(detail), sizeof detail - strlen(detail), recipient);
    if ((st = audit_append(ctx, "provision.read", by_member ? key : NULL, detail, err))) {
        free(key);
        return st;
    }
    sqlite3_stmt *s = db_stmt(ctx, by_member ? sql_by_member : sql_by_recipient, err);
    if (!s) {
        free(key);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        provision_info p = {
            .id = sqlite3_column_int64(s, 0), .member_no = db_text_or_null(s, 1),
            .provided_on = db_text_or_null(s, 2),
            .recipient = db_text_or_null(s, 3), .requester = db_text_or_null(s, 4),
            .category = db_text_or_null(s, 5),
            .items = db_text_or_null(s, 6), .purpose = db_text_or_null(s, 7),
            .basis = db_text_or_null(s, 8),
            .retention_until = db_text_or_null(s, 9), .created_by = db_text_or_null(s, 10),
            .legal_basis = sqlite3_column_int(s, 11) != 0,
            .inquiry_id = sqlite3_column_int64(s, 12), .pledge_id = sqlite3_column_int64(s, 13),
            .export_id = sqlite3_column_int64(s, 14),
        };
        if (fn(&p, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    free(key);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the provision record");
}
