/* policy.c: the versioned policy tables of 第20条; the chief officer's audited edits. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/policy.h"
#include "meibo/text.h"

static const char sql_latest[] = "SELECT max(version) FROM policy_versions";
static const char sql_version_exists[] = "SELECT 1 FROM policy_versions WHERE version = ?1";
static const char sql_categories[] =
    "SELECT code, clause, permitted, legal_basis, pledge_required, article, text "
    "FROM policy_categories WHERE version = ?1 ORDER BY sort, code";
static const char sql_items[] =
    "SELECT code, name, article, text FROM policy_items WHERE version = ?1 ORDER BY code";
static const char sql_purposes[] =
    "SELECT p.code, p.scope, p.article, p.text, "
    "(SELECT group_concat(i.item, '') FROM policy_purpose_items i "
    " WHERE i.version = p.version AND i.purpose = p.code), "
    "(SELECT group_concat(c.category, ',') FROM policy_purpose_categories c "
    " WHERE c.version = p.version AND c.purpose = p.code) "
    "FROM policy_purposes p WHERE p.version = ?1 ORDER BY p.sort, p.code";

static void col_copy(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    text_copy_cut(dst, size, t ? (const char *)t : "");
}

static meibo_status latest_version(meibo_ctx *ctx, int64_t *v, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_latest, err);
    if (!s)
        return MEIBO_ERR_DB;
    meibo_status st = MEIBO_OK;
    if (sqlite3_step(s) != SQLITE_ROW)
        st = db_fail(ctx, err, "reading the policy version");
    else if ((*v = sqlite3_column_int64(s, 0)) <= 0)
        st = meibo_fail(err, MEIBO_ERR_SCHEMA, "no policy version in the database");
    sqlite3_reset(s);
    return st;
}

/* Step through the rows of one policy table for @p version, calling @p row for each. */
static meibo_status load_rows(meibo_ctx *ctx, const char *sql, int64_t version,
                             int (*row)(sqlite3_stmt *s, decide_policy *out), decide_policy *out,
                             meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, version);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (row(s, out) != 0) {
            sqlite3_reset(s);
            return meibo_fail(err, MEIBO_ERR_SCHEMA,
                              "policy version %" PRId64 " has more rows than meibo can hold",
                              version);
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the policy");
}

static int category_row(sqlite3_stmt *s, decide_policy *out)
{
    if (out->ncategories >= DECIDE_MAX_CATEGORIES)
        return -1;
    decide_category *c = &out->categories[out->ncategories++];
    col_copy(s, 0, c->code, sizeof c->code);
    col_copy(s, 1, c->clause, sizeof c->clause);
    c->permitted = sqlite3_column_int(s, 2) != 0;
    c->legal_basis = sqlite3_column_int(s, 3) != 0;
    c->pledge_required = sqlite3_column_int(s, 4) != 0;
    col_copy(s, 5, c->article, sizeof c->article);
    col_copy(s, 6, c->text, sizeof c->text);
    return 0;
}

static int item_row(sqlite3_stmt *s, decide_policy *out)
{
    const unsigned char *code = sqlite3_column_text(s, 0);
    unsigned bit = code ? DECIDE_ITEM_BIT(code[0]) : 0;
    if (!bit)
        return 0; /* the schema's CHECK keeps these to a–f */
    decide_item *it = &out->items[code[0] - 'a'];
    it->code = (char)code[0];
    col_copy(s, 1, it->name, sizeof it->name);
    col_copy(s, 2, it->article, sizeof it->article);
    col_copy(s, 3, it->text, sizeof it->text);
    return 0;
}

static int purpose_row(sqlite3_stmt *s, decide_policy *out)
{
    if (out->npurposes >= DECIDE_MAX_PURPOSES)
        return -1;
    decide_purpose *p = &out->purposes[out->npurposes++];
    col_copy(s, 0, p->code, sizeof p->code);
    col_copy(s, 1, p->scope, sizeof p->scope);
    col_copy(s, 2, p->article, sizeof p->article);
    col_copy(s, 3, p->text, sizeof p->text);
    const unsigned char *items = sqlite3_column_text(s, 4);
    p->items = 0;
    for (const unsigned char *c = items; c && *c; c++)
        p->items |= DECIDE_ITEM_BIT(*c);
    col_copy(s, 5, p->categories, sizeof p->categories); /* who may use it (schema/012) */
    return 0;
}

