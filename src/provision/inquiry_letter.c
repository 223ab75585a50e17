/* inquiry_letter.c: the letters of an inquiry: which one it gets (照会回答書, the refusal, not
 * found) and its variables (the items provided, the pledge, the addressee: 規程 第20条), and the
 * 誓約書 to sign before anything is given (取扱規程 第5–6条), for an inquiry or a renewal. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/address.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/decide.h"
#include "meibo/inquiry.h"
#include "meibo/inquiry_letter.h"
#include "meibo/member.h"
#include "meibo/pledge.h"
#include "meibo/policy.h"
#include "meibo/recipient.h"
#include "meibo/roster.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

STATIC letter_kind letter_kind_for(const char *outcome, bool self, bool legal_basis);

/* ---- an inquiry's facts ------------------------------------------------------------------- */

typedef struct inq_facts {
    int64_t id, policy_version, pledge_id;
    bool emergency;
    bool optout_weighed; /* the current decision weighed an opt-out (the chief officer's
                            emergency approval, or the legal-basis 但し書) */
    char received_on[11], requester[256], organization[404], category[DECIDE_CODE_LEN];
    char purpose[404], items[16], provided[16], medium[12], legal_basis[404];
    char legal_document[404];
    char member_query[1300], member_no[16], status[12], outcome[12], hold[16];
    char contact[404], address[404];
    bool voided;
} inq_facts;

static void put(char *dst, size_t size, const char *src)
{
    text_copy_cut(dst, size, src ? src : "");
}

static int facts_inquiry(const inquiry_info *i, void *arg)
{
    inq_facts *q = arg;
    q->id = i->id;
    q->policy_version = i->policy_version;
    q->emergency = i->emergency;
    put(q->received_on, sizeof q->received_on, i->received_on);
    put(q->requester, sizeof q->requester, i->requester);
    put(q->organization, sizeof q->organization, i->organization);
    put(q->category, sizeof q->category, i->category);
    put(q->purpose, sizeof q->purpose, i->purpose);
    put(q->items, sizeof q->items, i->items);
    put(q->provided, sizeof q->provided, i->provided);
    put(q->medium, sizeof q->medium, i->medium);
    put(q->legal_basis, sizeof q->legal_basis, i->legal_basis);
    put(q->legal_document, sizeof q->legal_document, i->legal_document);
    put(q->member_query, sizeof q->member_query, i->member_query);
    put(q->member_no, sizeof q->member_no, i->member_no);
    put(q->status, sizeof q->status, i->status);
    put(q->outcome, sizeof q->outcome, i->outcome);
    put(q->hold, sizeof q->hold, i->hold);
    put(q->contact, sizeof q->contact, i->contact);
    put(q->address, sizeof q->address, i->address);
    q->voided = i->voided_at != NULL;
    return 0;
}

/* Each decision in turn: the last one is the inquiry's current decision. */
static int facts_decision(const inquiry_decision_info *d, void *arg)
{
    inq_facts *q = arg;
    q->pledge_id = d->pledge_id;
    q->optout_weighed = false;
    for (int i = 0; i < d->nreasons; i++) {
        const decide_reason *r = &d->reasons[i];
        if (!strcmp(r->code, decide_reason_name(DECIDE_R_OPTOUT_LEGAL)) ||
            !strcmp(r->code, decide_reason_name(DECIDE_R_OPTOUT_EMERGENCY)))
            q->optout_weighed = true;
    }
    return 0;
}

static meibo_status facts_load(meibo_ctx *ctx, int64_t id, inq_facts *q, meibo_err *err)
{
    memset(q, 0, sizeof *q);
    return inquiry_show(ctx, id, facts_inquiry, facts_decision, q, err);
}

/* The member as the requester named them: "会員番号 …" or "氏名 …、生年月日 …、所属施設 …". */
static void member_query_text(const meibo_config *cfg, const char *query, char *buf, size_t len)
{
    static const char by_no[] = "member_no=", by_name[] = "name=";
    static const char bd_key[] = " birth_date=", fac_key[] = " facility=";
    if (!strncmp(query, by_no, sizeof by_no - 1)) {
        snprintf(buf, len, "会員番号 %s", query + sizeof by_no - 1);
        return;
    }
    if (strncmp(query, by_name, sizeof by_name - 1) != 0) {
        snprintf(buf, len, "%s", query);
        return;
    }
    const char *name = query + sizeof by_name - 1;
    const char *bd = strstr(name, bd_key), *fac = strstr(name, fac_key);
    const char *name_end = bd ? bd : fac ? fac : name + strlen(name);
    char birth[11] = "", date[64] = "";
    if (bd) {
        const char *b = bd + sizeof bd_key - 1;
        put(birth, sizeof birth, b);
        letter_date(cfg, birth, date, sizeof date);
    }
    snprintf(buf, len, "氏名 %.*s%s%s%s%s", (int)(name_end - name), name, bd ? "、生年月日 " : "",
             date, fac ? "、所属施設 " : "", fac ? fac + sizeof fac_key - 1 : "");
}

