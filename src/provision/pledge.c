/* pledge.c: the pledge registry (取扱規程 第5–6条). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/pledge.h"
#include "meibo/policy.h"
#include "meibo/recipient.h"
#include "meibo/retire.h"
#include "meibo/text.h"

unsigned pledge_media_parse(const char *s)
{
    unsigned m = 0;
    for (const char *p = s ? s : ""; *p;) {
        size_t n = strcspn(p, ",");
        if (n == 5 && !strncmp(p, "paper", 5))
            m |= DECIDE_MEDIA_PAPER;
        else if (n == 10 && !strncmp(p, "electronic", 10))
            m |= DECIDE_MEDIA_ELECTRONIC;
        else
            return 0;
        p += n;
        if (*p == ',')
            p++;
    }
    return m;
}

const char *pledge_media_name(unsigned media)
{
    switch (media & (DECIDE_MEDIA_PAPER | DECIDE_MEDIA_ELECTRONIC)) {
    case DECIDE_MEDIA_PAPER: return "paper";
    case DECIDE_MEDIA_ELECTRONIC: return "electronic";
    case DECIDE_MEDIA_PAPER | DECIDE_MEDIA_ELECTRONIC: return "paper,electronic";
    default: return "";
    }
}

/* The purposes of @p list checked against the policy and rewritten in the policy's order. */
static meibo_status purposes_canonical(const decide_policy *pol, const char *list, char *out,
                                       size_t len, meibo_err *err)
{
    out[0] = '\0';
    if (check_blank(list))
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, "purposes", MEIBO_REASON_NO_PURPOSE,
                                 NULL, NULL, "purposes: give at least one purpose (第20条第1項)");
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char code[DECIDE_CODE_LEN];
        if (n == 0 || n >= sizeof code)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "purposes",
                                    "purposes: '%s' is not a comma-separated list of purposes",
                                    list);
        memcpy(code, p, n);
        code[n] = '\0';
        if (!decide_purpose_find(pol, code))
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, "purposes",
                                     MEIBO_REASON_NOT_PURPOSE, code, NULL,
                                     "purposes: '%s' is not a purpose (see: meibo policy show)",
                                     code);
        p += n;
        if (*p == ',')
            p++;
    }
    size_t used = 0;
    for (int i = 0; i < pol->npurposes; i++) {
        const char *code = pol->purposes[i].code;
        if (!decide_list_has(list, code))
            continue;
        int w = snprintf(out + used, len - used, "%s%s", used ? "," : "", code);
        if (w < 0 || (size_t)w >= len - used)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "purposes", "purposes: too many");
        used += (size_t)w;
    }
    return MEIBO_OK;
}

/* Check a new pledge whole; fill the canonical values. */
static meibo_status pledge_check(meibo_ctx *ctx, const decide_policy *pol, const pledge_new *p,
                                 char received[11], char until[11], char *purposes, size_t plen,
                                 char items[16], meibo_err *err)
{
    meibo_status st;
    char today[16];
    db_today(ctx, today, sizeof today);
    if ((st = check_text("recipient", p->recipient, 100, true, err)) ||
        (st = check_text("signatory_name", p->signatory_name, 60, true, err)) ||
        (st = check_text("signatory_title", p->signatory_title, 60, false, err)) ||
        (st = check_text("document_no", p->document_no, 60, true, err)) ||
        (st = check_date_in("received_on", p->received_on, today, CHECK_DATE_EVENT, today, received, err)) ||
        (st = check_date_in("valid_until", p->valid_until, NULL, CHECK_DATE_TERM, today, until, err)))
        return st;
    if (strcmp(received, today) > 0)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, "received_on", MEIBO_REASON_FUTURE,
                                 received, NULL, "received_on: %s is in the future", received);
    if (strcmp(until, received) < 0)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, "valid_until",
                                 MEIBO_REASON_BEFORE_RECEIVED, until, received,
                                 "valid_until: %s is before the day it was received (%s)", until,
                                 received);
    if (!p->media || (p->media & ~(unsigned)(DECIDE_MEDIA_PAPER | DECIDE_MEDIA_ELECTRONIC)))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "media",
                                "media: paper, electronic or paper,electronic");
    unsigned mask = 0;
    if ((st = decide_items_parse(p->items, "items", &mask, err)) ||
        (st = purposes_canonical(pol, p->purposes, purposes, plen, err)))
        return st;
    decide_items_format(mask, items, 16);
    return MEIBO_OK;
}

static const char sql_insert[] =
    "INSERT INTO pledges (recipient, recipient_key, signatory_name, signatory_title, received_on, "
    "media_paper, media_electronic, purposes, items, valid_until, document_no, created_at, "
    "created_by, recipient_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14)";