meibo_status policy_load(meibo_ctx *ctx, int64_t version, decide_policy *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st;
    if (version <= 0) {
        if ((st = latest_version(ctx, &version, err)))
            return st;
    } else {
        sqlite3_stmt *s = db_stmt(ctx, sql_version_exists, err);
        if (!s)
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, version);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc == SQLITE_DONE)
            return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "version",
                                    "no policy version %" PRId64, version);
        if (rc != SQLITE_ROW)
            return db_fail(ctx, err, "reading the policy version");
    }
    out->version = version;
    if ((st = load_rows(ctx, sql_categories, version, category_row, out, err)) ||
        (st = load_rows(ctx, sql_items, version, item_row, out, err)) ||
        (st = load_rows(ctx, sql_purposes, version, purpose_row, out, err)))
        return st;
    for (int i = 0; i < DECIDE_ITEMS; i++)
        if (out->items[i].code != 'a' + i)
            return meibo_fail(err, MEIBO_ERR_SCHEMA,
                              "policy version %" PRId64 " lacks item %c (第20条第1項)", version,
                              'a' + i);
    return MEIBO_OK;
}

int policy_table_parse(const char *s)
{
    static const char *const names[] = {"category", "purpose", "item"};
    for (int i = 0; s && i < 3; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

/* ---- edits ------------------------------------------------------------------------------- */

static const char sql_version_insert[] =
    "INSERT INTO policy_versions (version, created_at, created_by, note) VALUES (?1, ?2, ?3, ?4)";
static const char sql_copy_categories[] =
    "INSERT INTO policy_categories (version, code, clause, permitted, legal_basis, "
    "pledge_required, sort, article, text) SELECT ?2, code, clause, permitted, legal_basis, "
    "pledge_required, sort, article, text FROM policy_categories WHERE version = ?1";
static const char sql_copy_items[] =
    "INSERT INTO policy_items (version, code, name, article, text) "
    "SELECT ?2, code, name, article, text FROM policy_items WHERE version = ?1";
static const char sql_copy_purposes[] =
    "INSERT INTO policy_purposes (version, code, scope, sort, article, text) "
    "SELECT ?2, code, scope, sort, article, text FROM policy_purposes WHERE version = ?1";
static const char sql_copy_purpose_items[] =
    "INSERT INTO policy_purpose_items (version, purpose, item) "
    "SELECT ?2, purpose, item FROM policy_purpose_items WHERE version = ?1";
static const char sql_copy_purpose_categories[] =
    "INSERT INTO policy_purpose_categories (version, purpose, category, article) "
    "SELECT ?2, purpose, category, article FROM policy_purpose_categories WHERE version = ?1";
static const char sql_set_category[] =
    "UPDATE policy_categories SET permitted = ?3, legal_basis = ?4, pledge_required = ?5, "
    "article = ?6, text = ?7 WHERE version = ?1 AND code = ?2";
static const char sql_set_purpose[] =
    "UPDATE policy_purposes SET article = ?3, text = ?4 WHERE version = ?1 AND code = ?2";
static const char sql_set_item[] =
    "UPDATE policy_items SET article = ?3, text = ?4 WHERE version = ?1 AND code = ?2";
static const char sql_clear_purpose_items[] =
    "DELETE FROM policy_purpose_items WHERE version = ?1 AND purpose = ?2";
static const char sql_add_purpose_item[] =
    "INSERT INTO policy_purpose_items (version, purpose, item) VALUES (?1, ?2, ?3)";
static const char sql_clear_purpose_categories[] =
    "DELETE FROM policy_purpose_categories WHERE version = ?1 AND purpose = ?2";
static const char sql_add_purpose_category[] =
    "INSERT INTO policy_purpose_categories (version, purpose, category, article) "
    "SELECT ?1, ?2, code, ?3 || '; ' || article FROM policy_categories "
    "WHERE version = ?1 AND code = ?4";

/* Run a statement bound with (old, new) version numbers. */
static meibo_status run_copy(meibo_ctx *ctx, const char *sql, int64_t from, int64_t to,
                             meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "copying the policy");
}

/* Append "key=old->new" to the audit detail when the values differ; returns 1 if they did. */
static int diff(char *buf, size_t len, const char *key, const char *was, const char *now)
{
    if (!strcmp(was, now))
        return 0;
    size_t used = strlen(buf);
    if (used < len)
        snprintf(buf + used, len - used, " %s=%s->%s", key, was, now);
    return 1;
}

static meibo_status flag_value(const char *field, int v, bool *out, meibo_err *err)
{
    if (v < -1 || v > 1)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field, "%s: yes or no", field);
    if (v >= 0)
        *out = v == 1;
    return MEIBO_OK;
}

