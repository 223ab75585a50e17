/* letter.c: the printed letters: which one an inquiry gets, their variables, rendering. */
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
#include "meibo/ledger.h"
#include "meibo/letter.h"
#include "meibo/member.h"
#include "meibo/pdf.h"
#include "meibo/permission.h"
#include "meibo/pledge.h"
#include "meibo/policy.h"
#include "meibo/recipient.h"
#include "meibo/request.h"
#include "meibo/stats.h"
#include "meibo/text.h"

#define LETTER_TEXT_WIDTH 80 /* cells of the plain-text rendering */
#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

/* The templates of forms/, compiled in by tools/embed-schema.sh (see the Makefile). */
extern const char *const meibo_forms_names[];
extern const char *const meibo_forms_sql[];
extern const int meibo_forms_count;

STATIC letter_kind letter_kind_for(const char *outcome, bool self, bool legal_basis);

static const struct {
    const char *name, *file;
} kinds[] = {
    [LETTER_ANSWER] = {"answer", "answer.tmpl"},
    [LETTER_REFUSAL] = {"refusal", "refusal.tmpl"},
    [LETTER_NOT_FOUND] = {"not-found", "not_found.tmpl"},
    [LETTER_PLEDGE_REQUEST] = {"pledge-request", "pledge_request.tmpl"},
    [LETTER_OPTOUT_ACK] = {"optout-ack", "optout_ack.tmpl"},
    [LETTER_DISCLOSURE] = {"disclosure", "disclosure_notice.tmpl"},
    [LETTER_NONDISCLOSURE] = {"nondisclosure", "nondisclosure_notice.tmpl"},
    [LETTER_CORRECTION] = {"correction", "correction_notice.tmpl"},
    [LETTER_LEDGER] = {"ledger", "ledger.tmpl"},
    [LETTER_INCIDENT_NOTICE] = {"incident-notice", "incident_notice.tmpl"},
    [LETTER_INCIDENT_REPORT] = {"incident-report", "incident_report.tmpl"},
    [LETTER_INSPECTION] = {"inspection", "inspection.tmpl"},
    [LETTER_OPTOUT_REQUEST] = {"optout-request", "optout_request.tmpl"},
    [LETTER_NO_DATA] = {"no-data", "nodata_notice.tmpl"},
    [LETTER_ANON_COVER] = {"anon-cover", "anon_cover.tmpl"},
    [LETTER_STATS] = {"stats", ""},
};

const char *letter_kind_name(letter_kind kind)
{
    return (unsigned)kind < sizeof kinds / sizeof *kinds ? kinds[kind].name : "?";
}

void letter_clear(letter *l)
{
    free(l->data);
    memset(l, 0, sizeof *l);
}

int letter_format_parse(const char *s)
{
    return !s ? -1 : !strcmp(s, "pdf") ? LETTER_PDF : !strcmp(s, "text") ? LETTER_TEXT : -1;
}

void letter_date(const meibo_config *cfg, const char *iso, char *buf, size_t len)
{
    meibo_date d;
    meibo_err e;
    if (!iso || !date_iso_valid(iso) || date_parse(iso, NULL, &d, &e) != MEIBO_OK) {
        snprintf(buf, len, "%s", iso ? iso : "");
        return;
    }
    if (!cfg->letter_seireki) {
        date_format_wareki(&d, buf, len);
        if (*buf)
            return;
    }
    snprintf(buf, len, "%d年%d月%d日", d.y, d.m, d.d);
}

/* ---- the forms ---------------------------------------------------------------------------- */

static const char *form_text(const char *file)
{
    for (int i = 0; i < meibo_forms_count; i++)
        if (!strcmp(meibo_forms_names[i], file))
            return meibo_forms_sql[i];
    return NULL;
}

/* tmpl_loader for {{>name}}: forms/name.tmpl; @p arg is a buffer for the file's name. */
static const char *form_partial(const char *name, const char **file, void *arg)
{
    char *path = arg, base[80];
    snprintf(base, sizeof base, "%s.tmpl", name);
    snprintf(path, 96, "forms/%s", base);
    *file = path;
    return form_text(base);
}

