/* inquiry.c: third-party inquiries: gather the facts, decide (decide.c), record, approve. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/buf.h"
#include "meibo/address.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/denylist.h"
#include "meibo/inquiry.h"
#include "meibo/recipient.h"
#include "meibo/policy.h"
#include "meibo/provision.h"
#include "meibo/text.h"

/* Sizes of the stored text fields, in characters (UTF-8: up to 4 bytes each). */
#define INQ_NAME_MAX 60
#define INQ_TEXT_MAX 100
#define INQ_NOTE_MAX 200
#define INQ_BYTES(chars) ((chars) * 4 + 1)

/* An inquiry as stored: the checked, canonical request and where it stands. */
typedef struct inq {
    int64_t id;
    char received_on[11], channel[12];
    char requester[INQ_BYTES(INQ_NAME_MAX)], organization[INQ_BYTES(INQ_TEXT_MAX)];
    char contact[INQ_BYTES(INQ_TEXT_MAX)];
    char recipient_key[1024]; /* organization, else requester, as a search key */
    char category[DECIDE_CODE_LEN], identity[12], identity_check[INQ_BYTES(INQ_NOTE_MAX)];
    char purpose[INQ_BYTES(INQ_TEXT_MAX)], items[16], method[10], medium[12];
    char legal_basis[INQ_BYTES(INQ_TEXT_MAX)], legal_document[INQ_BYTES(INQ_TEXT_MAX)];
    bool emergency;
    char member_query[INQ_BYTES(3 * INQ_TEXT_MAX)]; /* how the member was named, as stored */
    /* the member as named (first decision only): a number, or a name narrowed */
    char by_no[32], by_name[INQ_BYTES(INQ_NAME_MAX)], by_birth[11];
    char by_facility[INQ_BYTES(INQ_TEXT_MAX)];
    int64_t member_id;
    char member_no[16];
    char status[12];
    int64_t decision_id;
} inq;

/* The member as the decision sees it. */
typedef struct inq_member {
    bool found, opted_out;
    int64_t id;
    char member_no[16], status[12];
} inq_member;

/* Everything one operation works with; large, so it lives on the heap. */
typedef struct inq_work {
    decide_policy pol;
    pledge_facts facts;
    inq q;
    decide_result r;
} inq_work;

static const char *const channels[] = {"letter", "fax", "phone", "email", "counter"};

static bool one_of(const char *v, const char *const *list, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        if (!strcmp(v, list[i]))
            return true;
    return false;
}

/* Copy a checked text into a buffer of the struct ("" for NULL). */
static void put(char *dst, size_t size, const char *src)
{
    text_copy_cut(dst, size, src ? src : "");
}

/* A value from a fixed set, "" / NULL meaning @p dflt (NULL: required). */
static meibo_status choice(const char *field, const char *v, const char *dflt,
                           const char *const *list, size_t n, char *dst, size_t size,
                           meibo_err *err)
{
    if (check_blank(v))
        v = dflt;
    if (!v)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field, "%s: is required", field);
    if (!one_of(v, list, n)) {
        char all[200] = "";
        for (size_t i = 0; i < n; i++)
            snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "", list[i]);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field, "%s: '%s' is not one of %s", field,
                                v, all);
    }
    put(dst, size, v);
    return MEIBO_OK;
}

/* Check a request whole and fill @p q; @p recording requires what inquiry_add() stores. */
static meibo_status inq_from_request(meibo_ctx *ctx, const inquiry_request *req, bool recording,
                                     inq *q, meibo_err *err)
{
    static const char *const identities[] = {"verified", "unverified"};
    static const char *const methods[] = {"written", "other"};
    static const char *const media[] = {"paper", "electronic"};
    memset(q, 0, sizeof *q);
    char today[16];
    db_today(ctx, today, sizeof today);
    meibo_status st;
    if ((st = check_date_in("received_on", req->received_on, today, CHECK_DATE_EVENT, today, q->received_on, err)))
        return st;
    if (strcmp(q->received_on, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "received_on",
                                "received_on: %s is in the future", q->received_on);
    if ((st = choice("channel", req->channel, "letter", channels, 5, q->channel,
                     sizeof q->channel, err)) ||
        (st = check_text("requester", req->requester, INQ_NAME_MAX, recording, err)) ||
        (st = check_text("organization", req->organization, INQ_TEXT_MAX, false, err)) ||
        (st = check_text("contact", req->contact, INQ_TEXT_MAX, false, err)) ||
        (st = check_text("category", req->category, DECIDE_CODE_LEN - 1, true, err)) ||
        (st = choice("identity", req->identity, NULL, identities, 2, q->identity,
                     sizeof q->identity, err)) ||
        (st = check_text("identity_check", req->identity_check, INQ_NOTE_MAX, false, err)) ||
        (st = check_text("purpose", req->purpose, INQ_TEXT_MAX, false, err)) ||
        (st = choice("method", req->method, "written", methods, 2, q->method, sizeof q->method,
                     err)) ||
        (st = choice("medium", req->medium, "paper", media, 2, q->medium, sizeof q->medium,
                     err)) ||
        (st = check_text("legal_basis", req->legal_basis, INQ_TEXT_MAX, false, err)) ||
        (st = check_text("legal_document", req->legal_document, INQ_TEXT_MAX, false, err)))
        return st;
    unsigned items = 0;
    if ((st = decide_items_parse(req->items, "items", &items, err)))
        return st;
    decide_items_format(items, q->items, sizeof q->items);
    put(q->requester, sizeof q->requester, req->requester);
    put(q->organization, sizeof q->organization, req->organization);
    put(q->contact, sizeof q->contact, req->contact);
    put(q->category, sizeof q->category, req->category);
    put(q->identity_check, sizeof q->identity_check, req->identity_check);
    if (!check_blank(req->purpose))
        put(q->purpose, sizeof q->purpose, req->purpose);
    if (!check_blank(req->legal_basis))
        put(q->legal_basis, sizeof q->legal_basis, req->legal_basis);
    if (!check_blank(req->legal_document))
        put(q->legal_document, sizeof q->legal_document, req->legal_document);
    q->emergency = req->emergency;

    /* the member: a number, or a name narrowed by a birth date or a facility */
    bool by_no = !check_blank(req->member_no), by_name = !check_blank(req->name);
    if (by_no == by_name)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "member",
                                "member: give the member number, or the name (with the birth "
                                "date or the facility)");
    if (by_no && (!check_blank(req->birth_date) || !check_blank(req->facility)))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "member",
                                "member: a birth date or a facility narrows a name, not a member "
                                "number");
    if (by_no) {
        char *no = NULL;
        if ((st = check_text("member_no", req->member_no, 20, true, err)) ||
            (st = text_nfkc(req->member_no, &no, err)))
            return st;
        snprintf(q->member_query, sizeof q->member_query, "member_no=%s", no);
        put(q->by_no, sizeof q->by_no, no);
        free(no);
    } else {
        char bd[11] = "";
        if ((st = check_text("name", req->name, INQ_NAME_MAX, true, err)) ||
            (st = check_text("facility", req->facility, INQ_TEXT_MAX, false, err)) ||
            (!check_blank(req->birth_date) &&
             (st = check_date("birth_date", req->birth_date, NULL, bd, err))))
            return st;
        put(q->by_name, sizeof q->by_name, req->name);
        put(q->by_birth, sizeof q->by_birth, bd);
        if (!check_blank(req->facility))
            put(q->by_facility, sizeof q->by_facility, req->facility);
        snprintf(q->member_query, sizeof q->member_query, "name=%s%s%s%s%s", q->by_name,
                 *bd ? " birth_date=" : "", bd, *q->by_facility ? " facility=" : "",
                 q->by_facility);
    }

    const char *recipient = check_blank(q->organization) ? q->requester : q->organization;
    char *key = NULL;
    if ((st = text_search_key(recipient, &key, err)))
        return st;
    put(q->recipient_key, sizeof q->recipient_key, key);
    free(key);
    return MEIBO_OK;
}

