/* roster.c: the members in the database (名簿): loading, adding, the one audited path that
 * changes a member, withdrawing, the search index kept with every change, the change history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/member.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "meibo/text.h"

/* ---- storage ----------------------------------------------------------------------------- */

/* Columns in MEIBO_MEMBER_FIELDS order, after id and version. */
#define MEMBER_SELECT                                                                          \
    "SELECT m.id, m.version, m.member_no, m.specialist_no, m.joined_on, m.status, "           \
    "m.family_name, m.given_name, m.family_kana, m.given_kana, m.name_en, m.birth_date, "     \
    "m.postal_code, m.home_address, m.email, f.name, f.postal_code, f.address, m.branch, "    \
    "(SELECT CASE c.granted WHEN 1 THEN 'yes' ELSE 'no' END FROM member_consents c "          \
    " WHERE c.member_id = m.id AND c.scope = 'directory'), "                                  \
    "(SELECT o.received_on FROM member_optouts o WHERE o.member_id = m.id "                   \
    " AND o.withdrawn_on IS NULL), "                                                          \
    "m.withdrawn_on, m.withdraw_reason, m.created_at, m.updated_at, m.updated_by, "           \
    "m.search_key FROM members m LEFT JOIN facilities f ON f.id = m.facility_id "
enum { SEL_FIELDS = 2, SEL_CREATED = SEL_FIELDS + MF__COUNT, SEL_UPDATED, SEL_UPDATED_BY, SEL_KEY };

static const char sql_by_no[] = MEMBER_SELECT "WHERE m.member_no = ?1";
static const char sql_by_id[] = MEMBER_SELECT "WHERE m.id = ?1";

/* Load by number or id (no audit, no role check); *key gets the stored search key. */
static meibo_status load_raw(meibo_ctx *ctx, const char *member_no, int64_t id, meibo_member *m,
                             char **key, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, member_no ? sql_by_no : sql_by_id, err);
    if (!s)
        return MEIBO_ERR_DB;
    if (member_no)
        sqlite3_bind_text(s, 1, member_no, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        if (member_no)
            return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "no member with number %s", member_no);
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "no member with id %lld", (long long)id);
    }
    if (rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading a member");
    member_clear(m);
    m->id = sqlite3_column_int64(s, 0);
    m->version = sqlite3_column_int64(s, 1);
    for (int f = 0; f < MF__COUNT; f++)
        m->v[f] = db_text_dup(s, SEL_FIELDS + f);
    m->created_at = db_text_dup(s, SEL_CREATED);
    m->updated_at = db_text_dup(s, SEL_UPDATED);
    m->updated_by = db_text_dup(s, SEL_UPDATED_BY);
    if (key)
        *key = db_text_dup(s, SEL_KEY);
    sqlite3_reset(s);
    return MEIBO_OK;
}

meibo_status member_load(meibo_ctx *ctx, const char *member_no, int flags, meibo_member *m,
                         meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read a member", err);
    if (st)
        return st;
    char *no = NULL;
    if ((st = text_nfkc(member_no ? member_no : "", &no, err)))
        return st;
    st = load_raw(ctx, no, 0, m, NULL, err);
    if (st == MEIBO_OK && (flags & MEMBER_READ_AUDIT))
        st = audit_append(ctx, "member.read", no, "", err);
    free(no);
    return st;
}

static const char sql_facility_find[] =
    "SELECT id, postal_code FROM facilities WHERE name = ?1 AND address = ?2";
static const char sql_facility_insert[] =
    "INSERT INTO facilities (name, postal_code, address) VALUES (?1, ?2, ?3)";
static const char sql_facility_postal[] = "UPDATE facilities SET postal_code = ?2 WHERE id = ?1";

/* The facilities a bulk load has seen: a direct-mapped table by name and address. */
#define FACILITY_CACHE_SLOTS 8192
typedef struct facility_cached {
    char *name, *addr, *postal; /* one allocation: name, then addr, then postal */
    int64_t id;
} facility_cached;
struct member_facility_cache {
    facility_cached slot[FACILITY_CACHE_SLOTS];
};