static meibo_status form_render(const char *file, const tmpl_vars *v, tmpl_doc *doc,
                                meibo_err *err)
{
    char path[96], partial[96];
    snprintf(path, sizeof path, "forms/%s", file);
    const char *src = form_text(file);
    if (!src)
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "%s: no such form in this build", path);
    tmpl *t = NULL;
    meibo_status st = tmpl_parse(path, src, form_partial, partial, &t, err);
    if (!st)
        st = tmpl_render(t, v, doc, err);
    tmpl_free(t);
    return st;
}

meibo_status letter_render_form(meibo_ctx *ctx, const meibo_config *cfg, const char *file,
                                const tmpl_vars *v, letter_format fmt, char **data, size_t *len,
                                meibo_err *err)
{
    *data = NULL;
    *len = 0;
    tmpl_doc doc;
    meibo_status st = form_render(file, v, &doc, err);
    if (st)
        return st;
    if (fmt == LETTER_TEXT) {
        if (!(st = tmpl_doc_text(&doc, LETTER_TEXT_WIDTH, data, err)))
            *len = strlen(*data);
    } else {
        const char *title = file;
        for (int i = 0; i < doc.n; i++)
            if (doc.lines[i].style == TMPL_TITLE) {
                title = doc.lines[i].text;
                break;
            }
        pdf_meta meta = {title, cfg->society_name, db_now(ctx)};
        st = pdf_render(&doc, &meta, data, len, err);
    }
    tmpl_doc_clear(&doc);
    return st;
}

/* Render the letter's form with @p v into out->data, in out->format. */
static meibo_status letter_output(meibo_ctx *ctx, const meibo_config *cfg, const tmpl_vars *v,
                                  letter *out, meibo_err *err)
{
    meibo_status st = letter_render_form(ctx, cfg, kinds[out->kind].file, v, out->format,
                                         &out->data, &out->len, err);
    const char *ext = out->format == LETTER_TEXT ? "txt" : "pdf";
    if (out->kind == LETTER_LEDGER)
        snprintf(out->file_name, sizeof out->file_name, "ledger.%s", ext);
    else if (out->kind == LETTER_ANON_COVER)
        snprintf(out->file_name, sizeof out->file_name, "anon-%" PRId64 "-cover.%s",
                 out->anon_id, ext);
    else if (out->kind == LETTER_INSPECTION)
        snprintf(out->file_name, sizeof out->file_name, "inspection-%" PRId64 ".%s",
                 out->inspection_id, ext);
    else if (out->incident_id)
        snprintf(out->file_name, sizeof out->file_name, "incident-%" PRId64 "-%s%s%s.%s",
                 out->incident_id, out->kind == LETTER_INCIDENT_NOTICE ? "notice" : "report",
                 *out->member_no ? "-" : "", out->member_no, ext);
    else if (out->optout_id)
        snprintf(out->file_name, sizeof out->file_name, "optout-%" PRId64 "-%s.%s",
                 out->optout_id, out->kind == LETTER_OPTOUT_ACK ? "ack" : "request", ext);
    else if (out->request_id)
        snprintf(out->file_name, sizeof out->file_name, "request-%" PRId64 "-%s.%s",
                 out->request_id, kinds[out->kind].name, ext);
    else if (out->kind != LETTER_PLEDGE_REQUEST)
        snprintf(out->file_name, sizeof out->file_name, "inquiry-%" PRId64 "-%s.%s",
                 out->inquiry_id, kinds[out->kind].name, ext);
    else if (out->inquiry_id)
        snprintf(out->file_name, sizeof out->file_name, "pledge-request-inquiry-%" PRId64 ".%s",
                 out->inquiry_id, ext);
    else if (out->pledge_id)
        snprintf(out->file_name, sizeof out->file_name, "pledge-request-renewal-%" PRId64 ".%s",
                 out->pledge_id, ext);
    else
        snprintf(out->file_name, sizeof out->file_name, "pledge-request.%s", ext);
    return st;
}

/* ---- what every letter carries -------------------------------------------------------------- */

meibo_status letter_settings_check(const meibo_config *cfg, meibo_err *err)
{
    const char *missing = !cfg->society_name[0]          ? "society_name"
                          : !cfg->secretariat_contact[0] ? "secretariat_contact"
                                                         : NULL;
    if (!missing)
        return MEIBO_OK;
    return meibo_fail_field(err, MEIBO_ERR_INVALID, missing,
                            "meibo.conf: %s is not set: every letter carries the society's name "
                            "and the secretariat's contact (see meibo.conf(5))", missing);
}