/* The categories that may use a purpose (第20条第1項): permitted ones of the policy, not the
 * member's own request (第22条), each once; into pur->categories in the policy's order. */
static meibo_status purpose_categories_check(const decide_policy *pol, const char *list,
                                             decide_purpose *pur, meibo_err *err)
{
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char code[DECIDE_CODE_LEN];
        snprintf(code, sizeof code, "%.*s", (int)n, p);
        const decide_category *cat = decide_category_find(pol, code);
        if (!cat || !cat->permitted || !strcmp(code, "self"))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "categories",
                                    "categories: '%s' is not a permitted third-party category "
                                    "(第20条第3項(b)–(i))", code);
        p += n + (p[n] == ',');
    }
    pur->categories[0] = '\0';
    for (int i = 0; i < pol->ncategories; i++) {
        if (!decide_list_has(list, pol->categories[i].code))
            continue;
        size_t used = strlen(pur->categories);
        snprintf(pur->categories + used, sizeof pur->categories - used, "%s%s", used ? "," : "",
                 pol->categories[i].code);
    }
    return MEIBO_OK;
}

/* The change of category @p code into @p cat (its article and text into *@p article, *@p text
 * for edit_check()), the differences counted into *@p changed and written to @p detail. */
static meibo_status edit_category(const decide_policy *pol, const policy_change *c,
                                  const char *code, decide_category *cat, char **article,
                                  char **text, int *changed, char *detail, size_t dlen,
                                  meibo_err *err)
{
    const decide_category *old = decide_category_find(pol, code);
    if (!old)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "code",
                                "code: no recipient category '%s'", code);
    if (c->items || c->categories)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, c->items ? "items" : "categories",
                                "%s: a category has none; edit a purpose",
                                c->items ? "items" : "categories");
    *cat = *old;
    meibo_status st;
    if ((st = flag_value("permitted", c->permitted, &cat->permitted, err)) ||
        (st = flag_value("legal_basis", c->legal_basis, &cat->legal_basis, err)) ||
        (st = flag_value("pledge_required", c->pledge_required, &cat->pledge_required, err)))
        return st;
    if (!strcmp(cat->code, "self") && !cat->permitted)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "permitted",
                                "permitted: the member (第20条第3項(a)) is always a permitted "
                                "recipient");
    if (cat->legal_basis && !cat->permitted)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "legal_basis",
                                "legal_basis: only a permitted category may be a legal-basis "
                                "one (第20条第5項 但し書)");
    *article = cat->article;
    *text = cat->text;
    *changed += diff(detail, dlen, "permitted", old->permitted ? "1" : "0",
                     cat->permitted ? "1" : "0");
    *changed += diff(detail, dlen, "legal_basis", old->legal_basis ? "1" : "0",
                     cat->legal_basis ? "1" : "0");
    *changed += diff(detail, dlen, "pledge_required", old->pledge_required ? "1" : "0",
                     cat->pledge_required ? "1" : "0");
    return MEIBO_OK;
}

/* The change of purpose @p code into @p pur: its items and who may use it (as
 * edit_category()). */