/* ---- the member ---------------------------------------------------------------------------- */

#define MEMBER_FACTS                                                                          \
    "SELECT m.id, m.member_no, m.status, EXISTS (SELECT 1 FROM member_optouts o "             \
    "WHERE o.member_id = m.id AND o.withdrawn_on IS NULL), coalesce(m.birth_date, ''), "      \
    "coalesce(f.name, '') FROM members m LEFT JOIN facilities f ON f.id = m.facility_id "

static const char sql_member_by_no[] = MEMBER_FACTS "WHERE m.member_no = ?1";
static const char sql_member_by_id[] = MEMBER_FACTS "WHERE m.id = ?1";
static const char sql_member_by_name[] =
    MEMBER_FACTS "WHERE m.name_key = ?1 OR m.reading_key = ?1 ORDER BY m.id";

static void member_from_row(sqlite3_stmt *s, inq_member *m)
{
    m->found = true;
    m->id = sqlite3_column_int64(s, 0);
    put(m->member_no, sizeof m->member_no, (const char *)sqlite3_column_text(s, 1));
    put(m->status, sizeof m->status, (const char *)sqlite3_column_text(s, 2));
    m->opted_out = sqlite3_column_int(s, 3) != 0;
}

/* Find the member by number or id: found or not. */
static meibo_status member_exact(meibo_ctx *ctx, const char *no, int64_t id, inq_member *m,
                                 meibo_err *err)
{
    memset(m, 0, sizeof *m);
    sqlite3_stmt *s = db_stmt(ctx, no ? sql_member_by_no : sql_member_by_id, err);
    if (!s)
        return MEIBO_ERR_DB;
    if (no)
        sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        member_from_row(s, m);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "finding the member");
    return MEIBO_OK;
}

/* Does the facility name @p name contain the facility the clerk typed (as search keys)? */
static meibo_status facility_matches(const char *name, const char *want_key, bool *yes,
                                     meibo_err *err)
{
    char *key = NULL;
    meibo_status st = text_search_key(name, &key, err);
    if (st)
        return st;
    *yes = *want_key && strstr(key, want_key) != NULL;
    free(key);
    return MEIBO_OK;
}

/* Find the member by name (kanji or reading, variant kanji folded), narrowed by a birth date
 * and / or a facility. Several matches are refused: the clerk must narrow it. */
static meibo_status member_by_name(meibo_ctx *ctx, const inq *q, inq_member *m, meibo_err *err)
{
    memset(m, 0, sizeof *m);
    const char *name = q->by_name, *bd = q->by_birth, *fac = q->by_facility;
    char *key = NULL, *fkey = NULL;
    meibo_status st;
    if ((st = text_search_key(name, &key, err)) || (st = text_search_key(fac, &fkey, err)))
        goto out;
    sqlite3_stmt *s = db_stmt(ctx, sql_member_by_name, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto out;
    }
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    int rc, matches = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*bd && strcmp((const char *)sqlite3_column_text(s, 4), bd) != 0)
            continue;
        if (*fkey) {
            bool yes = false;
            if ((st = facility_matches((const char *)sqlite3_column_text(s, 5), fkey, &yes, err)))
                break;
            if (!yes)
                continue;
        }
        if (++matches == 1)
            member_from_row(s, m);
    }
    sqlite3_reset(s);
    if (st)
        goto out;
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "finding the member by name");
        goto out;
    }
    if (matches > 1) {
        memset(m, 0, sizeof *m);
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "name",
                              "name: %d members match '%s'%s%s%s%s; narrow it with %s, or give the "
                              "member number",
                              matches, name, *bd ? " born " : "", bd, *fac ? " at " : "", fac,
                              !*bd && !*fac ? "the birth date or the facility"
                              : !*bd        ? "the birth date"
                              : !*fac       ? "the facility"
                                            : "the member number");
    }
out:
    free(key);
    free(fkey);
    return st;
}

/* ---- deciding -------------------------------------------------------------------------------- */

static unsigned items_mask(const char *s)
{
    unsigned m = 0;
    for (; s && *s; s++)
        m |= DECIDE_ITEM_BIT(*s);
    return m;
}

/* Gather the facts in the order of decide.h and decide. With @p lookup the member is found
 * from the request's member_query (first decision); without, by the stored member_id. With
 * @p chief the chief officer's approval answers the chief holds (decide.h). */