/* The society, its contact (one line per '|'-separated part) and today's date. */
meibo_status letter_common_vars(meibo_ctx *ctx, const meibo_config *cfg, tmpl_vars *v,
                                meibo_err *err)
{
    char today[16], date[64];
    db_today(ctx, today, sizeof today);
    letter_date(cfg, today, date, sizeof date);
    meibo_status st;
    if ((st = tmpl_set(v, "society_name", cfg->society_name, err)) ||
        (st = tmpl_set(v, "date", date, err)) || (st = tmpl_list(v, "contact", err)))
        return st;
    for (const char *p = cfg->secretariat_contact; *p;) {
        size_t n = strcspn(p, "|");
        char *part = strndup(p, n), *line = NULL;
        if (!part)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        st = text_trim(part, &line, err);
        free(part);
        tmpl_vars *e = NULL;
        if (!st && *line && !(e = tmpl_list_add(v, "contact", err)))
            st = ERR_CODE(err);
        if (!st && e)
            st = tmpl_set(e, "line", line, err);
        free(line);
        if (st)
            return st;
        p += n + (p[n] == '|');
    }
    return MEIBO_OK;
}

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

/* ---- the addressee ------------------------------------------------------------------------ */

/* The addressee block (@address lines of letterhead.tmpl, rights_head.tmpl): postal_code,
 * address, addressee_org and addressee; @p honorific 様 for a person, 御中 for a body. */
meibo_status letter_addressee_vars(tmpl_vars *v, const char *postal, const char *address,
                                   const char *org, const char *name, meibo_err *err)
{
    meibo_status st;
    bool person = name && *name;
    if ((st = tmpl_set(v, "postal_code", postal ? postal : "", err)) ||
        (st = tmpl_set(v, "address", address ? address : "", err)) ||
        (st = tmpl_set(v, "addressee_org", person && org ? org : "", err)) ||
        (st = tmpl_set(v, "addressee", person ? name : org ? org : "", err)) ||
        (st = tmpl_set(v, "honorific", person ? "様" : "御中", err)))
        return st;
    return MEIBO_OK;
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
    if (!st)
        st = letter_output(ctx, cfg, v, out, err);
out:
    tmpl_vars_free(v);
    free(pol);
    free(q);
    if (st)
        letter_clear(out);
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
    st = letter_output(ctx, cfg, v, out, err);
out:
    tmpl_vars_free(v);
    free(pol);
    if (st)
        letter_clear(out);
    return st;
}

/* ---- the 個人情報取扱台帳 (取扱規程 第24条) ------------------------------------------------------ */

typedef struct ledger_fill {
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
} ledger_fill;

static int ledger_entry_vars(const ledger_entry *e, void *arg)
{
    ledger_fill *f = arg;
    tmpl_vars *x = tmpl_list_add(f->v, "items", f->err);
    if (!x) {
        f->st = ERR_CODE(f->err);
        return 1;
    }
    if ((f->st = tmpl_setf(x, f->err, "no", "%d", e->no)) ||
        (f->st = tmpl_set(x, "item", e->item, f->err)) ||
        (f->st = tmpl_set(x, "location", e->location, f->err)) ||
        (f->st = tmpl_set(x, "method", e->method, f->err)) ||
        (f->st = tmpl_set(x, "access", e->access, f->err)) ||
        (f->st = tmpl_set(x, "retention", e->retention, f->err)) ||
        (f->st = tmpl_set(x, "article", e->article, f->err)) ||
        (f->st = tmpl_list(x, "purposes", f->err)))
        return 1;
    for (int i = 0; i < e->npurposes; i++) {
        tmpl_vars *p = tmpl_list_add(x, "purposes", f->err);
        if (!p || (f->st = tmpl_set(p, "text", e->purposes[i], f->err))) {
            if (!p)
                f->st = ERR_CODE(f->err);
            return 1;
        }
    }
    return 0;
}