meibo_status member_facility_cache_begin(meibo_ctx *ctx, meibo_err *err)
{
    member_facility_cache_end(ctx);
    if (!(ctx->facilities = calloc(1, sizeof *ctx->facilities)))
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    return MEIBO_OK;
}

void member_facility_cache_end(meibo_ctx *ctx)
{
    if (!ctx->facilities)
        return;
    for (int i = 0; i < FACILITY_CACHE_SLOTS; i++)
        free(ctx->facilities->slot[i].name);
    free(ctx->facilities);
    ctx->facilities = NULL;
}

static facility_cached *facility_slot(meibo_ctx *ctx, const char *name, const char *addr)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a over name, a separator, address */
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    h = (h ^ 0xFF) * 1099511628211u;
    for (const char *p = addr; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    return &ctx->facilities->slot[h % FACILITY_CACHE_SLOTS];
}

static void facility_remember(facility_cached *c, const char *name, const char *addr,
                              const char *postal, int64_t id)
{
    size_t nn = strlen(name) + 1, na = strlen(addr) + 1, np = strlen(postal) + 1;
    char *buf = malloc(nn + na + np);
    free(c->name);
    memset(c, 0, sizeof *c);
    if (!buf)
        return; /* not remembered: looked up again next time */
    memcpy(buf, name, nn);
    memcpy(buf + nn, addr, na);
    memcpy(buf + nn + na, postal, np);
    c->name = buf;
    c->addr = buf + nn;
    c->postal = buf + nn + na;
    c->id = id;
}

/* The facility row for the member's facility fields (created when new); 0 when none. A
 * facility on file whose postal code the member gives differently takes the new one. */
