/* recipient.c: the recipient register (規程 第20条第3–4項) and its gate. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/buf.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/denylist.h"
#include "meibo/policy.h"
#include "meibo/recipient.h"
#include "meibo/text.h"

static const char sql_insert[] =
    "INSERT INTO recipients (organization, person, name_key, category, address, identity, "
    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_update[] =
    "UPDATE recipients SET organization = ?2, person = ?3, name_key = ?4, category = ?5, "
    "address = ?6, identity = ?7, updated_at = ?8, updated_by = ?9 WHERE id = ?1";
#define RECIPIENT_COLS "id, organization, person, category, address, identity, created_at, created_by"
static const char sql_get[] = "SELECT " RECIPIENT_COLS " FROM recipients WHERE id = ?1";
static const char sql_list[] = "SELECT " RECIPIENT_COLS " FROM recipients ORDER BY id";
static const char sql_by_key[] =
    "SELECT id FROM recipients WHERE name_key = ?1 "
    "ORDER BY id LIMIT 2";
static const char sql_own_category[] =
    "SELECT code, article, text FROM recipient_categories WHERE code = ?1";
static const char sql_own_categories[] =
    "SELECT code, article, text FROM recipient_categories ORDER BY sort";
static const char sql_sheet_categories[] =
    "SELECT group_concat(category, ',') FROM export_purpose_recipients WHERE purpose = ?1";

static void own_category_from(sqlite3_stmt *s, decide_category *c)
{
    memset(c, 0, sizeof *c);
    text_copy_cut(c->code, sizeof c->code, db_text(s, 0));
    text_copy_cut(c->article, sizeof c->article, db_text(s, 1));
    text_copy_cut(c->text, sizeof c->text, db_text(s, 2));
    c->permitted = true; /* the society's own, and its contractors: 取扱規程 第4条, 第19条第2項 */
    c->pledge_required = true;
}