/* A permission of 規程 第16条 in force, as a line of the ledger. */
static int ledger_permission_vars(const permission_info *p, void *arg)
{
    ledger_fill *f = arg;
    tmpl_vars *x = tmpl_list_add(f->v, "permissions", f->err);
    if (!x) {
        f->st = ERR_CODE(f->err);
        return 1;
    }
    if ((f->st = tmpl_setf(x, f->err, "no", "%lld", (long long)p->id)) ||
        (f->st = tmpl_set(x, "kind", permission_kind_words(p, true), f->err)) ||
        (f->st = tmpl_set(x, "scope", p->scope, f->err)) ||
        (f->st = tmpl_set(x, "granted_on", p->granted_on, f->err)) ||
        (f->st = tmpl_set(x, "granted_by", p->granted_by, f->err)) ||
        (f->st = tmpl_set(x, "valid_until", permission_until_words(p, true), f->err)))
        return 1;
    return 0;
}

/* A provision of anonymised data, as the ledger publishes it (第43条第3項, 第44条). */
static int ledger_anon_vars(const stats_anon_info *a, void *arg)
{
    ledger_fill *f = arg;
    tmpl_vars *x = tmpl_list_add(f->v, "anon", f->err);
    if (!x) {
        f->st = ERR_CODE(f->err);
        return 1;
    }
    if ((f->st = tmpl_setf(x, f->err, "no", "%lld", (long long)a->id)) ||
        (f->st = tmpl_set(x, "at", a->at, f->err)) ||
        (f->st = tmpl_set(x, "as_of", a->as_of, f->err)) ||
        (f->st = tmpl_set(x, "recipient", a->recipient, f->err)) ||
        (f->st = tmpl_set(x, "items", a->items, f->err)) ||
        (f->st = tmpl_set(x, "method", a->method, f->err)) ||
        (f->st = tmpl_setf(x, f->err, "k", "%d", a->k)) ||
        (f->st = tmpl_set(x, "medium", a->medium, f->err)))
        return 1;
    return 0;
}

meibo_status letter_ledger(meibo_ctx *ctx, const meibo_config *cfg, const char *backup_dir,
                           letter_format fmt, letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = LETTER_LEDGER;
    out->format = fmt;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "print the personal-data ledger", err);
    if (st)
        return st;
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    ledger_fill f = {v, err, MEIBO_OK};
    if ((st = letter_common_vars(ctx, cfg, v, err)) || (st = tmpl_list(v, "items", err)))
        goto out;
    if ((st = ledger_list(ctx, backup_dir, ledger_entry_vars, &f, err)) || (st = f.st) ||
        (st = tmpl_list(v, "permissions", err)) ||
        (st = permission_list(ctx, false, ledger_permission_vars, &f, err)) || (st = f.st) ||
        (st = tmpl_list(v, "anon", err)) ||
        (st = stats_anon_list(ctx, ledger_anon_vars, &f, err)) || (st = f.st))
        goto out;
    st = letter_output(ctx, cfg, v, out, err);
out:
    tmpl_vars_free(v);
    if (st)
        letter_clear(out);
    return st;
}

/* ---- the cover letter of anonymised data (個人情報の保護に関する法律 第44条) ---------------------- */

meibo_status letter_anon_cover(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                               letter_format fmt, letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = LETTER_ANON_COVER;
    out->format = fmt;
    out->anon_id = id;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF,
                                   "print the cover letter of anonymised data", err);
    stats_anon_info a;
    if (st || (st = letter_settings_check(cfg, err)) || (st = stats_anon_get(ctx, id, &a, err)))
        return st;
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    char as_of[64];
    letter_date(cfg, a.as_of, as_of, sizeof as_of);
    if (!(st = letter_common_vars(ctx, cfg, v, err)) &&
        !(st = tmpl_setf(v, err, "anon_no", "%" PRId64, a.id)) &&
        !(st = tmpl_set(v, "recipient", a.recipient, err)) &&
        !(st = tmpl_set(v, "as_of", as_of, err)) &&
        !(st = tmpl_setf(v, err, "rows", "%" PRId64, a.rows)) &&
        !(st = tmpl_set(v, "items", a.items, err)) &&
        !(st = tmpl_set(v, "method", a.method, err)) &&
        !(st = tmpl_setf(v, err, "k", "%d", a.k)) &&
        !(st = tmpl_setf(v, err, "suppressed", "%" PRId64, a.suppressed)) &&
        !(st = tmpl_set(v, "medium", a.medium, err)))
        st = letter_output(ctx, cfg, v, out, err);
    tmpl_vars_free(v);
    if (st)
        letter_clear(out);
    return st;
}