meibo_status pledge_add(meibo_ctx *ctx, const pledge_new *p, pledge_announce_fn announce,
                        pledge_added *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "record a pledge (取扱規程 第6条)", err);
    if (st)
        return st;
    decide_policy *pol = malloc(sizeof *pol);
    if (!pol)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    char received[11], until[11], purposes[400], items[16], now[32];
    char *key = NULL;
    recipient_rec *rec = calloc(1, sizeof *rec);
    decide_result *gate = calloc(1, sizeof *gate);
    db_now_text(ctx, now, sizeof now);
    if (!rec || !gate) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    /* the signer is a recipient of the register, and the gate decides whether it may be given
     * anything at all: a 興信所's or a deny-listed body's pledge is refused (第20条第4項) */
    if ((st = policy_load(ctx, 0, pol, err)) ||
        (st = pledge_check(ctx, pol, p, received, until, purposes, sizeof purposes, items, err)) ||
        (st = recipient_resolve(ctx, p->recipient, "recipient", rec, err)) ||
        (st = recipient_gate(ctx, rec, NULL, gate, err)) ||
        (st = text_search_key(rec->name, &key, err)))
        goto out;
    if ((st = db_begin(ctx, err)))
        goto out;
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_text(s, 1, rec->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 14, rec->id);
    sqlite3_bind_text(s, 3, p->signatory_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, p->signatory_title ? p->signatory_title : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, received, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 6, (p->media & DECIDE_MEDIA_PAPER) != 0);
    sqlite3_bind_int(s, 7, (p->media & DECIDE_MEDIA_ELECTRONIC) != 0);
    sqlite3_bind_text(s, 8, purposes, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, items, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 10, until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 11, p->document_no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 12, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 13, ctx->login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording a pledge");
        goto rollback;
    }
    out->id = sqlite3_last_insert_rowid(ctx->db);
    char detail[600];
    snprintf(detail, sizeof detail,
             "id=%" PRId64 " recipient=%" PRId64 " media=%s purposes=%s items=%s valid_until=%s",
             out->id, rec->id, pledge_media_name(p->media), purposes, items, until);
    if ((st = audit_append(ctx, "pledge.add", NULL, detail, err)) ||
        (announce && (st = announce(ctx, key, out, err))) || (st = db_commit(ctx, err)))
        goto rollback;
    goto out;
rollback:
    db_rollback(ctx);
    out->id = 0;
out:
    free(pol);
    free(key);
    free(rec);
    free(gate);
    return st;
}

static const char sql_revoked[] = "SELECT status = 'revoked' FROM pledges WHERE id = ?1";
static const char sql_revoke[] =
    "UPDATE pledges SET status = 'revoked', revoked_on = ?2, revoked_by = ?3, revoke_reason = ?4 "
    "WHERE id = ?1 AND status = 'active'";

meibo_status pledge_revoke(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err)
{
    static const retire_spec spec = {sql_revoked, sql_revoke, MEIBO_ROLE_MANAGER, "pledge",
                                     "revoked", "pledge.revoke"};
    return retire_row(ctx, &spec, id, reason, err);
}

/* ---- reading ----------------------------------------------------------------------------- */

#define PLEDGE_SELECT                                                                         \
    "SELECT id, recipient, signatory_name, signatory_title, received_on, media_paper, "       \
    "media_electronic, purposes, items, valid_until, document_no, "                           \
    "CASE WHEN status = 'revoked' THEN 'revoked' WHEN valid_until < ?1 THEN 'expired' "       \
    "ELSE 'active' END, revoked_on, revoked_by, revoke_reason, created_at, created_by "       \
    "FROM pledges "

static const char sql_one[] = PLEDGE_SELECT "WHERE id = ?2";
static const char sql_facts[] =
    "SELECT id, document_no, media_paper, media_electronic, purposes, items, valid_until "
    "FROM pledges WHERE recipient_key = ?1 AND status = 'active' AND valid_until >= ?2 "
    "ORDER BY valid_until DESC, id DESC LIMIT ?3";

static unsigned items_mask(const char *s)
{
    unsigned m = 0;
    for (; s && *s; s++)
        m |= DECIDE_ITEM_BIT(*s);
    return m;
}