meibo_status recipient_category(meibo_ctx *ctx, const char *code, decide_category *out,
                                meibo_err *err)
{
    decide_policy *pol = calloc(1, sizeof *pol);
    if (!pol)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = policy_load(ctx, 0, pol, err);
    const decide_category *c = st ? NULL : decide_category_find(pol, code);
    if (c)
        *out = *c;
    free(pol);
    if (st || c)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_own_category, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, code ? code : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        own_category_from(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return MEIBO_OK;
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading the recipient categories");
    return meibo_fail_field(err, MEIBO_ERR_INVALID, "category",
                            "category: '%s' is not a recipient category (第20条第3–4項; see: "
                            "meibo recipient categories)",
                            code ? code : "");
}

meibo_status recipient_categories(meibo_ctx *ctx, recipient_category_fn fn, void *arg,
                                  meibo_err *err)
{
    decide_policy *pol = calloc(1, sizeof *pol);
    if (!pol)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = policy_load(ctx, 0, pol, err);
    for (int i = 0; !st && i < pol->ncategories; i++)
        if (fn(&pol->categories[i], arg)) {
            free(pol);
            return MEIBO_OK;
        }
    free(pol);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_own_categories, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    decide_category c;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        own_category_from(s, &c);
        if (fn(&c, arg))
            break;
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MEIBO_OK
                                                  : db_fail(ctx, err, "reading the categories");
}

/* Fill @p r from a row of RECIPIENT_COLS, with its category and deny-list state. */
static void row_fill(sqlite3_stmt *s, recipient_rec *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    text_copy_cut(r->organization, sizeof r->organization, db_text(s, 1));
    text_copy_cut(r->person, sizeof r->person, db_text(s, 2));
    text_copy_cut(r->category, sizeof r->category, db_text(s, 3));
    text_copy_cut(r->address, sizeof r->address, db_text(s, 4));
    text_copy_cut(r->identity, sizeof r->identity, db_text(s, 5));
    text_copy_cut(r->created_at, sizeof r->created_at, db_text(s, 6));
    text_copy_cut(r->created_by, sizeof r->created_by, db_text(s, 7));
    text_copy_cut(r->name, sizeof r->name, *r->organization ? r->organization : r->person);
}

/* The category's words and the deny-list, as they are now. */
static meibo_status row_facts(meibo_ctx *ctx, recipient_rec *r, meibo_err *err)
{
    decide_category c;
    meibo_status st = recipient_category(ctx, r->category, &c, err);
    if (st)
        return st;
    text_copy_cut(r->category_text, sizeof r->category_text, c.text);
    text_copy_cut(r->category_article, sizeof r->category_article, c.article);
    r->permitted = c.permitted;
    return denylist_match(ctx, *r->person ? r->person : NULL,
                          *r->organization ? r->organization : NULL, &r->deny_id, err);
}

meibo_status recipient_get(meibo_ctx *ctx, int64_t id, recipient_rec *out, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_get, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        row_fill(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "recipient",
                                "recipient: there is no recipient %" PRId64
                                " in the register (meibo recipient list)",
                                id);
    if (rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading a recipient");
    return row_facts(ctx, out, err);
}

meibo_status recipient_resolve(meibo_ctx *ctx, const char *ref, const char *field,
                               recipient_rec *out, meibo_err *err)
{
    const char *p = ref ? ref : "";
    if (*p == '#')
        p++;
    char *end = NULL;
    long long n = *p >= '0' && *p <= '9' ? strtoll(p, &end, 10) : 0;
    if (end && !*end && n > 0)
        return recipient_get(ctx, (int64_t)n, out, err);
    if (check_blank(ref))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field,
                                "%s: give a recipient of the register (its number; meibo "
                                "recipient list)",
                                field);
    char *key = NULL;
    meibo_status st = text_search_key(ref, &key, err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_by_key, err);
    if (!s) {
        free(key);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    int64_t ids[2] = {0, 0};
    int found = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && found < 2)
        ids[found++] = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    free(key);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(ctx, err, "finding a recipient");
    if (found == 1)
        return recipient_get(ctx, ids[0], out, err);
    if (found > 1)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field,
                                "%s: more than one registered recipient is named '%s' "
                                "(%" PRId64 ", %" PRId64 "): give its number",
                                field, ref, ids[0], ids[1]);
    return meibo_fail_field(err, MEIBO_ERR_INVALID, field,
                            "%s: '%s' is not in the recipient register (規程 第20条第3–4項): "
                            "register it first (meibo recipient add)",
                            field, ref);
}

meibo_status recipient_list(meibo_ctx *ctx, recipient_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the recipient register", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    recipient_rec *r = calloc(1, sizeof *r);
    if (!r)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    /* read the ids first: row_facts() uses other statements */
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t *g = array_grow(ids, &cap, n + 1, sizeof *g);
        if (!g) {
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            break;
        }
        ids = g;
        ids[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (!st && rc != SQLITE_DONE)
        st = db_fail(ctx, err, "listing the recipients");
    for (size_t i = 0; !st && i < n; i++) {
        if ((st = recipient_get(ctx, ids[i], r, err)))
            break;
        if (fn(r, arg))
            break;
    }
    free(ids);
    free(r);
    return st;
}

/* Check @p in whole (every field given, or taken from @p old) into @p r. */
static meibo_status in_check(meibo_ctx *ctx, const recipient_in *in, const recipient_rec *old,
                             recipient_rec *r, meibo_err *err)
{
    meibo_status st;
    if ((st = check_text("organization", in->organization, 100, false, err)) ||
        (st = check_text("person", in->person, 100, false, err)) ||
        (st = check_text("address", in->address, 200, false, err)) ||
        (st = check_text("identity", in->identity, 200, false, err)))
        return st;
#define TAKE(f) text_copy_cut(r->f, sizeof r->f, in->f ? in->f : old ? old->f : "")
    TAKE(organization);
    TAKE(person);
    TAKE(category);
    TAKE(address);
    TAKE(identity);
#undef TAKE
    if (check_blank(r->organization) && check_blank(r->person))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "organization",
                                "organization: give the organization, the person or both");
    decide_category c;
    return recipient_category(ctx, r->category, &c, err);
}