/* ---- a statistics table's printed page (stats.h) ------------------------------------------ */

meibo_status letter_stats_table(const stats_table *t, const char *author, int64_t created,
                                letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = LETTER_STATS;
    out->format = LETTER_PDF;
    snprintf(out->file_name, sizeof out->file_name, "stats-%s%s%s-%s.pdf",
             stats_dim_code(t->dim[0]), t->ndims == 2 ? "-" : "",
             t->ndims == 2 ? stats_dim_code(t->dim[1]) : "", t->as_of);
    return stats_table_pdf(t, author, created, &out->data, &out->len, err);
}

/* ---- the record ------------------------------------------------------------------------------ */

meibo_status letter_record(meibo_ctx *ctx, const letter *l, const char *where, meibo_err *err)
{
    char detail[1400];
    const char *format = l->format == LETTER_TEXT ? "text" : "pdf";
    if (l->kind == LETTER_LEDGER) {
        snprintf(detail, sizeof detail, "letter=ledger format=%s to=%s", format, where);
        return audit_append(ctx, "ledger.print", NULL, detail, err);
    }
    if (l->kind == LETTER_INSPECTION) {
        snprintf(detail, sizeof detail, "id=%" PRId64 " letter=inspection format=%s to=%s",
                 l->inspection_id, format, where);
        return audit_append(ctx, "inspect.print", NULL, detail, err);
    }
    if (l->kind == LETTER_STATS) { /* statistics: no member, no personal data */
        snprintf(detail, sizeof detail, "letter=stats format=%s to=%s", format, where);
        return audit_append(ctx, "stats.print", NULL, detail, err);
    }
    if (l->kind == LETTER_ANON_COVER) { /* no member: anonymised data is no one's */
        snprintf(detail, sizeof detail, "id=%" PRId64 " letter=anon-cover format=%s to=%s",
                 l->anon_id, format, where);
        return audit_append(ctx, "anon.print", NULL, detail, err);
    }
    if (l->incident_id) {
        snprintf(detail, sizeof detail, "id=%" PRId64 " letter=%s format=%s to=%s",
                 l->incident_id, kinds[l->kind].name, format, where);
        return audit_append(ctx, "incident.print", l->member_no, detail, err);
    }
    if (l->kind == LETTER_PLEDGE_REQUEST) {
        snprintf(detail, sizeof detail,
                 "letter=pledge-request inquiry=%" PRId64 " pledge=%" PRId64 " format=%s to=%s",
                 l->inquiry_id, l->pledge_id, format, where);
        return audit_append(ctx, "pledge.print", NULL, detail, err);
    }
    if (l->optout_id || l->request_id) {
        bool optout = l->optout_id != 0;
        snprintf(detail, sizeof detail, "id=%" PRId64 " letter=%s format=%s to=%s",
                 optout ? l->optout_id : l->request_id, kinds[l->kind].name, format, where);
        meibo_status st = audit_append(ctx, optout ? "optout.print" : "request.print",
                                       l->member_no, detail, err);
        if (!st && !optout && strcmp(where, "stdout") != 0)
            st = request_notified(ctx, l->request_id, err);
        return st;
    }
    snprintf(detail, sizeof detail, "id=%" PRId64 " letter=%s format=%s to=%s", l->inquiry_id,
             kinds[l->kind].name, format, where);
    meibo_status st = audit_append(ctx, "inquiry.print", l->member_no, detail, err);
    /* the answer printed or sent: the provision happens now and is recorded (個人情報保護法
     * 第29条); a preview on stdout gives nothing */
    if (!st && l->kind == LETTER_ANSWER && strcmp(where, "stdout") != 0)
        st = inquiry_provision_given(ctx, l->inquiry_id, "letter", err);
    return st;
}

/* ---- for the other letter modules ------------------------------------------------------------ */

meibo_status letter_render(meibo_ctx *ctx, const meibo_config *cfg, const tmpl_vars *v,
                           letter *out, meibo_err *err)
{
    return letter_output(ctx, cfg, v, out, err);
}