static meibo_status inq_decide(meibo_ctx *ctx, inq_work *w, bool lookup, bool chief,
                               inquiry_result *out, meibo_err *err)
{
    inq *q = &w->q;
    char today[16];
    db_today(ctx, today, sizeof today);
    decide_request dr = {
        .category = q->category,
        .identity_verified = !strcmp(q->identity, "verified"),
        .purpose = q->purpose,
        .items = items_mask(q->items),
        .method = !strcmp(q->method, "other") ? DECIDE_OTHER : DECIDE_WRITTEN,
        .medium = !strcmp(q->medium, "electronic") ? DECIDE_ELECTRONIC : DECIDE_PAPER,
        .legal_basis = q->legal_basis,
        .legal_document = q->legal_document,
        .emergency = q->emergency,
        .chief_consented = chief,
        .today = today,
    };
    meibo_status st;
    /* 1a. a body on the register that may receive nothing (第20条第4項(b)(c)) is what the
     * register says it is, whatever category is claimed for it on the telephone */
    const char *who = *q->organization ? q->organization : q->requester;
    recipient_rec reg;
    meibo_err quiet;
    meibo_err_clear(&quiet);
    if (*who && recipient_resolve(ctx, who, "organization", &reg, &quiet) == MEIBO_OK &&
        !reg.permitted && strcmp(reg.category, q->category) != 0) {
        put(q->category, sizeof q->category, reg.category);
        dr.category = q->category;
    }
    /* 1. the requester: the deny-list, then step 1 alone, before any member lookup */
    if ((st = denylist_match(ctx, q->requester, q->organization, &out->deny_list_id, err)))
        return st;
    dr.deny_listed = out->deny_list_id != 0;
    if ((st = decide_requester(&w->pol, &dr, &w->r, err)))
        return st;
    if (!w->r.member_needed) {
        q->member_id = 0;
        q->member_no[0] = '\0';
        return MEIBO_OK;
    }
    /* 2–3. the member */
    inq_member m;
    if (!lookup)
        st = member_exact(ctx, NULL, q->member_id, &m, err);
    else if (*q->by_no)
        st = member_exact(ctx, q->by_no, 0, &m, err);
    else
        st = member_by_name(ctx, q, &m, err);
    if (st)
        return st;
    if (!q->member_id || lookup) {
        q->member_id = m.found ? m.id : 0;
        put(q->member_no, sizeof q->member_no, m.found ? m.member_no : "");
    }
    /* 5. the requester's pledges */
    if ((st = pledge_facts_load(ctx, q->recipient_key, &w->facts, err)))
        return st;
    decide_member dm = {m.found, m.opted_out, m.status};
    return decide_inquiry(&w->pol, &dr, &dm, w->facts.p, w->facts.n, &w->r, err);
}

/* ---- storing --------------------------------------------------------------------------------- */

static const char sql_inquiry_insert[] =
    "INSERT INTO inquiries (received_on, channel, requester, organization, recipient_key, "
    "contact, category, identity, identity_check, purpose, items, method, medium, legal_basis, "
    "emergency, member_query, member_id, member_no, status, created_at, created_by, "
    "legal_document) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 'pending', "
    "?19, ?20, ?21)";
static const char sql_decision_insert[] =
    "INSERT INTO inquiry_decisions (inquiry_id, kind, outcome, provided, hold, pledge_id, "
    "policy_version, comment, decided_at, decided_by, decided_role) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_reason_insert[] =
    "INSERT INTO inquiry_reasons (decision_id, seq, code, article, text) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
/* The inquiry points at the recipient of the register its organization (else requester) names,
 * when exactly one has that name (規程 第20条第3–4項). */
static const char sql_inquiry_recipient[] =
    "UPDATE inquiries SET recipient_id = (SELECT min(id) FROM recipients WHERE name_key = ?2 "
    "HAVING count(*) = 1) WHERE id = ?1";
static const char sql_inquiry_set[] =
    "UPDATE inquiries SET status = ?2, decision_id = ?3 WHERE id = ?1";