/* Where inquiry @p q's letter is mailed: the address entered (inquiry_set_address()), else the
 * one in its contact; refused (field "address") when there is none, as for a requester who gave
 * only a telephone number: the answer is written (第20条第2項) and goes by post. */
static meibo_status inquiry_address(const inq_facts *q, char *postal, size_t plen,
                                    char *address, size_t alen, meibo_err *err)
{
    if (address_split(*q->address ? q->address : q->contact, postal, plen, address, alen))
        return MEIBO_OK;
    return meibo_fail_field(err, MEIBO_ERR_INVALID, "address",
                            "inquiry %" PRId64 " has no postal address to mail its letter to "
                            "(contact: '%s'): enter the address first (meibo inquiry address %"
                            PRId64 " ADDRESS)", q->id, q->contact, q->id);
}

/* What the letterhead needs: the inquiry's number and date, and the addressee. */
static meibo_status head_vars(const meibo_config *cfg, const inq_facts *q, tmpl_vars *v,
                              meibo_err *err)
{
    char received[64], postal[64], address[404];
    letter_date(cfg, q->received_on, received, sizeof received);
    meibo_status st;
    meibo_err ignored; /* no address yet: letter_inquiry() refuses it once all else holds */
    if (inquiry_address(q, postal, sizeof postal, address, sizeof address, &ignored))
        postal[0] = address[0] = '\0';
    if ((st = tmpl_setf(v, err, "inquiry_no", "%" PRId64, q->id)) ||
        (st = tmpl_set(v, "received_on", received, err)) ||
        (st = letter_addressee_vars(v, postal, address, q->organization, q->requester, err)))
        return st;
    return MEIBO_OK;
}

/* ---- the answer: the items provided and their values -------------------------------------- */

enum value_how { V_PLAIN, V_DATE, V_NAME, V_ADDRESS };

/* The values each item of 第20条第1項 gives, labelled by the member field's Japanese name. */
static const struct item_value {
    char item;
    const char *label;     /* NULL: the field's Japanese name */
    member_field field;
    member_field with;     /* V_NAME: the given name; V_ADDRESS: the postal code */
    enum value_how how;
} item_values[] = {
    {'a', NULL, MF_MEMBER_NO, MF_MEMBER_NO, V_PLAIN},
    {'b', NULL, MF_SPECIALIST_NO, MF_SPECIALIST_NO, V_PLAIN},
    {'c', NULL, MF_JOINED_ON, MF_JOINED_ON, V_DATE},
    {'d', NULL, MF_FACILITY_NAME, MF_FACILITY_NAME, V_PLAIN},
    {'d', NULL, MF_FACILITY_ADDRESS, MF_FACILITY_POSTAL_CODE, V_ADDRESS},
    {'e', "氏名", MF_FAMILY_NAME, MF_GIVEN_NAME, V_NAME},
    {'e', NULL, MF_BIRTH_DATE, MF_BIRTH_DATE, V_DATE},
    {'e', NULL, MF_HOME_ADDRESS, MF_POSTAL_CODE, V_ADDRESS},
    {'f', NULL, MF_EMAIL, MF_EMAIL, V_PLAIN},
};

static void item_value_text(const meibo_config *cfg, const meibo_member *m,
                            const struct item_value *iv, char *buf, size_t len)
{
    const char *v = member_get_field(m, iv->field), *w = member_get_field(m, iv->with);
    switch (iv->how) {
    case V_DATE: letter_date(cfg, v, buf, len); break;
    case V_NAME: snprintf(buf, len, "%s%s%s", v, *v && *w ? "　" : "", w); break;
    case V_ADDRESS:
        snprintf(buf, len, "%s%s%s%s", *w ? "〒" : "", w, *w && *v ? "　" : "", v);
        break;
    case V_PLAIN: snprintf(buf, len, "%s", v); break;
    }
    if (!*buf)
        snprintf(buf, len, "（登録なし）");
}