static meibo_status store(meibo_ctx *ctx, int64_t id, const recipient_rec *r, int64_t *new_id,
                          meibo_err *err)
{
    char *key = NULL;
    meibo_status st = text_search_key(*r->organization ? r->organization : r->person, &key, err);
    if (st)
        return st;
    if ((st = db_begin(ctx, err))) {
        free(key);
        return st;
    }
    sqlite3_stmt *s = db_stmt(ctx, id ? sql_update : sql_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    char now[32];
    db_now_text(ctx, now, sizeof now);
    int b = id ? 2 : 1;
    if (id)
        sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, b, r->organization, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 1, r->person, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 3, r->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 4, r->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 5, r->identity, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 6, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, b + 7, ctx->login, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording a recipient");
        goto rollback;
    }
    int64_t rid = id ? id : sqlite3_last_insert_rowid(ctx->db);
    char detail[600];
    snprintf(detail, sizeof detail, "id=%" PRId64 " category=%s name=", rid, r->category);
    text_copy_cut(detail + strlen(detail), sizeof detail - strlen(detail), r->name);
    if ((st = audit_append(ctx, id ? "recipient.edit" : "recipient.add", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    if (new_id)
        *new_id = rid;
    free(key);
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    free(key);
    return st;
}

meibo_status recipient_add(meibo_ctx *ctx, const recipient_in *in, int64_t *id, meibo_err *err)
{
    *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "register a recipient", err);
    if (st)
        return st;
    if (check_blank(in->category))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "category",
                                "category: give the recipient's category (第20条第3–4項; see: "
                                "meibo recipient categories)");
    recipient_rec *r = calloc(1, sizeof *r);
    if (!r)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    st = in_check(ctx, in, NULL, r, err);
    if (!st) {
        text_copy_cut(r->name, sizeof r->name, *r->organization ? r->organization : r->person);
        st = store(ctx, 0, r, id, err);
    }
    free(r);
    return st;
}

meibo_status recipient_edit(meibo_ctx *ctx, int64_t id, const recipient_in *in, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "change a recipient", err);
    if (st)
        return st;
    recipient_rec *old = calloc(1, sizeof *old), *r = calloc(1, sizeof *r);
    if (!old || !r) {
        free(old);
        free(r);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    if (!(st = recipient_get(ctx, id, old, err)) && !(st = in_check(ctx, in, old, r, err))) {
        text_copy_cut(r->name, sizeof r->name, *r->organization ? r->organization : r->person);
        st = store(ctx, id, r, NULL, err);
    }
    free(old);
    free(r);
    return st;
}

meibo_status recipient_gate(meibo_ctx *ctx, const recipient_rec *r, const char *sheet,
                            decide_result *out, meibo_err *err)
{
    decide_category c;
    int64_t deny = 0;
    meibo_status st = recipient_category(ctx, r->category, &c, err);
    if (st || (st = denylist_match(ctx, *r->person ? r->person : NULL,
                                   *r->organization ? r->organization : NULL, &deny, err)))
        return st;
    char cats[512] = "";
    if (sheet) {
        sqlite3_stmt *s = db_stmt(ctx, sql_sheet_categories, err);
        if (!s)
            return MEIBO_ERR_DB;
        sqlite3_bind_text(s, 1, sheet, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW)
            text_copy_cut(cats, sizeof cats, db_text(s, 0));
        sqlite3_reset(s);
    }
    decide_recipient_req req = {&c, deny != 0, !check_blank(r->identity), sheet, cats};
    decide_recipient(&req, out);
    if (out->outcome != DECIDE_REFUSE)
        return MEIBO_OK;
    char why[1600] = "";
    for (int i = 0; i < out->nreasons; i++) {
        size_t used = strlen(why);
        snprintf(why + used, sizeof why - used, "%s%s (%s)", i ? "; " : "", out->reasons[i].text,
                 out->reasons[i].article);
    }
    return meibo_fail_field(err, MEIBO_ERR_DENIED, "recipient", "recipient %" PRId64 " (%s): %s",
                            r->id, r->name, why);
}