static meibo_status step_done(meibo_ctx *ctx, sqlite3_stmt *s, const char *what, meibo_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, what);
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static meibo_status inquiry_insert(meibo_ctx *ctx, inq *q, meibo_err *err)
{
    char now[32];
    db_now_text(ctx, now, sizeof now);
    sqlite3_stmt *s = db_stmt(ctx, sql_inquiry_insert, err);
    if (!s)
        return MEIBO_ERR_DB;
    const char *v[] = {q->received_on, q->channel, q->requester, q->organization,
                       q->recipient_key, q->contact, q->category, q->identity, q->identity_check,
                       q->purpose, q->items, q->method, q->medium, q->legal_basis};
    for (int i = 0; i < (int)(sizeof v / sizeof *v); i++)
        bind_str(s, i + 1, v[i]);
    sqlite3_bind_int(s, 15, q->emergency);
    bind_str(s, 16, q->member_query);
    if (q->member_id)
        sqlite3_bind_int64(s, 17, q->member_id);
    bind_str(s, 18, q->member_no);
    bind_str(s, 19, now);
    bind_str(s, 20, ctx->login);
    bind_str(s, 21, q->legal_document);
    meibo_status st = step_done(ctx, s, "recording an inquiry", err);
    if (st)
        return st;
    q->id = sqlite3_last_insert_rowid(ctx->db);
    if (!(s = db_stmt(ctx, sql_inquiry_recipient, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, q->id);
    bind_str(s, 2, q->recipient_key);
    return step_done(ctx, s, "linking an inquiry to its recipient", err);
}

static const char *hold_name(unsigned hold)
{
    switch (hold & (DECIDE_HOLD_CHIEF | DECIDE_HOLD_PLEDGE)) {
    case DECIDE_HOLD_CHIEF: return "chief";
    case DECIDE_HOLD_PLEDGE: return "pledge";
    case DECIDE_HOLD_CHIEF | DECIDE_HOLD_PLEDGE: return "chief,pledge";
    default: return "";
    }
}

/* What a provision rests on, for the provisions row: in words, with the articles (it is shown
 * to the member in the disclosure notice, so no internal code). */
static void basis_text(const inq_work *w, bool approved, char *buf, size_t len)
{
    const inq *q = &w->q;
    const decide_category *cat = decide_category_find(&w->pol, q->category);
    const decide_purpose *pur = decide_purpose_find(&w->pol, q->purpose);
    size_t used = 0;
#define ADD(...)                                                                              \
    do {                                                                                      \
        if (used < len)                                                                       \
            used += (size_t)snprintf(buf + used, len - used, __VA_ARGS__);                    \
    } while (0)
    buf[0] = '\0';
    switch (w->r.ground) {
    case DECIDE_GROUND_DISCLOSURE: ADD("第22条第1項 本人への開示"); break;
    case DECIDE_GROUND_STATUTE:
        ADD("第19条第1項第1号 法令に基づく提供: %s (照会書 %s); %sの相手方", q->legal_basis,
            q->legal_document, cat ? cat->article : "");
        break;
    case DECIDE_GROUND_EMERGENCY:
        ADD("第19条第1項第2号 人の生命、身体又は財産の保護のための提供; %sの相手方",
            cat ? cat->article : "");
        break;
    case DECIDE_GROUND_PURPOSE:
        ADD("%sの相手方; %sの利用目的", cat ? cat->article : "", pur ? pur->article : "");
        break;
    }
    if (w->r.pledge_id)
        ADD("; 誓約書 #%" PRId64 " (取扱規程 第%d条)", w->r.pledge_id,
            !strcmp(q->medium, "electronic") ? 5 : 6);
    if (approved)
        ADD("; 個人情報総責任者の承認");
#undef ADD
}

/* ---- provisions decided, then given --------------------------------------------------------- */

/* A provision decided waits in provisions_pending (schema 025) until the answer is printed or
 * sent, or marked given by telephone with the chief officer's consent (第20条第2項): only then
 * is the record of provision written (個人情報保護法 第29条, provision.h), so a disclosure
 * notice (第22条) lists only provisions that happened. */
static const char sql_pending_save[] =
    "INSERT OR REPLACE INTO provisions_pending (inquiry_id, member_id, member_no, recipient, "
    "recipient_key, requester, category, items, purpose, basis, legal_basis, pledge_id, "
    "decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_pending_get[] =
    "SELECT member_id, member_no, recipient, recipient_key, requester, category, items, purpose, "
    "basis, legal_basis, coalesce(pledge_id, 0) FROM provisions_pending WHERE inquiry_id = ?1";
static const char sql_pending_drop[] = "DELETE FROM provisions_pending WHERE inquiry_id = ?1";

static meibo_status step_done(meibo_ctx *ctx, sqlite3_stmt *s, const char *what, meibo_err *err);
static void bind_str(sqlite3_stmt *s, int i, const char *v);

static meibo_status pending_save(meibo_ctx *ctx, const provision_new *p, const char *now,
                                 meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_pending_save, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, p->inquiry_id);
    sqlite3_bind_int64(s, 2, p->member_id);
    bind_str(s, 3, p->member_no);
    bind_str(s, 4, p->recipient);
    bind_str(s, 5, p->recipient_key);
    bind_str(s, 6, p->requester);
    bind_str(s, 7, p->category);
    bind_str(s, 8, p->items);
    bind_str(s, 9, p->purpose);
    bind_str(s, 10, p->basis);
    sqlite3_bind_int(s, 11, p->legal_basis);
    if (p->pledge_id)
        sqlite3_bind_int64(s, 12, p->pledge_id);
    bind_str(s, 13, now);
    return step_done(ctx, s, "keeping a decided provision", err);
}

static meibo_status pending_drop(meibo_ctx *ctx, int64_t id, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_pending_drop, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    return step_done(ctx, s, "dropping a decided provision", err);
}

meibo_status inquiry_provision_given(meibo_ctx *ctx, int64_t id, const char *how, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_pending_get, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading a decided provision");
    }
    char no[16], recipient[404], key[404], requester[404], category[DECIDE_CODE_LEN];
    char items[16], purpose[404], basis[1024];
#define COPY(dst, i) text_copy_cut((dst), sizeof(dst), (const char *)sqlite3_column_text(s, (i)))
    COPY(no, 1);
    COPY(recipient, 2);
    COPY(key, 3);
    COPY(requester, 4);
    COPY(category, 5);
    COPY(items, 6);
    COPY(purpose, 7);
    COPY(basis, 8);
#undef COPY
    provision_new p = {
        .member_id = sqlite3_column_int64(s, 0), .member_no = no, .recipient = recipient,
        .recipient_key = key, .requester = requester, .category = category, .items = items,
        .purpose = purpose, .basis = basis, .legal_basis = sqlite3_column_int(s, 9) != 0,
        .inquiry_id = id, .pledge_id = sqlite3_column_int64(s, 10),
    };
    sqlite3_reset(s);
    char detail[200];
    snprintf(detail, sizeof detail, "inquiry=%" PRId64 " items=%s given=%s", id, items, how);
    meibo_status st;
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = provision_record(ctx, &p, err)) || (st = pending_drop(ctx, id, err)) ||
        (st = audit_append(ctx, "provision.given", no, detail, err)) ||
        (st = db_commit(ctx, err))) {
        db_rollback(ctx);
        return st;
    }
    return MEIBO_OK;
}

/* Store the decision in w->r as the inquiry's current one with @p status; keep the
 * provision when it provides (written when given); audit it as @p action. */