/* One list element per item in @p mask: (item) name, and with @p m its values. */
static meibo_status items_list(const meibo_config *cfg, const decide_policy *pol, unsigned mask,
                               const meibo_member *m, const char *list, tmpl_vars *v,
                               meibo_err *err)
{
    meibo_status st = tmpl_list(v, list, err);
    for (int i = 0; !st && i < DECIDE_ITEMS; i++) {
        if (!(mask & (1u << i)))
            continue;
        tmpl_vars *e = tmpl_list_add(v, list, err);
        if (!e)
            return ERR_CODE(err);
        char code[2] = {(char)('a' + i), '\0'};
        if ((st = tmpl_set(e, "item", code, err)) ||
            (st = tmpl_set(e, "name", pol->items[i].name, err)) ||
            (st = tmpl_list(e, "values", err)))
            return st;
        for (size_t k = 0; m && k < sizeof item_values / sizeof *item_values; k++) {
            const struct item_value *iv = &item_values[k];
            if (iv->item != code[0])
                continue;
            char value[1024];
            item_value_text(cfg, m, iv, value, sizeof value);
            tmpl_vars *row = tmpl_list_add(e, "values", err);
            if (!row)
                return ERR_CODE(err);
            const char *label = iv->label ? iv->label : member_field_get(iv->field)->ja;
            if ((st = tmpl_set(row, "label", label, err)) ||
                (st = tmpl_set(row, "value", value, err)))
                return st;
        }
    }
    return st;
}

/* The items of a stored list ("a,d"; "" for none). */
static unsigned items_mask(const char *s)
{
    unsigned m = 0;
    meibo_err ignored;
    if (s && *s && decide_items_parse(s, "items", &m, &ignored) != MEIBO_OK)
        m = 0;
    return m;
}

typedef struct doc_no {
    char text[96];
} doc_no;

static int pledge_doc_no(const pledge_info *p, void *arg)
{
    put(((doc_no *)arg)->text, sizeof ((doc_no *)arg)->text, p->document_no);
    return 0;
}

/* The answer: to the member (第22条 disclosure), or on its ground: a statute (第19条第1項第1号),
 * an emergency (第19条第1項第2号), else the purpose of 第20条第1項. */
static meibo_status answer_vars(meibo_ctx *ctx, const meibo_config *cfg, const inq_facts *q,
                                const decide_policy *pol, bool self, bool legal, bool emergency,
                                tmpl_vars *v, meibo_err *err)
{
    meibo_member m;
    member_init(&m);
    meibo_status st = member_load(ctx, q->member_no, 0, &m, err);
    if (st)
        goto out;
    const char *optout = member_get_field(&m, MF_OPTOUT_ON);
    if (!self && !legal && *optout && !q->optout_weighed) {
        st = meibo_fail(err, MEIBO_ERR_CONFLICT,
                        "inquiry %" PRId64 ": member %s asked on %s to stop provision to third "
                        "parties (第20条第5項), which the decision did not weigh; the answer is "
                        "not printed: record the inquiry again to decide it by today's facts",
                        q->id, q->member_no, optout);
        goto out;
    }
    const decide_purpose *pur = decide_purpose_find(pol, q->purpose);
    unsigned provided = items_mask(q->provided), requested = items_mask(q->items);
    char query[1400];
    member_query_text(cfg, q->member_query, query, sizeof query);
    doc_no pledge = {""};
    if (q->pledge_id && (st = pledge_show(ctx, q->pledge_id, pledge_doc_no, &pledge, err)))
        goto out;
    if ((st = tmpl_set_flag(v, "disclosure", self, err)) ||
        (st = tmpl_set_flag(v, "statute", !self && legal, err)) ||
        (st = tmpl_set_flag(v, "emergency", !self && !legal && emergency, err)) ||
        (st = tmpl_set_flag(v, "by_purpose", !self && !legal && !emergency, err)) ||
        (st = tmpl_set(v, "legal_document", q->legal_document, err)) ||
        (st = tmpl_set(v, "purpose", pur ? pur->text : q->purpose, err)) ||
        (st = tmpl_set(v, "member_query", query, err)) ||
        (st = tmpl_set(v, "pledge_no", pledge.text, err)) ||
        (st = tmpl_set(v, "legal_basis", q->legal_basis, err)) ||
        (st = tmpl_set_flag(v, "partial", (requested & ~provided) != 0, err)) ||
        (st = items_list(cfg, pol, provided, &m, "provided", v, err)) ||
        (st = items_list(cfg, pol, requested & ~provided, NULL, "withheld", v, err)))
        goto out;
out:
    member_clear(&m);
    return st;
}