static meibo_status edit_purpose(const decide_policy *pol, const policy_change *c,
                                 const char *code, decide_purpose *pur, char **article,
                                 char **text, int *changed, char *detail, size_t dlen,
                                 meibo_err *err)
{
    const decide_purpose *old = decide_purpose_find(pol, code);
    if (!old)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "code", "code: no purpose '%s'",
                                code);
    if (c->permitted >= 0 || c->legal_basis >= 0 || c->pledge_required >= 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "code",
                                "a purpose has items, categories, an article and a text "
                                "only");
    *pur = *old;
    meibo_status st;
    if (c->items && (st = decide_items_parse(c->items, "items", &pur->items, err)))
        return st;
    char was[16], now[16];
    decide_items_format(old->items, was, sizeof was);
    decide_items_format(pur->items, now, sizeof now);
    *changed += diff(detail, dlen, "items", was, now);
    if (c->categories) {
        if ((st = purpose_categories_check(pol, c->categories, pur, err)))
            return st;
        *changed += diff(detail, dlen, "categories", old->categories, pur->categories);
    }
    *article = pur->article;
    *text = pur->text;
    return MEIBO_OK;
}

/* The change of item @p code (a–f) into @p item: its article and text only. */
static meibo_status edit_item(const decide_policy *pol, const policy_change *c, const char *code,
                              decide_item *item, char **article, char **text, meibo_err *err)
{
    unsigned bit = strlen(code) == 1 ? DECIDE_ITEM_BIT(code[0]) : 0;
    if (!bit)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "code",
                                "code: the items are a–f (第20条第1項), not '%s'", code);
    if (c->items || c->categories || c->permitted >= 0 || c->legal_basis >= 0 ||
        c->pledge_required >= 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "code",
                                "an item has an article and a text only");
    *item = pol->items[code[0] - 'a'];
    *article = item->article;
    *text = item->text;
    return MEIBO_OK;
}

/* Check the change against the row it edits (@p pol is the newest version), fill the new
 * values and the audit detail. */
static meibo_status edit_check(const decide_policy *pol, const policy_change *c,
                               decide_category *cat, decide_purpose *pur, decide_item *item,
                               char *detail, size_t dlen, meibo_err *err)
{
    meibo_status st;
    if ((st = check_text("note", c->note, 200, true, err)) ||
        (st = check_text("article", c->article, POLICY_ARTICLE_MAX, false, err)) ||
        (st = check_text("text", c->text, POLICY_TEXT_MAX, false, err)))
        return st;
    if (c->article && check_blank(c->article))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "article", "article: must not be empty");
    if (c->text && check_blank(c->text))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "text", "text: must not be empty");
    const char *code = c->code ? c->code : "";
    char *article = NULL, *text = NULL;
    int changed = 0;
    switch (c->table) {
    case POLICY_CATEGORY:
        st = edit_category(pol, c, code, cat, &article, &text, &changed, detail, dlen, err);
        break;
    case POLICY_PURPOSE:
        st = edit_purpose(pol, c, code, pur, &article, &text, &changed, detail, dlen, err);
        break;
    case POLICY_ITEM:
        st = edit_item(pol, c, code, item, &article, &text, err);
        break;
    default:
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "table",
                                "table: category, purpose or item");
    }
    if (st)
        return st;
    if (c->article) {
        changed += diff(detail, dlen, "article", article, c->article);
        text_copy_cut(article, DECIDE_ARTICLE_LEN, c->article);
    }
    if (c->text) {
        changed += diff(detail, dlen, "text", "old", strcmp(text, c->text) ? "new" : "old");
        text_copy_cut(text, DECIDE_TEXT_LEN, c->text);
    }
    if (!changed)
        return meibo_fail(err, MEIBO_ERR_INVALID, "nothing to change: %s is already so", code);
    return MEIBO_OK;
}

/* Write who may use purpose @p code (pur->categories) into version @p v. */
static meibo_status purpose_categories_apply(meibo_ctx *ctx, int64_t v, const char *code,
                                             const decide_purpose *pur, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_clear_purpose_categories, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, v);
    sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    for (const char *p = pur->categories; rc == SQLITE_DONE && *p;) {
        size_t n = strcspn(p, ",");
        if (!(s = db_stmt(ctx, sql_add_purpose_category, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, v);
        sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, pur->article, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, p, (int)n, SQLITE_TRANSIENT);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        p += n + (p[n] == ',');
    }
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "editing the policy");
}