static meibo_status store_decision(meibo_ctx *ctx, inq_work *w, const char *kind,
                                   const char *comment, const char *status, const char *action,
                                   meibo_err *err)
{
    inq *q = &w->q;
    decide_result *r = &w->r;
    char now[32], provided[16];
    db_now_text(ctx, now, sizeof now);
    decide_items_format(r->provided, provided, sizeof provided);
    sqlite3_stmt *s = db_stmt(ctx, sql_decision_insert, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, q->id);
    bind_str(s, 2, kind);
    bind_str(s, 3, decide_outcome_name(r->outcome));
    bind_str(s, 4, provided);
    bind_str(s, 5, r->outcome == DECIDE_HOLD ? hold_name(r->hold) : "");
    if (r->pledge_id)
        sqlite3_bind_int64(s, 6, r->pledge_id);
    sqlite3_bind_int64(s, 7, r->policy_version);
    bind_str(s, 8, comment);
    bind_str(s, 9, now);
    bind_str(s, 10, ctx->login);
    bind_str(s, 11, meibo_role_name(ctx->role) ? meibo_role_name(ctx->role) : "");
    meibo_status st = step_done(ctx, s, "recording a decision", err);
    if (st)
        return st;
    int64_t did = sqlite3_last_insert_rowid(ctx->db);
    for (int i = 0; i < r->nreasons; i++) {
        if (!(s = db_stmt(ctx, sql_reason_insert, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, did);
        sqlite3_bind_int(s, 2, i + 1);
        bind_str(s, 3, r->reasons[i].code);
        bind_str(s, 4, r->reasons[i].article);
        bind_str(s, 5, r->reasons[i].text);
        if ((st = step_done(ctx, s, "recording a reason", err)))
            return st;
    }
    if (!(s = db_stmt(ctx, sql_inquiry_set, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, q->id);
    bind_str(s, 2, status);
    sqlite3_bind_int64(s, 3, did);
    if ((st = step_done(ctx, s, "recording a decision", err)))
        return st;
    put(q->status, sizeof q->status, status);
    q->decision_id = did;
    bool provides = r->outcome == DECIDE_PROVIDE || r->outcome == DECIDE_PARTIAL;
    if (provides && q->member_id) {
        char basis[1024];
        basis_text(w, !strcmp(kind, "approve"), basis, sizeof basis);
        provision_new p = {
            .member_id = q->member_id, .member_no = q->member_no,
            .recipient = check_blank(q->organization) ? q->requester : q->organization,
            .recipient_key = q->recipient_key, .requester = q->requester,
            .category = q->category, .items = provided, .purpose = q->purpose, .basis = basis,
            .legal_basis = r->legal_basis, .inquiry_id = q->id, .pledge_id = r->pledge_id,
        };
        /* decided, not yet given: recorded as a provision when the answer goes out */
        if ((st = pending_save(ctx, &p, now, err)))
            return st;
    }
    char detail[200];
    snprintf(detail, sizeof detail, "id=%" PRId64 " outcome=%s provided=%s policy=%" PRId64, q->id,
             decide_outcome_name(r->outcome), provided, r->policy_version);
    return audit_append(ctx, action, q->member_no, detail, err);
}

static void result_fill(const inq_work *w, inquiry_result *out)
{
    int64_t deny = out->deny_list_id;
    memset(out, 0, sizeof *out);
    out->decision = w->r;
    out->inquiry_id = w->q.id;
    out->deny_list_id = deny;
    put(out->status, sizeof out->status, w->q.status);
    put(out->member_no, sizeof out->member_no, w->q.member_no);
}

/* Start an operation: the work area and the newest policy. */
static meibo_status work_new(meibo_ctx *ctx, inq_work **w, meibo_err *err)
{
    if (!(*w = calloc(1, sizeof **w)))
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    return policy_load(ctx, 0, &(*w)->pol, err);
}

meibo_status inquiry_decide(meibo_ctx *ctx, const inquiry_request *req, inquiry_result *out,
                            meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "decide an inquiry", err);
    if (st)
        return st;
    inq_work *w = NULL;
    if ((st = work_new(ctx, &w, err)) || (st = inq_from_request(ctx, req, false, &w->q, err)) ||
        (st = inq_decide(ctx, w, true, false, out, err)))
        goto out;
    char detail[800];
    snprintf(detail, sizeof detail, "what-if outcome=%s category=%s purpose=%s items=%s",
             decide_outcome_name(w->r.outcome), w->q.category, w->q.purpose, w->q.items);
    if ((st = audit_append(ctx, "inquiry.decide", w->q.member_no, detail, err)))
        goto out;
    result_fill(w, out);
out:
    free(w);
    return st;
}

meibo_status inquiry_add(meibo_ctx *ctx, const inquiry_request *req, inquiry_result *out,
                         meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "record an inquiry", err);
    if (st)
        return st;
    inq_work *w = NULL;
    if ((st = work_new(ctx, &w, err)) || (st = inq_from_request(ctx, req, true, &w->q, err)))
        goto out;
    if ((st = db_begin(ctx, err)))
        goto out;
    bool hold;
    if ((st = inq_decide(ctx, w, true, false, out, err)) || (st = inquiry_insert(ctx, &w->q, err)))
        goto rollback;
    hold = w->r.outcome == DECIDE_HOLD;
    if ((st = store_decision(ctx, w, "initial", "", hold ? "pending" : "decided", "inquiry.add",
                             err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    result_fill(w, out);
    goto out;
rollback:
    db_rollback(ctx);
out:
    free(w);
    return st;
}

/* ---- approvals ----------------------------------------------------------------------------- */

static const char sql_inquiry_get[] =
    "SELECT id, received_on, channel, requester, organization, recipient_key, contact, category, "
    "identity, identity_check, purpose, items, method, medium, legal_basis, emergency, "
    "member_query, coalesce(member_id, 0), member_no, status, coalesce(decision_id, 0), "
    "legal_document FROM inquiries WHERE id = ?1";

static meibo_status inquiry_load(meibo_ctx *ctx, int64_t id, inq *q, meibo_err *err)
{
    memset(q, 0, sizeof *q);
    sqlite3_stmt *s = db_stmt(ctx, sql_inquiry_get, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE
                   ? meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no inquiry %" PRId64, id)
                   : db_fail(ctx, err, "reading an inquiry");
    }
    q->id = sqlite3_column_int64(s, 0);
    db_text_copy(q->received_on, sizeof q->received_on, s, 1);
    db_text_copy(q->channel, sizeof q->channel, s, 2);
    db_text_copy(q->requester, sizeof q->requester, s, 3);
    db_text_copy(q->organization, sizeof q->organization, s, 4);
    db_text_copy(q->recipient_key, sizeof q->recipient_key, s, 5);
    db_text_copy(q->contact, sizeof q->contact, s, 6);
    db_text_copy(q->category, sizeof q->category, s, 7);
    db_text_copy(q->identity, sizeof q->identity, s, 8);
    db_text_copy(q->identity_check, sizeof q->identity_check, s, 9);
    db_text_copy(q->purpose, sizeof q->purpose, s, 10);
    db_text_copy(q->items, sizeof q->items, s, 11);
    db_text_copy(q->method, sizeof q->method, s, 12);
    db_text_copy(q->medium, sizeof q->medium, s, 13);
    db_text_copy(q->legal_basis, sizeof q->legal_basis, s, 14);
    q->emergency = sqlite3_column_int(s, 15) != 0;
    db_text_copy(q->member_query, sizeof q->member_query, s, 16);
    q->member_id = sqlite3_column_int64(s, 17);
    db_text_copy(q->member_no, sizeof q->member_no, s, 18);
    db_text_copy(q->status, sizeof q->status, s, 19);
    q->decision_id = sqlite3_column_int64(s, 20);
    db_text_copy(q->legal_document, sizeof q->legal_document, s, 21);
    sqlite3_reset(s);
    return MEIBO_OK;
}

/* Codes of the reasons a chief officer's approval answers. */
static bool chief_hold_code(const char *code)
{
    static const decide_reason_code codes[] = {DECIDE_R_NOT_WRITTEN,     DECIDE_R_ELECTRONIC,
                                               DECIDE_R_EMERGENCY,       DECIDE_R_FORMER_MEMBER,
                                               DECIDE_R_LEGAL_BASIS,     DECIDE_R_OPTOUT_EMERGENCY};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (!strcmp(code, decide_reason_name(codes[i])))
            return true;
    return false;
}

static const char sql_current[] =
    "SELECT d.kind, d.outcome, q.voided_at IS NOT NULL, "
    "(SELECT count(*) FROM provisions p WHERE p.inquiry_id = q.id), "
    "(SELECT count(*) FROM provisions_pending p WHERE p.inquiry_id = q.id) "
    "FROM inquiries q LEFT JOIN inquiry_decisions d ON d.id = q.decision_id WHERE q.id = ?1";

typedef struct inq_now {
    char kind[12], outcome[12];
    bool voided;
    int given, pending;
} inq_now;

static meibo_status current_of(meibo_ctx *ctx, int64_t id, inq_now *n, meibo_err *err)
{
    memset(n, 0, sizeof *n);
    sqlite3_stmt *s = db_stmt(ctx, sql_current, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        put(n->kind, sizeof n->kind, (const char *)sqlite3_column_text(s, 0));
        put(n->outcome, sizeof n->outcome, (const char *)sqlite3_column_text(s, 1));
        n->voided = sqlite3_column_int(s, 2) != 0;
        n->given = sqlite3_column_int(s, 3);
        n->pending = sqlite3_column_int(s, 4);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no inquiry %" PRId64, id);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "reading an inquiry");
}

/* Load pending inquiry @p id for the chief officer's answer. */
static meibo_status pending_load(meibo_ctx *ctx, int64_t id, const char *comment, inq_work *w,
                                 meibo_err *err)
{
    meibo_status st;
    if ((st = check_text("comment", comment, INQ_NOTE_MAX, true, err)) ||
        (st = inquiry_load(ctx, id, &w->q, err)))
        return st;
    inq_now n;
    if ((st = current_of(ctx, id, &n, err)))
        return st;
    if (n.voided)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                                "inquiry %" PRId64 " was voided as recorded by mistake", id);
    if (strcmp(w->q.status, "pending") != 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                                "inquiry %" PRId64 " is %s, not waiting for approval", id,
                                w->q.status);
    return MEIBO_OK;
}

/* The approval: decide again with today's facts; only a hold for the chief officer alone
 * (or no hold left) can be approved. Fills w->r with the approved decision. */
static meibo_status approve_decision(meibo_ctx *ctx, inq_work *w, const char *comment,
                                     inquiry_result *out, meibo_err *err)
{
    meibo_status st = inq_decide(ctx, w, false, true, out, err);
    if (st)
        return st;
    decide_result *r = &w->r;
    int64_t id = w->q.id;
    if (r->hold & DECIDE_HOLD_PLEDGE) {
        const decide_reason *pr =
            decide_reason_find(r, decide_reason_name(DECIDE_R_PLEDGE_MISSING));
        return meibo_fail(err, MEIBO_ERR_INVALID,
                          "inquiry %" PRId64 " still waits for a pledge (%s: %s); nothing was "
                          "approved: record the signed pledge (meibo pledge add) first",
                          id, pr ? pr->article : "取扱規程 第6条", pr ? pr->text : "");
    }
    int n = r->nreasons;
    for (int i = 0; i < n; i++)
        if (chief_hold_code(r->reasons[i].code))
            decide_reason_add(r, DECIDE_R_CHIEF_APPROVED, r->reasons[i].article,
                              "個人情報総責任者が承認しました: %s", comment);
    /* with the chief's consent the member's facts decide (decide.h): refuse and not_found are
     * stored as the decision, and its letter is the one every such outcome gets */
    r->hold = 0;
    if (r->outcome == DECIDE_HOLD)
        r->outcome = r->provided == r->requested ? DECIDE_PROVIDE : DECIDE_PARTIAL;
    return MEIBO_OK;
}

static const char sql_reasons_of[] =
    "SELECT code, article, text FROM inquiry_reasons WHERE decision_id = ?1 ORDER BY seq";

/* The denial: a refusal that answers each hold of the current decision under its article. */
static meibo_status deny_decision(meibo_ctx *ctx, inq_work *w, const char *comment,
                                  meibo_err *err)
{
    decide_result *r = &w->r;
    memset(r, 0, sizeof *r);
    r->outcome = DECIDE_REFUSE;
    r->requested = items_mask(w->q.items);
    r->policy_version = w->pol.version;
    sqlite3_stmt *s = db_stmt(ctx, sql_reasons_of, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, w->q.decision_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 0);
        if (chief_hold_code(code) || !strcmp(code, decide_reason_name(DECIDE_R_PLEDGE_MISSING)))
            decide_reason_add(r, DECIDE_R_CHIEF_DENIED, (const char *)sqlite3_column_text(s, 1),
                              "個人情報総責任者が承認しませんでした: %s", comment);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading the reasons");
    if (!r->nreasons)
        decide_reason_add(r, DECIDE_R_CHIEF_DENIED, "第20条",
                          "個人情報総責任者が承認しませんでした: %s", comment);
    return MEIBO_OK;
}

/* The chief officer's answer to pending inquiry @p id: one transaction, one stored decision. */
static meibo_status chief_answer(meibo_ctx *ctx, int64_t id, const char *comment, bool approve,
                                 inquiry_result *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF,
                                   approve ? "approve an inquiry" : "deny an inquiry", err);
    if (st)
        return st;
    inq_work *w = NULL;
    if ((st = work_new(ctx, &w, err)))
        goto out;
    if ((st = db_begin(ctx, err)))
        goto out;
    if ((st = pending_load(ctx, id, comment, w, err)) ||
        (st = approve ? approve_decision(ctx, w, comment, out, err)
                      : deny_decision(ctx, w, comment, err)) ||
        (st = store_decision(ctx, w, approve ? "approve" : "deny", comment,
                             !approve                          ? "denied"
                             : w->r.outcome == DECIDE_REFUSE ||
                                       w->r.outcome == DECIDE_NOT_FOUND
                                 ? "decided"
                                 : "approved",
                             approve ? "inquiry.approve" : "inquiry.deny", err)) ||
        (st = db_commit(ctx, err))) {
        db_rollback(ctx);
        goto out;
    }
    result_fill(w, out);
out:
    free(w);
    return st;
}

meibo_status inquiry_approve(meibo_ctx *ctx, int64_t id, const char *comment,
                             inquiry_result *out, meibo_err *err)
{
    return chief_answer(ctx, id, comment, true, out, err);
}

meibo_status inquiry_deny(meibo_ctx *ctx, int64_t id, const char *comment, inquiry_result *out,
                          meibo_err *err)
{
    return chief_answer(ctx, id, comment, false, out, err);
}

/* ---- pledge holds ---------------------------------------------------------------------------- */

static const char sql_pledge_held[] =
    "SELECT q.id FROM inquiries q JOIN inquiry_decisions d ON d.id = q.decision_id "
    "WHERE q.status = 'pending' AND q.voided_at IS NULL AND q.recipient_key = ?1 "
    "AND instr(d.hold, 'pledge') > 0 "
    "ORDER BY q.id";

/* The ids of the inquiries held for a pledge from @p key; *ids malloc'd. */
static meibo_status pledge_held_ids(meibo_ctx *ctx, const char *key, int64_t **ids, int *n,
                                    meibo_err *err)
{
    *ids = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *s = db_stmt(ctx, sql_pledge_held, err);
    if (!s)
        return MEIBO_ERR_DB;
    bind_str(s, 1, key);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t *p = array_grow(*ids, &cap, (size_t)*n + 1, sizeof *p);
        if (!p) {
            sqlite3_reset(s);
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        }
        *ids = p;
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "finding held inquiries");
}

meibo_status inquiry_release_pledge_holds(meibo_ctx *ctx, const char *recipient_key,
                                          pledge_added *out, meibo_err *err)
{
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB,
                          "releasing pledge holds needs the caller's transaction");
    int64_t *ids = NULL;
    int n = 0;
    inq_work *w = NULL;
    meibo_status st;
    if ((st = pledge_held_ids(ctx, recipient_key, &ids, &n, err)) || !n)
        goto out;
    if ((st = work_new(ctx, &w, err)))
        goto out;
    for (int i = 0; i < n; i++) {
        inquiry_result res = {0};
        if ((st = inquiry_load(ctx, ids[i], &w->q, err)) ||
            (st = inq_decide(ctx, w, false, false, &res, err)))
            goto out;
        out->redecided++;
        if (w->r.hold & DECIDE_HOLD_PLEDGE)
            continue; /* this pledge does not cover it: it keeps waiting */
        const char *status = w->r.outcome == DECIDE_HOLD ? "pending" : "decided";
        if ((st = store_decision(ctx, w, "release", "", status, "inquiry.release", err)))
            goto out;
        if (out->released < PLEDGE_MAX_RELEASED)
            out->released_ids[out->released] = ids[i];
        out->released++;
    }
out:
    free(ids);
    free(w);
    return st;
}

/* ---- given by telephone, voided ------------------------------------------------------------ */

meibo_status inquiry_mark_given(meibo_ctx *ctx, int64_t id, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "mark an answer given", err);
    if (st)
        return st;
    inq *q = calloc(1, sizeof *q);
    inq_now n;
    if (!q)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if (!(st = inquiry_load(ctx, id, q, err)) && !(st = current_of(ctx, id, &n, err))) {
        if (n.voided)
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                                  "inquiry %" PRId64 " was voided: nothing is given on it", id);
        else if (strcmp(q->method, "other") != 0 || strcmp(n.kind, "approve") != 0 ||
                 !n.pending)
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                                  "inquiry %" PRId64 " is not an answer by telephone the chief "
                                  "officer consented to (第20条第2項): %s", id,
                                  n.given ? "its provision is already recorded"
                                          : "a written answer is given when its letter is "
                                            "printed or sent (meibo inquiry print)");
        else
            st = inquiry_provision_given(ctx, id, "phone", err);
    }
    free(q);
    return st;
}