/* The answer printed or sent: the provision happens now and is recorded (個人情報保護法 第29条);
 * letter_record() calls this, never for a preview on stdout. */
static meibo_status answer_delivered(meibo_ctx *ctx, const letter *l, meibo_err *err)
{
    return inquiry_provision_given(ctx, l->inquiry_id, "letter", err);
}

/* ---- which letter --------------------------------------------------------------------------- */

/* The letter an inquiry's outcome gets (see letter.h: not_found goes to the member and to a
 * legal-basis inquiry with its statute; to anyone else it is the refusal, word for word). */
STATIC letter_kind letter_kind_for(const char *outcome, bool self, bool legal_basis)
{
    int o = decide_outcome_parse(outcome);
    if (o == DECIDE_PROVIDE || o == DECIDE_PARTIAL)
        return LETTER_ANSWER;
    if (o == DECIDE_NOT_FOUND && (self || legal_basis))
        return LETTER_NOT_FOUND;
    return LETTER_REFUSAL;
}

static meibo_status inquiry_printable(const inq_facts *q, meibo_err *err)
{
    if (q->voided)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                                "inquiry %" PRId64 " was voided as recorded by mistake: it has "
                                "no letter", q->id);
    if (strcmp(q->status, "pending") != 0 && decide_outcome_parse(q->outcome) != DECIDE_HOLD)
        return MEIBO_OK;
    bool pledge = strstr(q->hold, "pledge") != NULL;
    return meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                            "inquiry %" PRId64 " waits for %s: there is no answer to print yet%s",
                            q->id, pledge ? "a pledge" : "the chief officer",
                            pledge ? " ('meibo pledge print --inquiry ID' prints the pledge form "
                                     "to send)"
                                   : "");
}

/* The variables of inquiry @p q's refusal: the letterhead's and the footer's, nothing else. */
static meibo_status refusal_vars(meibo_ctx *ctx, const meibo_config *cfg, const inq_facts *q,
                                 tmpl_vars *v, meibo_err *err)
{
    meibo_status st = letter_common_vars(ctx, cfg, v, err);
    return st ? st : head_vars(cfg, q, v, err);
}

#ifdef TESTING
meibo_status letter_refusal_vars(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                                 tmpl_vars **out, meibo_err *err)
{
    inq_facts *q = calloc(1, sizeof *q);
    *out = NULL;
    if (!q)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = facts_load(ctx, id, q, err);
    if (!st && !(*out = tmpl_vars_new(err)))
        st = MEIBO_ERR_NOMEM;
    if (!st && (st = refusal_vars(ctx, cfg, q, *out, err))) {
        tmpl_vars_free(*out);
        *out = NULL;
    }
    free(q);
    return st;
}
#endif

/* An inquiry whose requester was erased past retention (取扱規程 第9条, purge.h) has no one
 * left to address a letter to. */
static const char sql_erased[] = "SELECT erased_on FROM inquiries WHERE id = ?1";