/* Write the edited row into version @p v. */
static meibo_status edit_apply(meibo_ctx *ctx, int64_t v, const policy_change *c,
                               const decide_category *cat, const decide_purpose *pur,
                               const decide_item *item, meibo_err *err)
{
    const char *sql = c->table == POLICY_CATEGORY ? sql_set_category
                      : c->table == POLICY_PURPOSE ? sql_set_purpose
                                                   : sql_set_item;
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, v);
    sqlite3_bind_text(s, 2, c->code, -1, SQLITE_TRANSIENT);
    if (c->table == POLICY_CATEGORY) {
        sqlite3_bind_int(s, 3, cat->permitted);
        sqlite3_bind_int(s, 4, cat->legal_basis);
        sqlite3_bind_int(s, 5, cat->pledge_required);
        sqlite3_bind_text(s, 6, cat->article, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 7, cat->text, -1, SQLITE_TRANSIENT);
    } else {
        const char *article = c->table == POLICY_PURPOSE ? pur->article : item->article;
        const char *text = c->table == POLICY_PURPOSE ? pur->text : item->text;
        sqlite3_bind_text(s, 3, article, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, text, -1, SQLITE_TRANSIENT);
    }
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "editing the policy");
    meibo_status st;
    if (c->table == POLICY_PURPOSE && c->categories &&
        (st = purpose_categories_apply(ctx, v, c->code, pur, err)))
        return st;
    if (c->table != POLICY_PURPOSE || !c->items)
        return MEIBO_OK;
    if (!(s = db_stmt(ctx, sql_clear_purpose_items, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, v);
    sqlite3_bind_text(s, 2, c->code, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "editing the policy");
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        if (!(pur->items & (1u << i)))
            continue;
        char code[2] = {(char)('a' + i), '\0'};
        if (!(s = db_stmt(ctx, sql_add_purpose_item, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, v);
        sqlite3_bind_text(s, 2, c->code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, code, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(ctx, err, "editing the policy");
    }
    return MEIBO_OK;
}

meibo_status policy_edit(meibo_ctx *ctx, const policy_change *c, int64_t *new_version,
                         meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "edit the policy tables", err);
    if (st)
        return st;
    if (!c)
        return meibo_fail(err, MEIBO_ERR_INVALID, "no change given");
    decide_policy *pol = malloc(sizeof *pol); /* large: keep it off the stack */
    if (!pol)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    decide_category cat;
    decide_purpose pur;
    decide_item item;
    char detail[900] = "";
    char now[32];
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        goto out;
    if ((st = policy_load(ctx, 0, pol, err)))
        goto rollback;
    snprintf(detail, sizeof detail, "version=%" PRId64 "->%" PRId64 " %s=%s", pol->version,
             pol->version + 1,
             c->table == POLICY_CATEGORY   ? "category"
             : c->table == POLICY_PURPOSE ? "purpose"
                                          : "item",
             c->code ? c->code : "");
    if ((st = edit_check(pol, c, &cat, &pur, &item, detail, sizeof detail, err)))
        goto rollback;
    int64_t v = pol->version + 1;
    sqlite3_stmt *s = db_stmt(ctx, sql_version_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, v);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, c->note, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "adding a policy version");
        goto rollback;
    }
    if ((st = run_copy(ctx, sql_copy_categories, pol->version, v, err)) ||
        (st = run_copy(ctx, sql_copy_items, pol->version, v, err)) ||
        (st = run_copy(ctx, sql_copy_purposes, pol->version, v, err)) ||
        (st = run_copy(ctx, sql_copy_purpose_items, pol->version, v, err)) ||
        (st = run_copy(ctx, sql_copy_purpose_categories, pol->version, v, err)) ||
        (st = edit_apply(ctx, v, c, &cat, &pur, &item, err)) ||
        (st = audit_append(ctx, "policy.edit", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    if (new_version)
        *new_version = v;
    goto out;
rollback:
    db_rollback(ctx);
out:
    free(pol);
    return st;
}

static const char sql_versions[] =
    "SELECT version, created_at, created_by, note FROM policy_versions ORDER BY version DESC";

meibo_status policy_versions(meibo_ctx *ctx, policy_version_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the policy versions", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_versions, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        policy_version_info v = {
            .version = sqlite3_column_int64(s, 0),
            .created_at = (const char *)sqlite3_column_text(s, 1),
            .created_by = (const char *)sqlite3_column_text(s, 2),
            .note = (const char *)sqlite3_column_text(s, 3),
        };
        if (fn(&v, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the policy versions");
}