static const char sql_void[] =
    "UPDATE inquiries SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1";

meibo_status inquiry_void(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "void an inquiry", err);
    if (st || (st = check_text("reason", reason, INQ_NOTE_MAX, true, err)))
        return st;
    inq_now n;
    inq *q = calloc(1, sizeof *q);
    if (!q)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if ((st = inquiry_load(ctx, id, q, err)) || (st = current_of(ctx, id, &n, err)))
        goto out;
    if (n.voided) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id", "inquiry %" PRId64
                              " is already voided", id);
        goto out;
    }
    if (n.given) {
        st = meibo_fail_field(err, MEIBO_ERR_CONFLICT, "id",
                              "inquiry %" PRId64 " was answered: its provision is recorded and "
                              "stays (個人情報保護法 第29条); it cannot be voided", id);
        goto out;
    }
    char now[32], detail[INQ_BYTES(INQ_NOTE_MAX) + 64];
    db_now_text(ctx, now, sizeof now);
    snprintf(detail, sizeof detail, "id=%" PRId64 " status=%s reason=%s", id, q->status, reason);
    if ((st = db_begin(ctx, err)))
        goto out;
    sqlite3_stmt *s = db_stmt(ctx, sql_void, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        db_rollback(ctx);
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, now);
    bind_str(s, 3, ctx->login);
    bind_str(s, 4, reason);
    if ((st = step_done(ctx, s, "voiding an inquiry", err)) || (st = pending_drop(ctx, id, err)) ||
        (st = audit_append(ctx, "inquiry.void", q->member_no, detail, err)) ||
        (st = db_commit(ctx, err)))
        db_rollback(ctx);