/* Call @p fn for each row of a stepped PLEDGE_SELECT; *rows counts them. */
static meibo_status pledge_rows(meibo_ctx *ctx, sqlite3_stmt *s, pledge_fn fn, void *arg,
                                int *rows, meibo_err *err)
{
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        (*rows)++;
        unsigned media = (sqlite3_column_int(s, 5) ? DECIDE_MEDIA_PAPER : 0) |
                         (sqlite3_column_int(s, 6) ? DECIDE_MEDIA_ELECTRONIC : 0);
        pledge_info p = {
            .id = sqlite3_column_int64(s, 0), .recipient = db_text_or_null(s, 1),
            .signatory_name = db_text_or_null(s, 2), .signatory_title = db_text_or_null(s, 3),
            .received_on = db_text_or_null(s, 4), .media = media, .purposes = db_text_or_null(s, 7),
            .items = db_text_or_null(s, 8), .valid_until = db_text_or_null(s, 9),
            .document_no = db_text_or_null(s, 10),
            .state = db_text_or_null(s, 11), .revoked_on = db_text_or_null(s, 12),
            .revoked_by = db_text_or_null(s, 13),
            .revoke_reason = db_text_or_null(s, 14), .created_at = db_text_or_null(s, 15),
            .created_by = db_text_or_null(s, 16),
        };
        if (fn(&p, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading pledges");
}

meibo_status pledge_list(meibo_ctx *ctx, const pledge_filter *f, pledge_fn fn, void *arg,
                         meibo_err *err)
{
    return pledge_page(ctx, f, 0, false, -1, fn, arg, err);
}

meibo_status pledge_show(meibo_ctx *ctx, int64_t id, pledge_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read a pledge", err);
    if (st)
        return st;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_stmt *s = db_stmt(ctx, sql_one, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, id);
    int rows;
    if ((st = pledge_rows(ctx, s, fn, arg, &rows, err)))
        return st;
    if (!rows)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no pledge %" PRId64, id);
    return MEIBO_OK;
}

meibo_status pledge_facts_load(meibo_ctx *ctx, const char *recipient_key, pledge_facts *out,
                               meibo_err *err)
{
    memset(out, 0, sizeof *out);
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_stmt *s = db_stmt(ctx, sql_facts, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, recipient_key ? recipient_key : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 3, PLEDGE_MAX_FACTS);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && out->n < PLEDGE_MAX_FACTS) {
        int i = out->n++;
        text_copy_cut(out->document_no[i], sizeof out->document_no[i], db_text_or_null(s, 1));
        text_copy_cut(out->purposes[i], sizeof out->purposes[i], db_text_or_null(s, 4));
        text_copy_cut(out->valid_until[i], sizeof out->valid_until[i], db_text_or_null(s, 6));
        out->p[i] = (decide_pledge){
            .id = sqlite3_column_int64(s, 0),
            .document_no = out->document_no[i],
            .media = (sqlite3_column_int(s, 2) ? DECIDE_MEDIA_PAPER : 0) |
                     (sqlite3_column_int(s, 3) ? DECIDE_MEDIA_ELECTRONIC : 0),
            .purposes = out->purposes[i],
            .items = items_mask(db_text_or_null(s, 5)),
            .valid_until = out->valid_until[i],
            .revoked = false,
        };
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "reading pledges");
}

/* ---- keyset pages: pledge_list() a page at a time (the TUI's list view) ------------------- */

/* The rows of pledge_list() after (?5 = 0: from the first) or before (from the last) pledge ?5
 * in the list's order, recipient then id; at most ?6 (-1: all). */
#define PLEDGE_WHERE                                                                          \
    "WHERE (?2 OR (status = 'active' AND valid_until >= ?1)) "                                \
    "AND (?3 IS NULL OR (status = 'active' AND valid_until >= ?1 AND valid_until <= ?3)) "    \
    "AND (?4 IS NULL OR instr(recipient_key, ?4) > 0) "
#define PLEDGE_AT "(SELECT recipient_key, id FROM pledges WHERE id = ?5)"
static const char sql_page_after[] =
    PLEDGE_SELECT PLEDGE_WHERE "AND (?5 = 0 OR (recipient_key, id) > " PLEDGE_AT ") "
    "ORDER BY recipient_key, id LIMIT ?6";
static const char sql_page_before[] =
    PLEDGE_SELECT PLEDGE_WHERE "AND (?5 = 0 OR (recipient_key, id) < " PLEDGE_AT ") "
    "ORDER BY recipient_key DESC, id DESC LIMIT ?6";

meibo_status pledge_page(meibo_ctx *ctx, const pledge_filter *f, int64_t after_id, bool backward,
                         int limit, pledge_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the pledges", err);
    if (st)
        return st;
    pledge_filter none = {false, -1, NULL};
    if (!f)
        f = &none;
    char today[16], until[11];
    char *key = NULL;
    db_today(ctx, today, sizeof today);
    if (f->recipient && (st = text_search_key(f->recipient, &key, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, backward ? sql_page_before : sql_page_after, err);
    if (!s) {
        free(key);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, f->all);
    if (f->expiring_days >= 0) {
        check_date_add_days(today, f->expiring_days, until);
        sqlite3_bind_text(s, 3, until, -1, SQLITE_TRANSIENT);
    }
    if (key)
        sqlite3_bind_text(s, 4, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 5, after_id > 0 ? after_id : 0);
    sqlite3_bind_int(s, 6, limit > 0 ? limit : -1);
    int rows;
    st = pledge_rows(ctx, s, fn, arg, &rows, err);
    free(key);
    return st;
}