static meibo_status inquiry_not_erased(meibo_ctx *ctx, int64_t id, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_erased, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    meibo_status st = MEIBO_OK;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                              "inquiry %" PRId64 ": its requester's details were erased on %s, "
                              "past their retention (取扱規程 第9条); no letter can be printed",
                              id, (const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    return st;
}

meibo_status letter_inquiry(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                            letter_format fmt, letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->format = fmt;
    out->inquiry_id = id;
    meibo_status st;
    if ((st = auth_require(ctx, MEIBO_ROLE_CLERK, "print a letter", err)) ||
        (st = letter_settings_check(cfg, err)) || (st = inquiry_not_erased(ctx, id, err)))
        return st;
    inq_facts *q = calloc(1, sizeof *q);
    decide_policy *pol = calloc(1, sizeof *pol);
    tmpl_vars *v = NULL;
    if (!q || !pol || !(v = tmpl_vars_new(err))) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((st = facts_load(ctx, id, q, err)) || (st = inquiry_printable(q, err)) ||
        (st = policy_load(ctx, q->policy_version, pol, err)))
        goto out;
    const decide_category *cat = decide_category_find(pol, q->category);
    bool self = !strcmp(q->category, "self");
    bool legal = cat && cat->legal_basis && !check_blank(q->legal_basis);
    bool emergency = q->emergency && !self;
    out->kind = letter_kind_for(q->outcome, self, legal);
    if (out->kind == LETTER_ANSWER)
        out->delivered = answer_delivered;
    put(out->member_no, sizeof out->member_no, q->member_no);
    if ((st = refusal_vars(ctx, cfg, q, v, err)))
        goto out;
    if (out->kind == LETTER_ANSWER) {
        st = answer_vars(ctx, cfg, q, pol, self, legal, emergency, v, err);
    } else if (out->kind == LETTER_NOT_FOUND) {
        char query[1400];
        member_query_text(cfg, q->member_query, query, sizeof query);
        if (!(st = tmpl_set_flag(v, "disclosure", self, err)) &&
            !(st = tmpl_set(v, "legal_basis", q->legal_basis, err)) &&
            !(st = tmpl_set(v, "legal_document", q->legal_document, err)))
            st = tmpl_set(v, "member_query", query, err);
    }
    char postal[64], address[404];
    if (!st)
        st = inquiry_address(q, postal, sizeof postal, address, sizeof address, err);
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    free(pol);
    free(q);
    return st;
}

/* ---- the pledge request ------------------------------------------------------------------- */

/* What the form is filled with. */
typedef struct pledge_form {
    char recipient[404], purposes[400], renewal_of[96];
    unsigned items, media;
    /* the cover letter's addressee block (取扱規程 第6条: the form is mailed) */
    char postal[64], address[604], person[404], received_on[64];
} pledge_form;

static int pledge_form_from(const pledge_info *p, void *arg)
{
    pledge_form *f = arg;
    put(f->recipient, sizeof f->recipient, p->recipient);
    put(f->purposes, sizeof f->purposes, p->purposes);
    put(f->renewal_of, sizeof f->renewal_of, p->document_no);
    put(f->person, sizeof f->person, p->signatory_name);
    f->items = items_mask(p->items);
    f->media = p->media;
    return 0;
}

/* The cover letter's address from the recipients register (規程 第20条第3–4項) when the
 * recipient is registered with one; else the letter names the recipient alone. */
static void register_address(meibo_ctx *ctx, pledge_form *f)
{
    recipient_rec *r = calloc(1, sizeof *r);
    meibo_err e;
    meibo_err_clear(&e);
    if (r && !recipient_resolve(ctx, f->recipient, "recipient", r, &e)) {
        address_split(r->address, f->postal, sizeof f->postal, f->address,
                             sizeof f->address);
        if (!*f->person && *r->person && strcmp(r->person, f->recipient) != 0)
            put(f->person, sizeof f->person, r->person);
    }
    free(r);
}

/* Fill @p f from the one source @p src names. */
static meibo_status pledge_form_fill(meibo_ctx *ctx, const letter_pledge_src *src,
                                     const decide_policy *pol, pledge_form *f, meibo_err *err)
{
    int sources = (src->inquiry_id > 0) + (src->pledge_id > 0) + !check_blank(src->recipient);
    if (sources != 1)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "a pledge request is filled from one inquiry, one pledge, or a "
                                "recipient with purposes and items");
    meibo_status st;
    if (src->inquiry_id > 0) {
        inq_facts *q = calloc(1, sizeof *q);
        if (!q)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        st = facts_load(ctx, src->inquiry_id, q, err);
        if (!st && (q->voided || strcmp(q->status, "pending") != 0 || !strstr(q->hold, "pledge")))
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, "inquiry",
                                  "inquiry %" PRId64 " does not wait for a pledge (it is %s)",
                                  q->id, q->status);
        if (!st)
            st = inquiry_address(q, f->postal, sizeof f->postal, f->address, sizeof f->address,
                                 err);
        if (!st) {
            put(f->received_on, sizeof f->received_on, q->received_on);
            if (*q->organization)
                put(f->person, sizeof f->person, q->requester);
            put(f->recipient, sizeof f->recipient,
                *q->organization ? q->organization : q->requester);
            put(f->purposes, sizeof f->purposes, q->purpose);
            f->items = items_mask(*q->provided ? q->provided : q->items);
            f->media = !strcmp(q->medium, "electronic") ? DECIDE_MEDIA_ELECTRONIC
                                                        : DECIDE_MEDIA_PAPER;
        }
        free(q);
        return st;
    }
    if (src->pledge_id > 0) {
        if ((st = pledge_show(ctx, src->pledge_id, pledge_form_from, f, err)))
            return st;
        register_address(ctx, f);
        return MEIBO_OK;
    }
    if ((st = check_text("recipient", src->recipient, 100, true, err)) ||
        (st = check_text("purposes", src->purposes, 300, true, err)) ||
        (st = decide_items_parse(src->items, "items", &f->items, err)))
        return st;
    for (const char *p = src->purposes; *p;) {
        size_t n = strcspn(p, ",");
        char code[DECIDE_CODE_LEN];
        snprintf(code, sizeof code, "%.*s", (int)n, p);
        if (!decide_purpose_find(pol, code))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "purposes",
                                    "purposes: '%s' is not a purpose of the policy in force "
                                    "(see: meibo policy show)", code);
        p += n + (p[n] == ',');
    }
    put(f->recipient, sizeof f->recipient, src->recipient);
    put(f->purposes, sizeof f->purposes, src->purposes);
    f->media = src->media ? src->media : DECIDE_MEDIA_PAPER;
    register_address(ctx, f);
    return MEIBO_OK;
}