out:
    free(q);
    return st;
}

/* ---- the address a letter is mailed to ------------------------------------------------------ */

static const char sql_address_set[] =
    "UPDATE inquiries SET address = ?2 WHERE id = ?1 AND erased_on IS NULL";

meibo_status inquiry_set_address(meibo_ctx *ctx, int64_t id, const char *address,
                                 meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "enter an inquiry's address", err);
    if (st || (st = check_text("address", address, INQ_NOTE_MAX, true, err)))
        return st;
    char postal[64], where[INQ_BYTES(INQ_NOTE_MAX)];
    if (!address_split(address, postal, sizeof postal, where, sizeof where))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "address",
                                "address: '%s' is no postal address (a telephone number or an "
                                "e-mail address only): the answer is mailed (第20条第2項)",
                                address);
    inq *q = calloc(1, sizeof *q);
    if (!q)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if ((st = inquiry_load(ctx, id, q, err)) || (st = db_begin(ctx, err))) {
        free(q);
        return st;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_address_set, err);
    char detail[64];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if (!s)
        st = MEIBO_ERR_DB;
    else {
        sqlite3_bind_int64(s, 1, id);
        bind_str(s, 2, address);
    }
    if (st || (st = step_done(ctx, s, "entering an inquiry's address", err)) ||
        (st = audit_append(ctx, "inquiry.address", q->member_no, detail, err)) ||
        (st = db_commit(ctx, err)))
        db_rollback(ctx);
    free(q);
    return st;
}

/* ---- reading --------------------------------------------------------------------------------- */

#define INQUIRY_SELECT                                                                        \
    "SELECT q.id, q.received_on, q.channel, q.requester, q.organization, q.contact, "         \
    "q.category, q.identity, q.identity_check, q.purpose, q.items, q.method, q.medium, "      \
    "q.legal_basis, q.emergency, q.member_query, q.member_no, q.status, d.outcome, "          \
    "d.provided, d.hold, d.policy_version, q.created_at, q.created_by, q.legal_document, "    \
    "q.address, q.voided_at, q.void_reason "                                                  \
    "FROM inquiries q "                                                                       \
    "LEFT JOIN inquiry_decisions d ON d.id = q.decision_id "

/* The inquiries (?1: in that state; ?2: about that member) older (newer: backward) than ?4
 * (0: from the newest, or the oldest), nearest first; at most ?3. */
#define INQUIRY_WHERE                                                                         \
    INQUIRY_SELECT "WHERE (?1 IS NULL OR (q.status = ?1 AND q.voided_at IS NULL)) "           \
    "AND (?2 IS NULL OR q.member_no = ?2) "