static meibo_status facility_id(meibo_ctx *ctx, const meibo_member *m, int64_t *id, meibo_err *err)
{
    const char *name = member_get_field(m, MF_FACILITY_NAME);
    const char *addr = member_get_field(m, MF_FACILITY_ADDRESS);
    const char *postal = member_get_field(m, MF_FACILITY_POSTAL_CODE);
    *id = 0;
    if (!*name)
        return MEIBO_OK;
    facility_cached *c = ctx->facilities ? facility_slot(ctx, name, addr) : NULL;
    char on_file[16] = ""; /* its postal code (a valid one is 8 bytes) */
    bool found = false;
    sqlite3_stmt *s;
    if (c && c->name && !strcmp(c->name, name) && !strcmp(c->addr, addr)) {
        *id = c->id;
        snprintf(on_file, sizeof on_file, "%s", c->postal);
        found = true;
    } else {
        if (!(s = db_stmt(ctx, sql_facility_find, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, addr, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            *id = sqlite3_column_int64(s, 0);
            const char *p = (const char *)sqlite3_column_text(s, 1);
            snprintf(on_file, sizeof on_file, "%s", p ? p : "");
            found = true;
        }
        sqlite3_reset(s);
        if (!found && rc != SQLITE_DONE)
            return db_fail(ctx, err, "finding a facility");
        if (found && c)
            facility_remember(c, name, addr, on_file, *id);
    }
    if (found) {
        if (*postal && strcmp(on_file, postal)) {
            if (!(s = db_stmt(ctx, sql_facility_postal, err)))
                return MEIBO_ERR_DB;
            sqlite3_bind_int64(s, 1, *id);
            sqlite3_bind_text(s, 2, postal, -1, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE)
                return db_fail(ctx, err, "updating a facility");
            sqlite3_reset(s);
            if (c)
                facility_remember(c, name, addr, postal, *id);
        }
        return MEIBO_OK;
    }
    if (!(s = db_stmt(ctx, sql_facility_insert, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, postal, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, addr, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE)
        return db_fail(ctx, err, "adding a facility");
    sqlite3_reset(s);
    *id = sqlite3_last_insert_rowid(ctx->db);
    if (c)
        facility_remember(c, name, addr, postal, *id);
    return MEIBO_OK;
}

static const char sql_member_insert[] =
    "INSERT INTO members (member_no, specialist_no, joined_on, status, family_name, given_name, "
    "family_kana, given_kana, name_en, birth_date, postal_code, home_address, email, "
    "facility_id, branch, withdrawn_on, withdraw_reason, search_key, reading_key, name_key, "
    "version, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, 1, ?21, ?21, ?22)";
static const char sql_member_update[] =
    "UPDATE members SET member_no = ?1, specialist_no = ?2, joined_on = ?3, status = ?4, "
    "family_name = ?5, given_name = ?6, family_kana = ?7, given_kana = ?8, name_en = ?9, "
    "birth_date = ?10, postal_code = ?11, home_address = ?12, email = ?13, facility_id = ?14, "
    "branch = ?15, withdrawn_on = ?16, withdraw_reason = ?17, search_key = ?18, "
    "reading_key = ?19, name_key = ?20, version = version + 1, updated_at = ?21, "
    "updated_by = ?22 WHERE id = ?23 AND version = ?24";

/* Bind a field, NULL when empty for the nullable columns. */
static void bind_field(sqlite3_stmt *s, int i, const meibo_member *m, member_field f, bool nullable)
{
    const char *v = member_get_field(m, f);
    if (nullable && !*v)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static void bind_member(sqlite3_stmt *s, const meibo_member *m, int64_t fac, const char *key,
                        const char *rkey, const char *nkey, const char *now, const char *who)
{
    static const struct {
        member_field f;
        bool nullable;
    } cols[] = {{MF_MEMBER_NO, false},   {MF_SPECIALIST_NO, true}, {MF_JOINED_ON, false},
                {MF_STATUS, false},      {MF_FAMILY_NAME, false},  {MF_GIVEN_NAME, false},
                {MF_FAMILY_KANA, false}, {MF_GIVEN_KANA, false},   {MF_NAME_EN, false},
                {MF_BIRTH_DATE, true},   {MF_POSTAL_CODE, false},  {MF_HOME_ADDRESS, false},
                {MF_EMAIL, false}};
    int i = 1;
    for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
        bind_field(s, i++, m, cols[c].f, cols[c].nullable);
    if (fac)
        sqlite3_bind_int64(s, i++, fac);
    else
        sqlite3_bind_null(s, i++);
    bind_field(s, i++, m, MF_BRANCH, false);
    bind_field(s, i++, m, MF_WITHDRAWN_ON, true);
    bind_field(s, i++, m, MF_WITHDRAW_REASON, false);
    sqlite3_bind_text(s, i++, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, i++, rkey ? rkey : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, i++, nkey ? nkey : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, i++, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, i++, who, -1, SQLITE_STATIC);
}

static const char sql_consent_upsert[] =
    "INSERT INTO member_consents (member_id, scope, granted, decided_on, source, recorded_by) "
    "VALUES (?1, 'directory', ?2, ?3, ?4, ?5) ON CONFLICT (member_id, scope) DO UPDATE SET "
    "granted = excluded.granted, decided_on = excluded.decided_on, source = excluded.source, "
    "recorded_by = excluded.recorded_by";
static const char sql_consent_insert[] = /* a new member has no consent row yet */
    "INSERT INTO member_consents (member_id, scope, granted, decided_on, source, recorded_by) "
    "VALUES (?1, 'directory', ?2, ?3, ?4, ?5)";
static const char sql_consent_delete[] =
    "DELETE FROM member_consents WHERE member_id = ?1 AND scope = 'directory'";
/* An import's opt-out date (第20条第5項): recorded as an opt-out record whose source is the
 * import file and line; the member's optout_on is read back from these records. */
static const char sql_optout_import[] =
    "INSERT INTO member_optouts (member_id, received_on, recorded_by, recorded_at, channel, "
    "source) VALUES (?1, ?2, ?3, ?4, 'import', ?5)";
/* Bring the consent row in line with the member's field (old may be NULL). */
static meibo_status save_side_tables(meibo_ctx *ctx, const meibo_member *m, const meibo_member *old,
                                     const char *today, meibo_err *err)
{
    const char *consent = member_get_field(m, MF_DIRECTORY_CONSENT);
    const char *was = old ? member_get_field(old, MF_DIRECTORY_CONSENT) : "";
    sqlite3_stmt *s;
    if (strcmp(consent, was) != 0) {
        if (!(s = db_stmt(ctx, !*consent ? sql_consent_delete
                               : old      ? sql_consent_upsert
                                          : sql_consent_insert,
                          err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, m->id);
        if (*consent) {
            sqlite3_bind_int(s, 2, !strcmp(consent, "yes"));
            sqlite3_bind_text(s, 3, today, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 4, old ? "member edit" : "registration", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 5, ctx->login, -1, SQLITE_STATIC);
        }
        if (sqlite3_step(s) != SQLITE_DONE)
            return db_fail(ctx, err, "saving the directory consent");
        sqlite3_reset(s);
    }
    return MEIBO_OK;
}

/* 第20条第5項: optout_on is derived from the opt-out records, never set as a field. A new
 * member's date is recorded only from an import (its file and line in @p source); a change to
 * it on a stored member (@p was) is refused, naming the path that changes it. */
static meibo_status optout_field(const meibo_member *m, const char *was, const char *source,
                                 meibo_err *err)
{
    const char *oo = member_get_field(m, MF_OPTOUT_ON);
    if (!strcmp(oo, was ? was : "") || (!was && source))
        return MEIBO_OK;
    return meibo_fail_reason(err, MEIBO_ERR_INVALID, "optout_on", MEIBO_REASON_OPTOUT_RECORDS,
                             oo, NULL,
                             "optout_on (第三者提供停止申出日): an opt-out is made and withdrawn "
                             "only by its records, not as a member field: meibo optout add %s "
                             "--document DOC (the written application), meibo optout phone %s "
                             "(a telephone request, 書面待ち), meibo optout withdraw %s --document "
                             "DOC (the written withdrawal) (第20条第5項)",
                             member_get_field(m, MF_MEMBER_NO), member_get_field(m, MF_MEMBER_NO),
                             member_get_field(m, MF_MEMBER_NO));
}

static meibo_status optout_from_import(meibo_ctx *ctx, const meibo_member *m, const char *source,
                                       const char *now, meibo_err *err)
{
    const char *oo = member_get_field(m, MF_OPTOUT_ON);
    if (!*oo)
        return MEIBO_OK;
    sqlite3_stmt *s = db_stmt(ctx, sql_optout_import, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, m->id);
    sqlite3_bind_text(s, 2, oo, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, source, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK
                             : db_fail(ctx, err, "recording the imported opt-out (第20条第5項)");
}

void member_prepared_clear(member_prepared *p)
{
    member_clear(&p->m);
    free(p->key);
    free(p->reading_key);
    free(p->name_key);
    free(p->grams);
    free(p->trigrams);
    p->key = p->reading_key = p->name_key = p->grams = p->trigrams = NULL;
}

meibo_status member_prepare(member_prepared *p, meibo_err *err)
{
    meibo_status st = member_validate_at(&p->m, p->today[0] ? p->today : NULL, err);
    if (st || (st = search_member_keys(&p->m, &p->key, &p->reading_key, &p->name_key, err)) ||
        (st = search_grams(p->key, &p->grams, &p->trigrams, err)))
        return st;
    return MEIBO_OK;
}

/* Store a prepared member. With @p own_tx a transaction (or savepoint) wraps it; without, the
 * caller's transaction does and is rolled back whole by the caller on failure. The audit row
 * goes to @p audit when given (bulk loads), else straight to the log. */
static meibo_status member_store(meibo_ctx *ctx, member_prepared *p, bool own_tx,
                                 audit_batch *audit, meibo_err *err)
{
    meibo_member *m = &p->m;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "add a member", err);
    if (st || (st = member_society_formats(ctx, m, err)) ||
        (st = optout_field(m, NULL, p->optout_source, err)))
        return st;
    char now[32], today[16];
    db_now_text(ctx, now, sizeof now);
    db_today(ctx, today, sizeof today);
    int64_t fac = 0;
    sqlite3_stmt *s;
    if (own_tx && (st = db_begin(ctx, err)))
        return st;
    if ((st = facility_id(ctx, m, &fac, err)))
        goto rollback;
    if (!(s = db_stmt(ctx, sql_member_insert, err))) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    bind_member(s, m, fac, p->key, p->reading_key, p->name_key, now, ctx->login);
    if (sqlite3_step(s) != SQLITE_DONE) {
        st = db_fail(ctx, err, "adding a member");
        sqlite3_reset(s);
        if (st == MEIBO_ERR_EXISTS)
            meibo_fail_reason(err, st, "member_no", MEIBO_REASON_REGISTERED,
                              member_get_field(m, MF_MEMBER_NO), NULL,
                              "member_no (会員番号): %s is already registered",
                              member_get_field(m, MF_MEMBER_NO));
        goto rollback;
    }
    sqlite3_reset(s);
    m->id = sqlite3_last_insert_rowid(ctx->db);
    m->version = 1;
    if ((st = search_index_add(ctx, m->id, p->grams, p->trigrams, err)) ||
        (st = save_side_tables(ctx, m, NULL, today, err)) ||
        (p->optout_source && (st = optout_from_import(ctx, m, p->optout_source, now, err))) ||
        (st = audit ? audit_batch_append(audit, "member.create", member_get_field(m, MF_MEMBER_NO),
                                         "", err)
                    : audit_append(ctx, "member.create", member_get_field(m, MF_MEMBER_NO), "",
                                   err)) ||
        (own_tx && (st = db_commit(ctx, err))))
        goto rollback;
    return MEIBO_OK;
rollback:
    if (own_tx)
        db_rollback(ctx);
    m->id = 0;
    m->version = 0;
    return st;
}

meibo_status member_store_prepared(meibo_ctx *ctx, member_prepared *p, audit_batch *audit,
                                   meibo_err *err)
{
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "member_store_prepared needs the caller's transaction");
    return member_store(ctx, p, false, audit, err);
}

/* Insert a new member: prepare it, then store it. The caller's m receives id and version;
 * its fields are normalized in place. @p source: where a data file's optout_on came from. */
static meibo_status member_insert(meibo_ctx *ctx, meibo_member *m, bool own_tx,
                                  const char *source, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "add a member", err);
    if (st)
        return st;
    member_prepared p = {.m = *m, .optout_source = source}; /* borrow m's strings */
    db_today(ctx, p.today, sizeof p.today);
    if (!(st = member_prepare(&p, err)))
        st = member_store(ctx, &p, own_tx, NULL, err);
    *m = p.m; /* hand them back, normalized, with id and version */
    member_init(&p.m);
    member_prepared_clear(&p);
    return st;
}

meibo_status member_create(meibo_ctx *ctx, meibo_member *m, meibo_err *err)
{
    return member_insert(ctx, m, true, NULL, err);
}

meibo_status member_create_from(meibo_ctx *ctx, meibo_member *m, const char *source,
                                meibo_err *err)
{
    return member_insert(ctx, m, true, source, err);
}

/* Names of the fields that differ between a and b, comma-separated, into buf. */
static int changed_fields(const meibo_member *a, const meibo_member *b, char *buf, size_t len)
{
    int n = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (int f = 0; f < MF__COUNT; f++) {
        if (!strcmp(member_get_field(a, (member_field)f), member_get_field(b, (member_field)f)))
            continue;
        int w = snprintf(buf + used, len - used, "%s%s", n ? "," : "", member_field_get(f)->name);
        if (w > 0 && (size_t)w < len - used)
            used += (size_t)w;
        n++;
    }
    return n;
}

static const char sql_change_insert[] =
    "INSERT INTO member_changes (member_id, audit_id, field, old_value, new_value, masked) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* What the access-log row @p audit_id changed, field by field (schema/026): a masked field's
 * values are not kept. */
static meibo_status save_changes(meibo_ctx *ctx, int64_t member_id, int64_t audit_id,
                                 const meibo_member *a, const meibo_member *b, meibo_err *err)
{
    for (int f = 0; f < MF__COUNT; f++) {
        const char *old = member_get_field(a, (member_field)f);
        const char *new = member_get_field(b, (member_field)f);
        if (!strcmp(old, new))
            continue;
        bool masked = (member_field_get(f)->flags & MF_SENSITIVE) != 0;
        sqlite3_stmt *s = db_stmt(ctx, sql_change_insert, err);
        if (!s)
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, member_id);
        sqlite3_bind_int64(s, 2, audit_id);
        sqlite3_bind_text(s, 3, member_field_get(f)->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, masked ? "" : old, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 5, masked ? "" : new, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(s, 6, masked);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(ctx, err, "recording a member's change");
    }
    return MEIBO_OK;
}

static const char sql_changes_of[] =
    "SELECT field, old_value, new_value, masked FROM member_changes WHERE audit_id = ?1 "
    "ORDER BY id";

meibo_status member_field_changes(meibo_ctx *ctx, int64_t audit_id, member_change_fn fn, void *arg,
                            meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read a member's history", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_changes_of, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, audit_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *field = (const char *)sqlite3_column_text(s, 0);
        int f = member_field_find(field ? field : "");
        member_change c = {.field = f < 0 ? MF__COUNT : (member_field)f,
                           .old_value = (const char *)sqlite3_column_text(s, 1),
                           .new_value = (const char *)sqlite3_column_text(s, 2),
                           .masked = sqlite3_column_int(s, 3) != 0};
        if (c.field == MF__COUNT)
            continue;
        if (fn && fn(&c, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    st = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading a member's changes");
    sqlite3_reset(s);
    return st;
}

/* The one path for changing a stored member: validate, check the version, write, audit. */
static meibo_status member_save(meibo_ctx *ctx, meibo_member *m, const char *action, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "change a member", err);
    char today[16];
    db_today(ctx, today, sizeof today);
    if (st || (st = member_validate_at(m, today, err)) || (st = member_society_formats(ctx, m, err)))
        return st;
    meibo_member cur;
    member_init(&cur);
    char *old_key = NULL, *key = NULL, *rkey = NULL, *nkey = NULL;
    char now[32], fields[512];
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        goto out;
    if (m->id > 0)
        st = load_raw(ctx, NULL, m->id, &cur, &old_key, err);
    else
        st = load_raw(ctx, member_get_field(m, MF_MEMBER_NO), 0, &cur, &old_key, err);
    if (st)
        goto rollback;
    if (cur.version != m->version) {
        st = meibo_fail(err, MEIBO_ERR_CONFLICT,
                        "member %s was changed by %s at %s (now version %lld; your copy is "
                        "version %lld): nothing was saved; reload it and apply your change again",
                        member_get_field(&cur, MF_MEMBER_NO), cur.updated_by ? cur.updated_by : "?",
                        cur.updated_at ? cur.updated_at : "?", (long long)cur.version,
                        (long long)m->version);
        goto rollback;
    }
    m->id = cur.id;
    if ((st = optout_field(m, member_get_field(&cur, MF_OPTOUT_ON), NULL, err)))
        goto rollback;
    if (changed_fields(&cur, m, fields, sizeof fields) == 0) {
        db_rollback(ctx);
        goto out;
    }
    if ((st = search_member_keys(m, &key, &rkey, &nkey, err)))
        goto rollback;
    int64_t fac = 0;
    if ((st = facility_id(ctx, m, &fac, err)))
        goto rollback;
    sqlite3_stmt *s = db_stmt(ctx, sql_member_update, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    bind_member(s, m, fac, key, rkey, nkey, now, ctx->login);
    sqlite3_bind_int64(s, 23, cur.id);
    sqlite3_bind_int64(s, 24, cur.version);
    if (sqlite3_step(s) != SQLITE_DONE) {
        st = db_fail(ctx, err, "saving a member");
        sqlite3_reset(s);
        if (st == MEIBO_ERR_EXISTS)
            meibo_fail_reason(err, st, "member_no", MEIBO_REASON_REGISTERED,
                              member_get_field(m, MF_MEMBER_NO), NULL,
                              "member_no (会員番号): %s is already registered",
                              member_get_field(m, MF_MEMBER_NO));
        goto rollback;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(ctx->db) != 1) {
        st = meibo_fail(err, MEIBO_ERR_CONFLICT, "member %s changed while saving; nothing was saved",
                        member_get_field(m, MF_MEMBER_NO));
        goto rollback;
    }
    if (strcmp(old_key ? old_key : "", key) != 0 &&
        (st = search_index_update(ctx, cur.id, old_key ? old_key : "", key, err)))
        goto rollback;
    char detail[600];
    snprintf(detail, sizeof detail, "fields=%s", fields);
    if ((st = save_side_tables(ctx, m, &cur, today, err)) ||
        (st = audit_append(ctx, action, member_get_field(m, MF_MEMBER_NO), detail, err)) ||
        (st = save_changes(ctx, cur.id, sqlite3_last_insert_rowid(ctx->db), &cur, m, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    m->version = cur.version + 1;
    goto out;
rollback:
    db_rollback(ctx);
out:
    member_clear(&cur);
    free(old_key);
    free(key);
    free(rkey);
    free(nkey);
    return st;
}

meibo_status member_update(meibo_ctx *ctx, meibo_member *m, meibo_err *err)
{
    return member_save(ctx, m, "member.update", err);
}

meibo_status member_withdraw(meibo_ctx *ctx, const char *member_no, const char *date,
                             const char *reason, int64_t version, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "withdraw a member", err);
    if (st)
        return st;
    meibo_member m;
    member_init(&m);
    char today[16];
    db_today(ctx, today, sizeof today);
    if ((st = load_raw(ctx, member_no, 0, &m, NULL, err)))
        goto out;
    if (strcmp(member_get_field(&m, MF_STATUS), "active") != 0) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "status", "member %s is already %s",
                              member_no, member_get_field(&m, MF_STATUS));
        goto out;
    }
    m.version = version;
    if ((st = member_set(&m, MF_STATUS, "withdrawn", err)) ||
        (st = member_set(&m, MF_WITHDRAWN_ON, date && *date ? date : today, err)) ||
        (st = member_set(&m, MF_WITHDRAW_REASON, reason, err)))
        goto out;
    st = member_save(ctx, &m, "member.withdraw", err);
out:
    member_clear(&m);
    return st;
}

static const char sql_member_count[] = "SELECT count(*) FROM members";

meibo_status member_count(meibo_ctx *ctx, int64_t *n, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_member_count, err);
    if (!s)
        return MEIBO_ERR_DB;
    meibo_status st = MEIBO_OK;
    if (sqlite3_step(s) != SQLITE_ROW)
        st = db_fail(ctx, err, "counting members");
    else
        *n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return st;
}

meibo_status member_reveal(meibo_ctx *ctx, const char *member_no, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "reveal a member's masked fields", err);
    if (st)
        return st;
    return audit_append(ctx, "member.reveal", member_no, "birth_date,postal_code,home_address,email",
                        err);
}

static const char sql_branches[] =
    "SELECT branch, count(*) FROM members WHERE branch <> '' GROUP BY branch ORDER BY branch";

meibo_status member_branches(meibo_ctx *ctx, member_branch_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "list branches", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_branches, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (fn((const char *)sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1), arg)) {
            rc = SQLITE_DONE;
            break;
        }
    st = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "listing branches");
    sqlite3_reset(s);
    return st;
}