static meibo_status pledge_vars(const meibo_config *cfg, const letter_pledge_src *src,
                                const decide_policy *pol, const pledge_form *f,
                                const char *valid_until, tmpl_vars *v, meibo_err *err)
{
    bool paper = f->media & DECIDE_MEDIA_PAPER, electronic = f->media & DECIDE_MEDIA_ELECTRONIC;
    char until[64] = "", received[64] = "";
    if (*valid_until)
        letter_date(cfg, valid_until, until, sizeof until);
    if (*f->received_on)
        letter_date(cfg, f->received_on, received, sizeof received);
    meibo_status st;
    if ((src->inquiry_id > 0 ? (st = tmpl_setf(v, err, "inquiry_no", "%" PRId64, src->inquiry_id))
                             : (st = tmpl_set(v, "inquiry_no", "", err))) ||
        (st = tmpl_set(v, "renewal_of", f->renewal_of, err)) ||
        (st = tmpl_set(v, "recipient", f->recipient, err)) ||
        (st = tmpl_set(v, "received_on", received, err)) ||
        (st = letter_addressee_vars(v, f->postal, f->address, f->recipient, f->person, err)) ||
        (st = tmpl_set(v, "valid_until", until, err)) ||
        (st = tmpl_set(v, "media", paper && electronic ? "紙媒体および電子媒体"
                                   : electronic        ? "電子媒体"
                                                       : "紙媒体", err)) ||
        (st = tmpl_set(v, "articles", paper && electronic ? "第5条および第6条"
                                      : electronic        ? "第5条"
                                                          : "第6条", err)) ||
        (st = tmpl_set_flag(v, "electronic", electronic, err)) ||
        (st = items_list(cfg, pol, f->items, NULL, "items", v, err)) ||
        (st = tmpl_list(v, "purposes", err)))
        return st;
    for (int i = 0; i < pol->npurposes; i++) {
        const decide_purpose *p = &pol->purposes[i];
        if (!decide_list_has(f->purposes, p->code))
            continue;
        tmpl_vars *e = tmpl_list_add(v, "purposes", err);
        if (!e)
            return ERR_CODE(err);
        if ((st = tmpl_set(e, "code", p->code, err)) || (st = tmpl_set(e, "text", p->text, err)) ||
            (st = tmpl_set(e, "article", p->article, err)))
            return st;
    }
    return MEIBO_OK;
}

meibo_status letter_pledge_request(meibo_ctx *ctx, const meibo_config *cfg,
                                   const letter_pledge_src *src, letter_format fmt, letter *out,
                                   meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = LETTER_PLEDGE_REQUEST;
    out->format = fmt;
    out->inquiry_id = src->inquiry_id > 0 ? src->inquiry_id : 0;
    out->pledge_id = src->pledge_id > 0 ? src->pledge_id : 0;
    meibo_status st;
    char valid_until[11] = "";
    if ((st = auth_require(ctx, MEIBO_ROLE_CLERK, "print a pledge request", err)) ||
        (st = letter_settings_check(cfg, err)) ||
        (!check_blank(src->valid_until) &&
         (st = check_date("valid_until", src->valid_until, NULL, valid_until, err))))
        return st;
    pledge_form f;
    memset(&f, 0, sizeof f);
    decide_policy *pol = calloc(1, sizeof *pol);
    tmpl_vars *v = NULL;
    if (!pol || !(v = tmpl_vars_new(err))) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((st = policy_load(ctx, 0, pol, err)) || (st = pledge_form_fill(ctx, src, pol, &f, err)) ||
        (st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = pledge_vars(cfg, src, pol, &f, valid_until, v, err)))
        goto out;
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    free(pol);
    return st;
}