static const char sql_list[] = INQUIRY_WHERE "AND (?4 = 0 OR q.id < ?4) ORDER BY q.id DESC LIMIT ?3";
static const char sql_list_newer[] = INQUIRY_WHERE "AND (?4 = 0 OR q.id > ?4) ORDER BY q.id LIMIT ?3";
static const char sql_one[] = INQUIRY_SELECT "WHERE q.id = ?1";
static const char sql_member_of[] = "SELECT member_no FROM inquiries WHERE id = ?1";
static const char sql_decisions[] =
    "SELECT id, kind, outcome, provided, hold, coalesce(pledge_id, 0), policy_version, comment, "
    "decided_at, decided_by, decided_role FROM inquiry_decisions WHERE inquiry_id = ?1 ORDER BY id";

static meibo_status inquiry_rows(meibo_ctx *ctx, sqlite3_stmt *s, inquiry_fn fn, void *arg,
                                 meibo_err *err)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        inquiry_info q = {
            .id = sqlite3_column_int64(s, 0), .received_on = db_text_or_null(s, 1),
            .channel = db_text_or_null(s, 2),
            .requester = db_text_or_null(s, 3), .organization = db_text_or_null(s, 4),
            .contact = db_text_or_null(s, 5), .category = db_text_or_null(s, 6),
            .identity = db_text_or_null(s, 7), .identity_check = db_text_or_null(s, 8),
            .purpose = db_text_or_null(s, 9), .items = db_text_or_null(s, 10),
            .method = db_text_or_null(s, 11), .medium = db_text_or_null(s, 12),
            .legal_basis = db_text_or_null(s, 13),
            .emergency = sqlite3_column_int(s, 14) != 0, .member_query = db_text_or_null(s, 15),
            .member_no = db_text_or_null(s, 16), .status = db_text_or_null(s, 17),
            .outcome = db_text_or_null(s, 18), .provided = db_text_or_null(s, 19),
            .hold = db_text_or_null(s, 20), .policy_version = sqlite3_column_int64(s, 21),
            .created_at = db_text_or_null(s, 22), .created_by = db_text_or_null(s, 23),
            .legal_document = db_text_or_null(s, 24),
            .address = db_text_or_null(s, 25), .voided_at = db_text_or_null(s, 26),
            .void_reason = db_text_or_null(s, 27),
        };
        if (fn(&q, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading inquiries");
}

meibo_status inquiry_list(meibo_ctx *ctx, const inquiry_filter *f, inquiry_fn fn, void *arg,
                          meibo_err *err)
{
    return inquiry_page(ctx, f, f ? f->before_id : 0, false, f ? f->limit : 0, fn, arg, err);
}

meibo_status inquiry_page(meibo_ctx *ctx, const inquiry_filter *f, int64_t after_id,
                          bool backward, int limit, inquiry_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "list inquiries", err);
    if (st)
        return st;
    inquiry_filter none = {NULL, NULL, 0, 0};
    if (!f)
        f = &none;
    static const char *const statuses[] = {"decided", "pending", "approved", "denied"};
    if (f->status && !one_of(f->status, statuses, 4))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "status",
                                "status: decided, pending, approved or denied");
    char detail[200];
    snprintf(detail, sizeof detail, "status=%s member=%s", f->status ? f->status : "*",
             f->member_no ? f->member_no : "*");
    if ((st = audit_append(ctx, "inquiry.list", f->member_no, detail, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, backward ? sql_list_newer : sql_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    if (f->status)
        bind_str(s, 1, f->status);
    if (f->member_no)
        bind_str(s, 2, f->member_no);
    sqlite3_bind_int(s, 3, limit > 0 ? limit : -1);
    sqlite3_bind_int64(s, 4, after_id > 0 ? after_id : 0);
    return inquiry_rows(ctx, s, fn, arg, err);
}

/* Call @p fn for each decision of inquiry @p id with its reasons. */
static meibo_status decision_rows(meibo_ctx *ctx, int64_t id, inquiry_decision_fn fn, void *arg,
                                  meibo_err *err)
{
    decide_reason *reasons = calloc(DECIDE_MAX_REASONS, sizeof *reasons);
    if (!reasons)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    sqlite3_stmt *s = db_stmt(ctx, sql_decisions, err);
    meibo_status st = s ? MEIBO_OK : MEIBO_ERR_DB;
    int rc = SQLITE_DONE;
    if (s)
        sqlite3_bind_int64(s, 1, id);
    while (s && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int n = 0;
        sqlite3_stmt *rs = db_stmt(ctx, sql_reasons_of, err);
        if (!rs) {
            st = MEIBO_ERR_DB;
            break;
        }
        sqlite3_bind_int64(rs, 1, sqlite3_column_int64(s, 0));
        while (sqlite3_step(rs) == SQLITE_ROW && n < DECIDE_MAX_REASONS) {
            put(reasons[n].code, sizeof reasons[n].code, (const char *)sqlite3_column_text(rs, 0));
            put(reasons[n].article, sizeof reasons[n].article,
                (const char *)sqlite3_column_text(rs, 1));
            put(reasons[n].text, sizeof reasons[n].text, (const char *)sqlite3_column_text(rs, 2));
            n++;
        }
        sqlite3_reset(rs);
        inquiry_decision_info d = {
            .id = sqlite3_column_int64(s, 0), .kind = db_text_or_null(s, 1),
            .outcome = db_text_or_null(s, 2),
            .provided = db_text_or_null(s, 3), .hold = db_text_or_null(s, 4),
            .pledge_id = sqlite3_column_int64(s, 5),
            .policy_version = sqlite3_column_int64(s, 6), .comment = db_text_or_null(s, 7),
            .decided_at = db_text_or_null(s, 8), .decided_by = db_text_or_null(s, 9),
            .decided_role = db_text_or_null(s, 10),
            .nreasons = n, .reasons = reasons,
        };
        if (fn(&d, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (s)
        sqlite3_reset(s);
    free(reasons);
    if (!st && rc != SQLITE_DONE)
        st = db_fail(ctx, err, "reading decisions");
    return st;
}

meibo_status inquiry_show(meibo_ctx *ctx, int64_t id, inquiry_fn on_inquiry,
                          inquiry_decision_fn on_decision, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read an inquiry", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_member_of, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    char member_no[32] = "";
    if (rc == SQLITE_ROW)
        put(member_no, sizeof member_no, (const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no inquiry %" PRId64, id);
    if (rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading an inquiry");
    char detail[64];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if ((st = audit_append(ctx, "inquiry.read", member_no, detail, err)))
        return st;
    if (!(s = db_stmt(ctx, sql_one, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    if ((st = inquiry_rows(ctx, s, on_inquiry, arg, err)))
        return st;
    return on_decision ? decision_rows(ctx, id, on_decision, arg, err) : MEIBO_OK;
}
