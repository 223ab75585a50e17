/* letter.c: the letter type: its kinds and forms, what every letter carries, the addressee
 * block, rendering, and the access-log row of a letter given out. Which letter a domain sends and
 * its variables live beside the domain (inquiry_letter.c, pledge_letter.c, rights_letter.c, ...). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/address.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/date.h"
#include "meibo/letter.h"
#include "meibo/pdf.h"
#include "meibo/text.h"

#define LETTER_TEXT_WIDTH 80 /* cells of the plain-text rendering */
#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

/* The templates of forms/, compiled in by tools/embed-schema.sh (see the Makefile). */
extern const char *const meibo_forms_names[];
extern const char *const meibo_forms_sql[];
extern const int meibo_forms_count;


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

/* ---- the record ------------------------------------------------------------------------------ */

/* The letter given out (not a preview on stdout): what its domain records then, through the hook
 * the module that made it set (an answer's provision, 個人情報保護法 第29条; a notice's request). */
static meibo_status delivered(meibo_ctx *ctx, const letter *l, const char *where, meibo_err *err)
{
    return l->delivered && strcmp(where, "stdout") != 0 ? l->delivered(ctx, l, err) : MEIBO_OK;
}

meibo_status letter_record(meibo_ctx *ctx, const letter *l, const char *where, meibo_err *err)
{
    char detail[MEIBO_DETAIL_MAX];
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
        return st ? st : delivered(ctx, l, where, err);
    }
    snprintf(detail, sizeof detail, "id=%" PRId64 " letter=%s format=%s to=%s", l->inquiry_id,
             kinds[l->kind].name, format, where);
    meibo_status st = audit_append(ctx, "inquiry.print", l->member_no, detail, err);
    return st ? st : delivered(ctx, l, where, err);
}

/* ---- for the other letter modules ------------------------------------------------------------ */

meibo_status letter_render(meibo_ctx *ctx, const meibo_config *cfg, const tmpl_vars *v,
                           letter *out, meibo_err *err)
{
    return letter_output(ctx, cfg, v, out, err);
}

meibo_status letter_begin(meibo_ctx *ctx, const meibo_config *cfg, letter_kind kind,
                          letter_format fmt, letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->format = fmt;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "print a letter", err);
    return st ? st : letter_settings_check(cfg, err);
}

meibo_status letter_end(meibo_ctx *ctx, const meibo_config *cfg, meibo_status st, tmpl_vars *v,
                        letter *out, meibo_err *err)
{
    if (!st)
        st = letter_output(ctx, cfg, v, out, err);
    tmpl_vars_free(v);
    if (st)
        letter_clear(out);
    return st;
}
