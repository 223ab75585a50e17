/* export.c: consent-gated export sheets: purposes, preview, request, the chief officer's
 * approval, the run and its records (取扱規程 第4–6条, 第38条; 規程 第16条; 規程 第20条第5項). */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "export_int.h"
#include "meibo/buf.h"
#include "meibo/address.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/decide.h"
#include "meibo/letter.h"
#include "meibo/permission.h"
#include "meibo/pledge.h"
#include "meibo/recipient.h"
#include "meibo/policy.h"
#include "meibo/process.h"
#include "meibo/provision.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM)
#define PASSWORD_LEN 20 /* characters of a generated archive password (~116 bits) */
#define EXPORT_RUN_TRIES 3 /* sheets made anew when their members change meanwhile */

static void put(char *dst, size_t size, const char *src)
{
    text_copy_cut(dst, size, src ? src : "");
}

/* What a sheet is as a copy taken out (規程 第16条): printed on paper, a file, electronic media. */
static const char *copy_kind(const sheet_q *q)
{
    return q->media == DECIDE_MEDIA_ELECTRONIC ? "electronic" : q->file_copy ? "file" : "paper";
}

static const char *media_code(unsigned media)
{
    return media == DECIDE_MEDIA_ELECTRONIC ? "electronic" : "paper";
}

/* ---- checking a spec ---------------------------------------------------------------------- */

/* The columns of @p list (NULL or "" = all of the purpose's) into q->cols, each one the
 * purpose allows (取扱規程 第4条: no more than it needs). */
static meibo_status columns_check(sheet_q *q, const char *list, meibo_err *err)
{
    const char *use = check_blank(list) ? q->purpose.columns : list;
    int ncat;
    const export_column *cat = export_columns(&ncat);
    q->ncols = 0;
    q->items = 0;
    size_t used = 0;
    for (const char *p = use; *p;) {
        size_t n = strcspn(p, ",");
        char code[EXPORT_CODE_LEN];
        if (n == 0 || n >= sizeof code)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns",
                                    "columns: '%s' is not a comma-separated list of columns", use);
        memcpy(code, p, n);
        code[n] = '\0';
        const export_column *c = export_column_find(code);
        if (!c)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns",
                                    "columns: '%s' is not a column (see: meibo export purposes)",
                                    code);
        if (!decide_list_has(q->purpose.columns, code))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns",
                                    "columns: '%s' is not allowed for %s (%s): it carries only %s "
                                    "(取扱規程 第4条: the minimum necessary)",
                                    code, q->purpose.code, q->purpose.article, q->purpose.columns);
        for (int i = 0; i < q->ncols; i++)
            if (cat + q->cols[i] == c)
                return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns",
                                        "columns: '%s' is named twice", code);
        if (q->ncols >= EXPORT_MAX_COLUMNS)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns", "columns: too many");
        q->cols[q->ncols++] = (int)(c - cat);
        q->items |= DECIDE_ITEM_BIT(c->item);
        int w = snprintf(q->columns + used, sizeof q->columns - used, "%s%s", used ? "," : "",
                         code);
        if (w < 0 || (size_t)w >= sizeof q->columns - used)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns", "columns: too long");
        used += (size_t)w;
        p += n + (p[n] == ',');
    }
    if (!q->ncols)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "columns", "columns: none given");
    decide_items_format(q->items, q->items_text, sizeof q->items_text);
    return MEIBO_OK;
}

static meibo_status statuses_check(sheet_q *q, const char *list, meibo_err *err)
{
    if (!list || check_blank(list)) {
        put(q->statuses, sizeof q->statuses, q->purpose.statuses);
        return MEIBO_OK;
    }
    static const char *const known[] = {"active", "withdrawn", "deceased"};
    size_t used = 0;
    q->statuses[0] = '\0';
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char code[16];
        snprintf(code, sizeof code, "%.*s", (int)(n < 15 ? n : 15), p);
        bool ok = false;
        for (size_t i = 0; i < sizeof known / sizeof *known; i++)
            ok |= n == strlen(known[i]) && !strcmp(code, known[i]);
        if (!ok)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "status",
                                    "status: '%.*s' is not a status (active, withdrawn, deceased)",
                                    (int)n, p);
        if (!decide_list_has(q->purpose.statuses, code))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "status",
                                    "status: %s members are not on %s sheets (only %s)", code,
                                    q->purpose.code, q->purpose.statuses);
        if (!decide_list_has(q->statuses, code)) {
            int w = snprintf(q->statuses + used, sizeof q->statuses - used, "%s%s",
                             used ? "," : "", code);
            if (w > 0 && (size_t)w < sizeof q->statuses - used)
                used += (size_t)w;
        }
        p += n + (p[n] == ',');
    }
    return MEIBO_OK;
}

static void sheet_q_free(sheet_q *q)
{
    free(q->recipient_key);
    q->recipient_key = NULL;
}

/* Check @p spec whole into @p q (the caller frees with sheet_q_free()). */
static meibo_status sheet_check(meibo_ctx *ctx, const export_spec *spec, sheet_q *q,
                                meibo_err *err)
{
    memset(q, 0, sizeof *q);
    meibo_status st;
    if ((st = export_purpose_load(ctx, spec->purpose, &q->purpose, err)) ||
        (st = check_text("recipient", spec->recipient, 100, true, err)) ||
        (st = check_text("branch", spec->filter.branch, 40, false, err)) ||
        (st = columns_check(q, spec->columns, err)) ||
        (st = statuses_check(q, spec->filter.statuses, err)))
        return st;
    unsigned media = spec->media ? spec->media : DECIDE_MEDIA_PAPER;
    if (media != DECIDE_MEDIA_PAPER && media != DECIDE_MEDIA_ELECTRONIC)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "media", "media: paper or electronic");
    if (!(q->purpose.media & media))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "media",
                                "media: %s sheets go only on %s (取扱規程 第5条: no electronic "
                                "media unless unavoidable)",
                                q->purpose.code, pledge_media_name(q->purpose.media));
    q->media = media;
    q->file_copy = spec->file_copy || media == DECIDE_MEDIA_ELECTRONIC;
    q->specialist = spec->filter.specialist < 0 ? -1 : spec->filter.specialist ? 1 : 0;
    if (!check_blank(spec->filter.branch)) {
        q->has_branch = true;
        put(q->branch, sizeof q->branch, spec->filter.branch);
    }
    if ((!check_blank(spec->filter.joined_from) &&
         (st = check_date("joined_from", spec->filter.joined_from, NULL, q->joined_from, err))) ||
        (!check_blank(spec->filter.joined_to) &&
         (st = check_date("joined_to", spec->filter.joined_to, NULL, q->joined_to, err))))
        return st;
    if (*q->joined_from && *q->joined_to && strcmp(q->joined_from, q->joined_to) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "joined_to",
                                "joined_to: %s is before joined_from %s", q->joined_to,
                                q->joined_from);
    /* the recipient: chosen from the register, and asked of the gate at every step (request,
     * approval, run): a forbidden category, the deny-list, a sheet this category may not
     * receive (規程 第20条第4項, 取扱規程 第4条) */
    recipient_rec *rec = calloc(1, sizeof *rec);
    if (!rec)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    decide_result gate;
    if ((st = recipient_resolve(ctx, spec->recipient, "recipient", rec, err)) ||
        (st = recipient_gate(ctx, rec, q->purpose.code, &gate, err))) {
        free(rec);
        return st;
    }
    put(q->recipient, sizeof q->recipient, rec->name);
    put(q->recipient_category, sizeof q->recipient_category, rec->category);
    q->recipient_id = rec->id;
    free(rec);
    if ((st = text_search_key(q->recipient, &q->recipient_key, err)))
        return st;
    q->pledge_id = spec->pledge_id > 0 ? spec->pledge_id : 0;
    snprintf(q->filters, sizeof q->filters, "status=%s%s%s%s%s%s%s%s%s", q->statuses,
             q->has_branch ? " branch=" : "", q->has_branch ? q->branch : "",
             q->specialist < 0 ? "" : " specialist=", q->specialist < 0 ? ""
                                                       : q->specialist ? "yes" : "no",
             *q->joined_from ? " joined_from=" : "", q->joined_from,
             *q->joined_to ? " joined_to=" : "", q->joined_to);
    return MEIBO_OK;
}

/* ---- the pledge (取扱規程 第5条, 第6条) -------------------------------------------------------- */

typedef struct pledge_seen {
    bool found;
    pledge_info p;
    char recipient[404], state[16], purposes[400], items[16], valid_until[11], document_no[96];
    char revoked_on[32];
} pledge_seen;

static int pledge_keep(const pledge_info *p, void *arg)
{
    pledge_seen *s = arg;
    s->found = true;
    s->p = *p;
    put(s->recipient, sizeof s->recipient, p->recipient);
    put(s->state, sizeof s->state, p->state);
    put(s->purposes, sizeof s->purposes, p->purposes);
    put(s->items, sizeof s->items, p->items);
    put(s->valid_until, sizeof s->valid_until, p->valid_until);
    put(s->document_no, sizeof s->document_no, p->document_no);
    put(s->revoked_on, sizeof s->revoked_on, p->revoked_on);
    return 0;
}

/* Does the pledge cover @p q? pv->pledge_ok, and pv->pledge_problem when not. Fails only on
 * a database error. */
static meibo_status pledge_judge(meibo_ctx *ctx, const sheet_q *q, export_preview *pv,
                                 meibo_err *err)
{
    const char *article = q->media == DECIDE_MEDIA_ELECTRONIC ? "取扱規程 第5条" : "取扱規程 第6条";
    pv->pledge_ok = false;
    pv->pledge_document[0] = '\0';
    if (!q->pledge_id) {
        if (!q->purpose.pledge_required) {
            pv->pledge_ok = true;
            return MEIBO_OK;
        }
        snprintf(pv->pledge_problem, sizeof pv->pledge_problem,
                 "%s sheets go only to a recipient who signed a pledge (%s): give --pledge N",
                 q->purpose.code, article);
        return MEIBO_OK;
    }
    pledge_seen *s = calloc(1, sizeof *s);
    decide_policy *pol = calloc(1, sizeof *pol);
    char *key = NULL;
    meibo_status st = MEIBO_OK;
    if (!s || !pol) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    meibo_err e2;
    meibo_err_clear(&e2);
    st = pledge_show(ctx, q->pledge_id, pledge_keep, s, &e2);
    if (st == MEIBO_ERR_NOT_FOUND) {
        st = MEIBO_OK;
        snprintf(pv->pledge_problem, sizeof pv->pledge_problem, "there is no pledge %" PRId64,
                 q->pledge_id);
        goto out;
    }
    if (st) {
        if (err)
            *err = e2;
        goto out;
    }
    put(pv->pledge_document, sizeof pv->pledge_document, s->document_no);
    if ((st = text_search_key(s->recipient, &key, err)) || (st = policy_load(ctx, 0, pol, err)))
        goto out;
    char today[16];
    db_today(ctx, today, sizeof today);
    if (strcmp(key, q->recipient_key) != 0) {
        snprintf(pv->pledge_problem, sizeof pv->pledge_problem,
                 "pledge %" PRId64 " (%s) was signed by %s, not by %s (%s)", q->pledge_id,
                 s->document_no, s->recipient, q->recipient, article);
    } else if (!strcmp(s->state, "revoked")) {
        snprintf(pv->pledge_problem, sizeof pv->pledge_problem,
                 "pledge %" PRId64 " (%s) was revoked on %s: it counts for nothing (%s)",
                 q->pledge_id, s->document_no, s->revoked_on, article);
    } else if (!strcmp(s->state, "expired") || strcmp(s->valid_until, today) < 0) {
        snprintf(pv->pledge_problem, sizeof pv->pledge_problem,
                 "pledge %" PRId64 " (%s) expired: it was valid until %s (%s); ask for a new one "
                 "(meibo pledge print --pledge %" PRId64 ")",
                 q->pledge_id, s->document_no, s->valid_until, article, q->pledge_id);
    } else if (!(s->p.media & q->media)) {
        snprintf(pv->pledge_problem, sizeof pv->pledge_problem,
                 "pledge %" PRId64 " (%s) does not cover %s media (%s)", q->pledge_id,
                 s->document_no, media_code(q->media), article);
    } else {
        unsigned pitems = 0;
        for (const char *c = s->items; *c; c++)
            pitems |= DECIDE_ITEM_BIT(*c);
        decide_pledge dp = {q->pledge_id, s->document_no, s->p.media, s->purposes, pitems,
                            s->valid_until, false};
        pv->pledge_ok = true;
        for (int i = 0; i < DECIDE_ITEMS && pv->pledge_ok; i++) {
            unsigned bit = 1u << i;
            if (!(q->items & bit))
                continue;
            bool covered = false;
            for (int k = 0; k < pol->npurposes && !covered; k++) {
                const decide_purpose *pp = &pol->purposes[k];
                covered = decide_list_has(q->purpose.policy_purposes, pp->code) &&
                          (pp->items & bit) &&
                          decide_pledge_covers(&dp, today, q->media, pp->code, bit);
            }
            if (!covered) {
                pv->pledge_ok = false;
                snprintf(pv->pledge_problem, sizeof pv->pledge_problem,
                         "pledge %" PRId64 " (%s) does not cover item (%c) %s for the purposes "
                         "%s sheets rest on (%s; 第20条第1項, %s)",
                         q->pledge_id, s->document_no, 'a' + i, pol->items[i].name,
                         q->purpose.code, q->purpose.policy_purposes, article);
            }
        }
    }
out:
    free(key);
    free(pol);
    free(s);
    return st;
}

/* ---- counting ---------------------------------------------------------------------------- */

static const char *why_article(const char *why, const sheet_q *q)
{
    if (!strcmp(why, "optout"))
        return "第20条第5項";
    if (!strcmp(why, "suspended"))
        return "第23条第2項";
    if (!strcmp(why, "consent"))
        return "第19条第1項 (本人の同意)";
    return q->purpose.article;
}

/* What a pass over the members of a sheet records (export_run's write step): one provision
 * row and one access-log row per member on the sheet. */
typedef struct sheet_record {
    int64_t id;
    const char *basis, *detail;
    audit_batch *ab;
} sheet_record;

static meibo_status record_one(meibo_ctx *ctx, const sheet_q *q, const sheet_record *rec,
                               const sheet_rows *r, meibo_err *err)
{
    const char *member_no = sheet_rows_cell(r, 0);
    provision_new p = {
        .member_id = sqlite3_column_int64(r->s, SHEET_COL_ID),
        .member_no = member_no,
        .recipient = q->recipient,
        .recipient_key = q->recipient_key,
        .recipient_id = q->recipient_id,
        .requester = "",
        .category = q->recipient_category,
        .items = q->items_text,
        .purpose = q->purpose.code,
        .basis = rec->basis,
        .pledge_id = q->pledge_id,
        .export_id = rec->id,
    };
    meibo_status st = provision_record(ctx, &p, err);
    return st ? st : audit_batch_append(rec->ab, "export.member", member_no, rec->detail, err);
}

/* What the sheet showed of each member on it: their id and a hash of every cell the sheet
 * shows (sorted by id once made). The write step that records the sheet finds each member
 * still on it with the same hash, or the sheet is made anew: an edit, an opt-out
 * (第20条第5項), a suspension (第23条第2項) or a consent withdrawn meanwhile changes it. A member
 * who came onto it meanwhile (an import, a consent given) is simply not on this sheet. */
typedef struct sheet_print_row {
    int64_t id;
    uint64_t hash;
} sheet_print_row;

typedef struct sheet_print {
    sheet_print_row *rows; /* owned */
    int64_t n;
    size_t cap;
    EVP_MD_CTX *md;        /* owned */
} sheet_print;

static void sheet_print_free(sheet_print *p)
{
    free(p->rows);
    EVP_MD_CTX_free(p->md);
    memset(p, 0, sizeof *p);
}

static meibo_status row_hash(sheet_print *p, const sheet_q *q, const sheet_rows *r, uint64_t *h,
                             meibo_err *err)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if ((!p->md && !(p->md = EVP_MD_CTX_new())) || EVP_DigestInit_ex(p->md, EVP_sha256(), NULL) != 1)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "sha256: cannot start");
    for (int c = 0; c < q->ncols; c++) {
        const char *v = sheet_rows_cell(r, q->cols[c]);
        EVP_DigestUpdate(p->md, v, strlen(v) + 1); /* the NUL separates the cells */
    }
    if (EVP_DigestFinal_ex(p->md, d, &n) != 1 || n < sizeof *h)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "sha256: cannot finish");
    memcpy(h, d, sizeof *h);
    return MEIBO_OK;
}

static meibo_status print_add(sheet_print *p, const sheet_q *q, const sheet_rows *r,
                              meibo_err *err)
{
    sheet_print_row *rows = array_grow(p->rows, &p->cap, (size_t)p->n + 1, sizeof *rows);
    if (!rows)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    p->rows = rows;
    p->rows[p->n].id = sqlite3_column_int64(r->s, SHEET_COL_ID);
    return row_hash(p, q, r, &p->rows[p->n++].hash, err);
}

static int print_cmp(const void *a, const void *b)
{
    int64_t x = ((const sheet_print_row *)a)->id, y = ((const sheet_print_row *)b)->id;
    return (x > y) - (x < y);
}

/* Count the members of @p q (one pass); @p fn sees each excluded one (and with @p every, each
 * one on the sheet too, reason ""); with @p print, what the sheet shows of each member on it
 * (sorted by id at the end). */
static meibo_status sheet_count(meibo_ctx *ctx, const sheet_q *q, export_counts *c,
                                export_excluded_fn fn, void *arg, bool every, sheet_print *print,
                                meibo_err *err)
{
    if (!fn && !print) /* the counts alone */
        return sheet_counts(ctx, q, c, err);
    memset(c, 0, sizeof *c);
    sheet_rows r;
    meibo_status st = sheet_rows_open(&r, ctx, q, false, err);
    if (st)
        return st;
    int rc, name = -1, ncat;
    const export_column *cat = export_columns(&ncat);
    for (int i = 0; i < ncat; i++)
        if (!strcmp(cat[i].code, "name"))
            name = i;
    bool stop = false;
    while ((rc = sheet_rows_next(&r, err)) == 1) {
        const char *why = db_text(r.s, sheet_col_why());
        if (!*why) {
            c->included++;
            if (fn && every && !stop) {
                export_excluded e = {sheet_rows_cell(&r, 0), sheet_rows_cell(&r, name),
                                     db_text(r.s, sheet_col_status()), "", ""};
                stop = fn(&e, arg) != 0;
            }
            if (print && (st = print_add(print, q, &r, err)))
                break;
            continue;
        }
        if (!strcmp(why, "status"))
            c->excluded_status++;
        else if (!strcmp(why, "optout"))
            c->excluded_optout++;
        else if (!strcmp(why, "suspended"))
            c->excluded_suspended++;
        else
            c->excluded_consent++;
        if (fn && !stop) {
            export_excluded e = {sheet_rows_cell(&r, 0), sheet_rows_cell(&r, name),
                                 db_text(r.s, sheet_col_status()), why, why_article(why, q)};
            stop = fn(&e, arg) != 0;
        }
    }
    sheet_rows_close(&r);
    if (print && print->n > 1)
        qsort(print->rows, (size_t)print->n, sizeof *print->rows, print_cmp);
    return rc < 0 ? ERR_CODE(err) : st;
}

/* The write step's pass: each member on the sheet of @p print found still on it with the same
 * cells, and recorded (@p rec); *@p changed when one is not. Members who came onto it since
 * are not on this sheet and are left alone. */
static meibo_status sheet_record_checked(meibo_ctx *ctx, const sheet_q *q, sheet_print *print,
                                         const sheet_record *rec, bool *changed, meibo_err *err)
{
    *changed = false;
    sheet_rows r;
    meibo_status st = sheet_rows_open(&r, ctx, q, true, err);
    if (st)
        return st;
    int64_t found = 0;
    int rc;
    while ((rc = sheet_rows_next(&r, err)) == 1) {
        sheet_print_row key = {sqlite3_column_int64(r.s, SHEET_COL_ID), 0};
        const sheet_print_row *was =
            print->n ? bsearch(&key, print->rows, (size_t)print->n, sizeof key, print_cmp) : NULL;
        if (!was)
            continue; /* on the sheet since it was made: not on this one */
        uint64_t h;
        if ((st = row_hash(print, q, &r, &h, err)))
            break;
        if (h != was->hash) {
            *changed = true;
            break;
        }
        found++;
        if ((st = record_one(ctx, q, rec, &r, err)))
            break;
    }
    sheet_rows_close(&r);
    if (rc < 0)
        return ERR_CODE(err);
    if (!st && found != print->n)
        *changed = true; /* one on the sheet is no longer to be on it */
    return st;
}

/* The preview of @p q: the permission, the pledge and (with @p count) the counts. */
static meibo_status preview_fill(meibo_ctx *ctx, const sheet_q *q, export_preview *pv, bool count,
                                 export_excluded_fn fn, void *arg, bool every, meibo_err *err)
{
    memset(pv, 0, sizeof *pv);
    put(pv->columns, sizeof pv->columns, q->columns);
    put(pv->items, sizeof pv->items, q->items_text);
    meibo_status st = permission_find_export(ctx, q->purpose.code, q->recipient_id,
                                             copy_kind(q), &pv->permission_id, err);
    if (st)
        return st;
    pv->needs_approval = !pv->permission_id;
    st = pledge_judge(ctx, q, pv, err);
    return st || !count ? st : sheet_count(ctx, q, &pv->counts, fn, arg, every, NULL, err);
}

static meibo_status preview_run(meibo_ctx *ctx, const export_spec *spec, export_preview *out,
                                export_excluded_fn fn, void *arg, bool every, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "preview an export", err);
    if (st)
        return st;
    sheet_q *q = calloc(1, sizeof *q);
    if (!q)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if (!(st = sheet_check(ctx, spec, q, err)) &&
        !(st = preview_fill(ctx, q, out, true, fn, arg, every, err))) {
        char detail[4096];
        snprintf(detail, sizeof detail,
                 "purpose=%s recipient=%s media=%s columns=%s %s included=%" PRId64
                 " excluded_status=%" PRId64 " excluded_optout=%" PRId64
                 " excluded_consent=%" PRId64,
                 q->purpose.code, q->recipient, media_code(q->media), q->columns, q->filters,
                 out->counts.included, out->counts.excluded_status, out->counts.excluded_optout,
                 out->counts.excluded_consent);
        st = audit_append(ctx, "export.preview", NULL, detail, err);
    }
    sheet_q_free(q);
    free(q);
    return st;
}

meibo_status export_preview_run(meibo_ctx *ctx, const export_spec *spec, export_preview *out,
                                export_excluded_fn fn, void *arg, meibo_err *err)
{
    return preview_run(ctx, spec, out, fn, arg, false, err);
}

meibo_status export_preview_all(meibo_ctx *ctx, const export_spec *spec, export_preview *out,
                                export_excluded_fn fn, void *arg, meibo_err *err)
{
    return preview_run(ctx, spec, out, fn, arg, true, err);
}

/* ---- request, approval -------------------------------------------------------------------- */

static const char sql_insert[] =
    "INSERT INTO exports (purpose, recipient, recipient_key, pledge_id, media, file_copy, "
    "columns, items, f_branch, f_statuses, f_specialist, f_joined_from, f_joined_to, filters, "
    "policy_version, status, included, excluded_status, excluded_optout, excluded_consent, "
    "requested_at, requested_by, recipient_id, permission_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, (SELECT max(version) FROM policy_versions), ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23)";

/* The counts of the request checked into @p q, from a read snapshot outside the write lock (a
 * pass over the members: at a million, seconds nobody else should wait); inside a caller's
 * transaction, from its reads. */
static meibo_status request_count(meibo_ctx *ctx, const export_spec *spec, sheet_q *q,
                                  export_counts *counted, meibo_err *err)
{
    bool snapshot = ctx->tx_depth == 0;
    meibo_status st;
    if ((st = sheet_check(ctx, spec, q, err)) || (snapshot && (st = db_begin_read(ctx, err))))
        return st;
    st = sheet_count(ctx, q, counted, NULL, NULL, false, NULL, err);
    if (snapshot)
        db_end_read(ctx);
    return st;
}

/* The request's row, *@p id its number: ready under the standing @p permission, else pending
 * the chief officer's approval. */
static meibo_status request_insert(meibo_ctx *ctx, const export_spec *spec, const sheet_q *q,
                                   const export_counts *c, int64_t permission, int64_t *id,
                                   meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s)
        return MEIBO_ERR_DB;
    char now[32];
    db_now_text(ctx, now, sizeof now);
    sqlite3_bind_text(s, 1, q->purpose.code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, q->recipient, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, q->recipient_key, -1, SQLITE_STATIC);
    if (q->pledge_id)
        sqlite3_bind_int64(s, 4, q->pledge_id);
    sqlite3_bind_text(s, 5, media_code(q->media), -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 6, q->file_copy);
    sqlite3_bind_text(s, 7, q->columns, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, q->items_text, -1, SQLITE_STATIC);
    if (q->has_branch)
        sqlite3_bind_text(s, 9, q->branch, -1, SQLITE_STATIC);
    if (!check_blank(spec->filter.statuses))
        sqlite3_bind_text(s, 10, q->statuses, -1, SQLITE_STATIC);
    if (q->specialist >= 0)
        sqlite3_bind_int(s, 11, q->specialist);
    if (*q->joined_from)
        sqlite3_bind_text(s, 12, q->joined_from, -1, SQLITE_STATIC);
    if (*q->joined_to)
        sqlite3_bind_text(s, 13, q->joined_to, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 14, q->filters, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 15,
                      export_state_code(permission ? EXPORT_STATE_READY : EXPORT_STATE_PENDING),
                      -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 16, c->included);
    sqlite3_bind_int64(s, 17, c->excluded_status);
    sqlite3_bind_int64(s, 18, c->excluded_optout);
    sqlite3_bind_int64(s, 19, c->excluded_consent);
    sqlite3_bind_text(s, 20, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 21, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 22, q->recipient_id);
    if (permission)
        sqlite3_bind_int64(s, 23, permission);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "recording an export request");
    *id = sqlite3_last_insert_rowid(ctx->db);
    return MEIBO_OK;
}

meibo_status export_request(meibo_ctx *ctx, const export_spec *spec, int64_t *id,
                            export_preview *out, meibo_err *err)
{
    *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "request an export", err);
    if (st)
        return st;
    sheet_q *q = calloc(1, sizeof *q);
    export_preview *pv = calloc(1, sizeof *pv);
    if (!q || !pv) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    /* the counts from a read snapshot; the run counts and records its own */
    export_counts counted;
    if ((st = request_count(ctx, spec, q, &counted, err)) || (st = db_begin(ctx, err)))
        goto out;
    if ((st = preview_fill(ctx, q, pv, false, NULL, NULL, false, err)))
        goto rollback;
    pv->counts = counted;
    if (!pv->pledge_ok) {
        st = meibo_fail_field(err, MEIBO_ERR_DENIED, "pledge", "%s", pv->pledge_problem);
        goto rollback;
    }
    /* every sheet is a copy taken out: ready only under the chief officer's permission, a
     * standing one for this purpose, recipient and medium, else the chief's approval
     * (規程 第16条) */
    int64_t permission = 0;
    if ((st = permission_find_export(ctx, q->purpose.code, q->recipient_id, copy_kind(q),
                                     &permission, err)) ||
        (st = request_insert(ctx, spec, q, &pv->counts, permission, id, err)))
        goto rollback;
    char detail[4096];
    snprintf(detail, sizeof detail,
             "id=%" PRId64 " purpose=%s recipient=%" PRId64 " %s pledge=%" PRId64 " media=%s "
             "file_copy=%d columns=%s %s included=%" PRId64 " permission=%" PRId64,
             *id, q->purpose.code, q->recipient_id, q->recipient, q->pledge_id,
             media_code(q->media), q->file_copy, q->columns, q->filters, pv->counts.included,
             permission);
    if ((st = audit_append(ctx, "export.request", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    if (out)
        *out = *pv;
    goto out;
rollback:
    db_rollback(ctx);
    *id = 0;
out:
    if (q)
        sheet_q_free(q);
    free(q);
    free(pv);
    return st;
}

/* An export row as stored: what export_decide() and export_run() start from. */
typedef struct export_row {
    int64_t id, pledge_id, recipient_id, permission_id;
    char purpose[EXPORT_CODE_LEN], recipient[404], media[16], columns[400], status[16];
    int state; /* export_state of status, -1 unknown */
    char branch[128], statuses[64], joined_from[11], joined_to[11];
    bool has_branch, has_statuses, file_copy;
    int specialist;
} export_row;

static const char sql_row[] =
    "SELECT id, purpose, recipient, pledge_id, media, file_copy, columns, f_branch, f_statuses, "
    "f_specialist, f_joined_from, f_joined_to, status, coalesce(recipient_id, 0), "
    "coalesce(permission_id, 0) FROM exports WHERE id = ?1";

static meibo_status row_load(meibo_ctx *ctx, int64_t id, export_row *r, meibo_err *err)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *s = db_stmt(ctx, sql_row, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        r->id = sqlite3_column_int64(s, 0);
        db_text_copy(r->purpose, sizeof r->purpose, s, 1);
        db_text_copy(r->recipient, sizeof r->recipient, s, 2);
        r->pledge_id = sqlite3_column_int64(s, 3);
        db_text_copy(r->media, sizeof r->media, s, 4);
        r->file_copy = sqlite3_column_int(s, 5) != 0;
        db_text_copy(r->columns, sizeof r->columns, s, 6);
        r->has_branch = sqlite3_column_type(s, 7) != SQLITE_NULL;
        db_text_copy(r->branch, sizeof r->branch, s, 7);
        r->has_statuses = sqlite3_column_type(s, 8) != SQLITE_NULL;
        db_text_copy(r->statuses, sizeof r->statuses, s, 8);
        r->specialist = sqlite3_column_type(s, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 9);
        db_text_copy(r->joined_from, sizeof r->joined_from, s, 10);
        db_text_copy(r->joined_to, sizeof r->joined_to, s, 11);
        db_text_copy(r->status, sizeof r->status, s, 12);
        r->state = export_state_parse(r->status);
        r->recipient_id = sqlite3_column_int64(s, 13);
        r->permission_id = sqlite3_column_int64(s, 14);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return MEIBO_OK;
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading an export");
    return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "there is no export %" PRId64, id);
}

/* The stored export as a spec, checked again by today's rules into @p q. */
static meibo_status row_check(meibo_ctx *ctx, const export_row *r, sheet_q *q, meibo_err *err)
{
    char rid[24];
    snprintf(rid, sizeof rid, "%" PRId64, r->recipient_id);
    export_spec spec = {
        .purpose = r->purpose,
        .recipient = r->recipient_id ? rid : r->recipient,
        .pledge_id = r->pledge_id,
        .media = !strcmp(r->media, "electronic") ? DECIDE_MEDIA_ELECTRONIC : DECIDE_MEDIA_PAPER,
        .file_copy = r->file_copy,
        .columns = r->columns,
        .filter = {r->has_branch ? r->branch : NULL, r->has_statuses ? r->statuses : NULL,
                   r->specialist, *r->joined_from ? r->joined_from : NULL,
                   *r->joined_to ? r->joined_to : NULL},
    };
    return sheet_check(ctx, &spec, q, err);
}

static const char sql_decide[] =
    "UPDATE exports SET status = ?2, decided_at = ?3, decided_by = ?4, decide_comment = ?5, "
    "permission_id = coalesce(?6, permission_id) WHERE id = ?1 AND status = 'pending'";

meibo_status export_decide(meibo_ctx *ctx, int64_t id, bool approve, const char *comment,
                           meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF,
                                   approve ? "approve an export (規程 第16条: the chief "
                                             "officer's prior permission)"
                                           : "deny an export",
                                   err);
    if (st)
        return st;
    if ((st = check_text("comment", comment, 400, !approve, err)))
        return st;
    export_row *r = calloc(1, sizeof *r);
    sheet_q *q = calloc(1, sizeof *q);
    export_preview *pv = calloc(1, sizeof *pv);
    if (!r || !q || !pv) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((st = db_begin(ctx, err)))
        goto out;
    if ((st = row_load(ctx, id, r, err)))
        goto rollback;
    if (r->state != EXPORT_STATE_PENDING) {
        st = meibo_fail_field(err, MEIBO_ERR_CONFLICT, "id",
                              "export %" PRId64 " does not wait for a decision (it is %s)", id,
                              r->status);
        goto rollback;
    }
    int64_t permission = 0;
    if (approve) {
        if ((st = row_check(ctx, r, q, err)) || (st = pledge_judge(ctx, q, pv, err)))
            goto rollback;
        if (!pv->pledge_ok) {
            st = meibo_fail_field(err, MEIBO_ERR_DENIED, "pledge", "%s", pv->pledge_problem);
            goto rollback;
        }
        /* the approval is the chief officer's prior permission for this sheet, on file with
         * its scope and end (規程 第16条) */
        char today[16], until[11], scope[900];
        db_today(ctx, today, sizeof today);
        check_date_add_days(today, EXPORT_PERMISSION_DAYS, until);
        /* words only: the scope is printed in the ledger (no code reaches a letter) */
        snprintf(scope, sizeof scope, "出力番号 %" PRId64 "：%sを%sへ%s", id, q->purpose.name,
                 q->recipient,
                 q->media == DECIDE_MEDIA_ELECTRONIC ? "電子媒体で"
                 : q->file_copy                      ? "ファイルで"
                                                     : "紙で");
        if ((st = permission_for_export(ctx, id, q->purpose.code, q->recipient_id, copy_kind(q),
                                        scope, until, &permission, err)))
            goto rollback;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_decide, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    char now[32];
    db_now_text(ctx, now, sizeof now);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, export_state_code(approve ? EXPORT_STATE_READY : EXPORT_STATE_DENIED),
                      -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, comment ? comment : "", -1, SQLITE_TRANSIENT);
    if (permission)
        sqlite3_bind_int64(s, 6, permission);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording the decision on an export");
        goto rollback;
    }
    char detail[600];
    snprintf(detail, sizeof detail, "id=%" PRId64 " comment=", id);
    text_copy_cut(detail + strlen(detail), sizeof detail - strlen(detail), comment ? comment : "");
    if ((st = audit_append(ctx, approve ? "export.approve" : "export.deny", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    goto out;
rollback:
    db_rollback(ctx);
out:
    if (q)
        sheet_q_free(q);
    free(q);
    free(r);
    free(pv);
    return st;
}

/* ---- the run ------------------------------------------------------------------------------- */

/* A private folder for the files a run makes; removed with everything in it. */
typedef struct run_tmp {
    int lock; /* the folder, flock(2)ed while the run uses it (-1 none) */
    char dir[MEIBO_PATH_MAX];
    char sheet[MEIBO_FILE_PATH_MAX], archive[MEIBO_FILE_PATH_MAX], cover[MEIBO_FILE_PATH_MAX];
    char password[MEIBO_FILE_PATH_MAX];
} run_tmp;

static meibo_status run_tmp_made(run_tmp *t, const char *db_path, meibo_err *err);
static void run_tmp_swept(const char *db_path);

/* The folder of the database @p db_path, opened, for the lock of its run folders. */
static int db_folder_open(const char *db_path)
{
    const char *slash = db_path ? strrchr(db_path, '/') : NULL;
    char dir[MEIBO_PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - db_path) : 1, slash ? db_path : ".");
    if (!*dir)
        snprintf(dir, sizeof dir, "/");
    return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* The run's own folder "DBDIR/.meibo-export-XXXXXX" beside the database (its protected
 * folder, as backup's plain copy): the sheet in the making never lies in a shared /tmp, also
 * when a run is killed and cannot remove it. The folder is flock(2)ed for as long as the run
 * uses it (run_tmp_sweep() leaves it alone), and the database's folder share-locked while it
 * is made, so that a sweep never sees it before its lock. */
static meibo_status run_tmp_make(run_tmp *t, const char *db_path, meibo_err *err)
{
    int dfd = db_folder_open(db_path);
    if (dfd >= 0)
        flock(dfd, LOCK_SH);
    meibo_status st = run_tmp_made(t, db_path, err);
    if (!st && ((t->lock = open(t->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
                flock(t->lock, LOCK_EX | LOCK_NB) != 0)) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: cannot lock it: %s", t->dir, strerror(errno));
        if (t->lock >= 0)
            close(t->lock);
        t->lock = -1;
        rmdir(t->dir);
        t->dir[0] = '\0';
    }
    if (dfd >= 0)
        close(dfd); /* and its lock */
    return st;
}

static meibo_status run_tmp_made(run_tmp *t, const char *db_path, meibo_err *err)
{
    const char *slash = db_path ? strrchr(db_path, '/') : NULL;
    int n = !slash ? snprintf(t->dir, sizeof t->dir, ".meibo-export-XXXXXX")
                   : snprintf(t->dir, sizeof t->dir, "%.*s/.meibo-export-XXXXXX",
                              (int)(slash - db_path), db_path);
    if (n < 0 || (size_t)n >= sizeof t->dir) {
        t->dir[0] = '\0';
        return meibo_fail(err, MEIBO_ERR_IO, "a temporary folder beside %s: the path is too long",
                          db_path);
    }
    if (!mkdtemp(t->dir)) {
        t->dir[0] = '\0';
        return meibo_fail(err, MEIBO_ERR_IO, "a temporary folder beside %s: %s", db_path,
                          strerror(errno));
    }
    snprintf(t->sheet, sizeof t->sheet, "%s/sheet", t->dir);
    snprintf(t->archive, sizeof t->archive, "%s/archive.zip", t->dir);
    snprintf(t->cover, sizeof t->cover, "%s/cover.pdf", t->dir);
    snprintf(t->password, sizeof t->password, "%s/password.pdf", t->dir);
    return MEIBO_OK;
}

/* The folders of runs killed before they could remove theirs (a sheet of members' data may
 * lie in one): shredded and removed by the next run. A folder another run holds locked is in
 * use and left alone (run_tmp_make()). Best effort: what cannot be removed stays for the
 * next. */
static void run_tmp_sweep(const char *db_path)
{
    int dfd = db_folder_open(db_path);
    if (dfd < 0)
        return;
    flock(dfd, LOCK_EX); /* no run folder is being made meanwhile */
    run_tmp_swept(db_path);
    close(dfd);
}

static void run_tmp_swept(const char *db_path)
{
    const char *slash = db_path ? strrchr(db_path, '/') : NULL;
    char dir[MEIBO_PATH_MAX], sub[MEIBO_ENTRY_PATH_MAX];
    char file[MEIBO_ENTRY_PATH_MAX + 300]; /* an entry of an entry */
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - db_path) : 1, slash ? db_path : ".");
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, ".meibo-export-", 14) != 0)
            continue;
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        int lock = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0) { /* a run is using it */
            if (lock >= 0)
                close(lock);
            continue;
        }
        DIR *in = opendir(sub);
        if (!in) {
            close(lock);
            continue;
        }
        struct dirent *f;
        while ((f = readdir(in)))
            if (strcmp(f->d_name, ".") && strcmp(f->d_name, "..")) {
                snprintf(file, sizeof file, "%s/%s", sub, f->d_name);
                process_shred(file);
                unlink(file);
            }
        closedir(in);
        rmdir(sub);
        close(lock);
    }
    closedir(d);
}

static void run_tmp_remove(run_tmp *t)
{
    if (!t->dir[0]) {
        if (t->lock >= 0)
            close(t->lock);
        t->lock = -1;
        return;
    }
    unlink(t->sheet);
    unlink(t->archive);
    unlink(t->cover);
    unlink(t->password);
    rmdir(t->dir); /* libxlsxwriter's temporary files are gone once the workbook is closed */
    t->dir[0] = '\0';
    if (t->lock >= 0)
        close(t->lock);
    t->lock = -1;
}

static meibo_status write_file(const char *path, const char *data, size_t len, meibo_err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    meibo_status st = MEIBO_OK;
    while (len > 0 && !st) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(n < 0 ? errno : EIO));
        else {
            data += n;
            len -= (size_t)n;
        }
    }
    if (close(fd) != 0 && !st)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    return st;
}

/* Deliver the file at @p path (see outbox_put()). */
static meibo_status deliver(meibo_ctx *ctx, const meibo_config *cfg, const char *path,
                            const char *name, const char *title, bool printable,
                            const char *out_path, outbox_delivery *d, meibo_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    meibo_status st = outbox_put(cfg, ctx->path, fd, name, title, printable, out_path, d, err);
    close(fd);
    return st;
}

/* The folder of @p path, resolved ("" when it cannot be). */
static void folder_of(const char *path, char *buf, size_t len)
{
    char dir[MEIBO_FILE_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    char *real = realpath(dir, NULL);
    snprintf(buf, len, "%s", real ? real : "");
    free(real);
}

/* What the cover and password letters say. */
typedef struct run_letters {
    const sheet_q *q;
    const char *pledge_document, *file_name, *sheet_kind;
    int64_t id, rows;
    int pages;
    int64_t permission_id;    /* the chief officer's permission it was made under (第16条) */
} run_letters;

static meibo_status letter_vars(meibo_ctx *ctx, const meibo_config *cfg, const run_letters *l,
                                tmpl_vars *v, meibo_err *err)
{
    const sheet_q *q = l->q;
    int ncat;
    const export_column *cat = export_columns(&ncat);
    meibo_status st;
    if ((st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = tmpl_setf(v, err, "export_no", "%" PRId64, l->id)) ||
        (st = tmpl_set(v, "recipient", q->recipient, err)) ||
        (st = tmpl_set(v, "purpose", q->purpose.name, err)) ||
        (st = tmpl_set(v, "purpose_article", q->purpose.article, err)) ||
        (st = tmpl_set(v, "pledge_no", l->pledge_document ? l->pledge_document : "", err)) ||
        (st = tmpl_setf(v, err, "permission_no", "%" PRId64, l->permission_id)) ||
        (st = tmpl_setf(v, err, "count", "%" PRId64, l->rows)) ||
        (st = tmpl_set(v, "file_name", l->file_name ? l->file_name : "", err)) ||
        (st = tmpl_set(v, "sheet_kind", l->sheet_kind, err)) ||
        (st = tmpl_setf(v, err, "pages", "%d", l->pages)) ||
        (st = tmpl_set_flag(v, "paper", !q->file_copy, err)) ||
        (st = tmpl_set_flag(v, "file_copy", q->file_copy && q->media == DECIDE_MEDIA_PAPER, err)) ||
        (st = tmpl_set_flag(v, "electronic", q->media == DECIDE_MEDIA_ELECTRONIC, err)) ||
        (st = tmpl_set_flag(v, "optout_excluded", q->purpose.optout_excluded, err)))
        return st;
    /* the addressee block, where a 長形3号 window envelope shows it (letter.h): the address the
     * recipients register holds, when it holds one */
    char postal[64] = "", address[604] = "";
    recipient_rec *rec = calloc(1, sizeof *rec);
    meibo_err ignored;
    if (rec && q->recipient_id && !recipient_get(ctx, q->recipient_id, rec, &ignored))
        address_split(rec->address, postal, sizeof postal, address, sizeof address);
    free(rec);
    if ((st = letter_addressee_vars(v, postal, address, q->recipient, "", err)))
        return st;
    char list[EXPORT_MAX_COLUMNS * 48] = "";
    for (int c = 0; c < q->ncols; c++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", c ? "、" : "", cat[q->cols[c]].header);
    }
    return tmpl_set(v, "column_list", list, err);
}

static meibo_status render_letter(meibo_ctx *ctx, const meibo_config *cfg, const char *form,
                                  const tmpl_vars *v, const char *path, meibo_err *err)
{
    char *data = NULL;
    size_t len = 0;
    meibo_status st = letter_render_form(ctx, cfg, form, v, LETTER_PDF, &data, &len, err);
    if (!st)
        st = write_file(path, data, len, err);
    if (data)
        explicit_bzero(data, len);
    free(data);
    return st;
}

/* The password notice (第38条): the password grouped by five for reading off paper. */
static meibo_status password_letter(meibo_ctx *ctx, const meibo_config *cfg,
                                    const run_letters *l, const char *password, const char *path,
                                    meibo_err *err)
{
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    char grouped[64];
    size_t o = 0;
    for (size_t i = 0; password[i] && o + 2 < sizeof grouped; i++) {
        if (i && i % 5 == 0)
            grouped[o++] = ' ';
        grouped[o++] = password[i];
    }
    grouped[o] = '\0';
    meibo_status st = letter_vars(ctx, cfg, l, v, err);
    if (!st)
        st = tmpl_set(v, "password", grouped, err);
    if (!st)
        st = render_letter(ctx, cfg, "export_password.tmpl", v, path, err);
    explicit_bzero(grouped, sizeof grouped);
    tmpl_vars_free(v); /* the value is freed with it */
    return st;
}

static const char sql_done[] =
    "UPDATE exports SET status = 'done', included = ?2, excluded_status = ?3, "
    "excluded_optout = ?4, excluded_consent = ?5, run_at = ?6, run_by = ?7, file_kind = ?8, "
    "file_sha256 = ?9, delivered_to = ?10, excluded_suspended = ?11 "
    "WHERE id = ?1 AND status = 'ready'";

void (*export_run_between)(meibo_ctx *ctx, int64_t id, void *arg);
void *export_run_between_arg;

/* The checks of a run by today's rules, reading only: the export is ready, its recipient
 * passes the gate, the pledge covers it, the chief officer's permission is in force, the
 * files go where they may. Made in the snapshot the sheet is made from, and again in the
 * write step that records it (the caller frees @p q with sheet_q_free()). */
static meibo_status run_check(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                              const char *out_path, export_row *r, sheet_q *q,
                              export_preview *pv, meibo_err *err)
{
    meibo_status st;
    if ((st = row_load(ctx, id, r, err)))
        return st;
    if (r->state != EXPORT_STATE_READY) {
        st = meibo_fail_field(err, MEIBO_ERR_CONFLICT, "id",
                              r->state == EXPORT_STATE_PENDING
                                  ? "export %" PRId64 " waits for the chief officer's approval "
                                    "(規程 第16条: every copy taken out needs prior "
                                    "permission)"
                              : r->state == EXPORT_STATE_DONE
                                  ? "export %" PRId64 " has already been run: request it again "
                                    "for another sheet"
                                  : "export %" PRId64 " was denied by the chief officer",
                              id);
        return st;
    }
    if ((st = row_check(ctx, r, q, err)) || (st = pledge_judge(ctx, q, pv, err)))
        return st;
    if (!pv->pledge_ok) {
        st = meibo_fail_field(err, MEIBO_ERR_DENIED, "pledge", "%s", pv->pledge_problem);
        return st;
    }
    bool permitted = false;
    if (r->permission_id && (st = permission_in_force(ctx, r->permission_id, &permitted, err)))
        return st;
    if (!permitted) {
        st = meibo_fail_field(err, MEIBO_ERR_DENIED, "permission",
                              "export %" PRId64 ": the chief officer's permission %" PRId64
                              " is no longer in force (revoked or past its end, 規程 第16条)",
                              id, r->permission_id);
        return st;
    }
    bool out_given = out_path && *out_path;
    if (out_given && !q->file_copy) {
        st = meibo_fail_field(err, MEIBO_ERR_DENIED, "out",
                              "export %" PRId64 " is on paper: it is printed, and a file copy "
                              "leaving meibo needs the chief officer's prior permission "
                              "(規程 第16条): request it with --copy",
                              id);
        return st;
    }
    bool electronic = q->media == DECIDE_MEDIA_ELECTRONIC;
    char outbox[MEIBO_PATH_MAX];
    outbox_dir(cfg, ctx->path, outbox, sizeof outbox);
    if (electronic && !cfg->printer[0]) {
        /* the password notice goes to the outbox: never into the archive's folder (第38条) */
        char a[MEIBO_FILE_PATH_MAX] = "", b[MEIBO_FILE_PATH_MAX] = "";
        if (out_given)
            folder_of(out_path, a, sizeof a);
        char probe[MEIBO_FILE_PATH_MAX];
        snprintf(probe, sizeof probe, "%s/x", outbox);
        folder_of(probe, b, sizeof b);
        if (!out_given || (*a && *b && !strcmp(a, b)) || (*a && !*b && !strcmp(a, outbox))) {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, "out",
                                  "export %" PRId64 ": with no printer in meibo.conf the password "
                                  "notice goes to the outbox (%s), so the archive must be "
                                  "written elsewhere with --out FILE: the password never lies "
                                  "beside the file (取扱規程 第38条)",
                                  id, outbox);
            return st;
        }
    }
    return MEIBO_OK;
}

/* Does the write step's reading @p q2, @p pv2 of the export make the same sheet and letters
 * as the snapshot's @p q, @p pv (the recipient's register entry, the purpose, the pledge)? */
static bool same_sheet(const sheet_q *q, const export_preview *pv, const sheet_q *q2,
                       const export_preview *pv2)
{
    return q->recipient_id == q2->recipient_id && !strcmp(q->recipient, q2->recipient) &&
           !strcmp(q->recipient_category, q2->recipient_category) &&
           !strcmp(q->purpose.name, q2->purpose.name) &&
           !strcmp(q->purpose.article, q2->purpose.article) &&
           !strcmp(q->purpose.consents, q2->purpose.consents) &&
           q->purpose.optout_excluded == q2->purpose.optout_excluded &&
           !strcmp(q->columns, q2->columns) && !strcmp(q->items_text, q2->items_text) &&
           !strcmp(q->statuses, q2->statuses) && q->media == q2->media &&
           q->file_copy == q2->file_copy && q->pledge_id == q2->pledge_id &&
           !strcmp(pv->pledge_document, pv2->pledge_document);
}

/* What one try of export_run() holds: the snapshot's reading of the export and the write
 * step's, what the sheet shows of each member on it, its files in the making, the archive's
 * password. */
typedef struct run_try {
    int64_t id;
    const char *out_path;       /* NULL or "": the outbox */
    bool out_given, electronic;
    export_row r, r2;           /* the snapshot's reading, the write step's */
    sheet_q q, q2;
    export_preview pv, pv2;
    run_tmp tmp;
    char password[PASSWORD_LEN + 1];
    sheet_print print;
    const char *final;          /* the file given out: the sheet, or its archive */
    char sheet_name[64], file_name[80];
    int64_t rows;
    int pages;
} run_try;

/* 1a. The counts, what the sheet shows of each member on it and the sheet (a PDF on paper, an
 * xlsx for a file copy, in an encrypted archive for electronic media), from the snapshot. */
static meibo_status run_make_sheet(meibo_ctx *ctx, const meibo_config *cfg, run_try *t,
                                   export_result *res, meibo_err *err)
{
    const sheet_q *q = &t->q;
    int64_t id = t->id;
    meibo_status st;
    if ((st = sheet_count(ctx, q, &res->counts, NULL, NULL, false, &t->print, err)))
        return st;
    char title[400];
    snprintf(title, sizeof title, "%s (出力番号 %" PRId64 ")", q->purpose.name, id);
    sheet_meta meta = {title, cfg->society_name, q->recipient, t->pv.pledge_document, id,
                       db_now(ctx)};
    t->final = t->tmp.sheet;
    if (q->file_copy) {
        snprintf(t->sheet_name, sizeof t->sheet_name, "export-%" PRId64 ".xlsx", id);
        if ((st = sheet_write_xlsx(ctx, q, &meta, t->tmp.sheet, t->tmp.dir, &t->rows, err)))
            return st;
        snprintf(res->file_kind, sizeof res->file_kind, "xlsx");
        if (t->electronic) {
            if ((st = sheet_password(t->password, sizeof t->password, err)) ||
                (st = sheet_zip(t->tmp.sheet, t->sheet_name, t->tmp.archive, t->password, err)))
                return st;
            t->final = t->tmp.archive;
            snprintf(res->file_kind, sizeof res->file_kind, "zip");
        }
    } else {
        char *pdf = NULL;
        size_t len = 0;
        snprintf(t->sheet_name, sizeof t->sheet_name, "export-%" PRId64 "-sheet.pdf", id);
        st = sheet_write_pdf(ctx, q, &meta, &pdf, &len, &t->pages, err);
        if (!st)
            st = write_file(t->tmp.sheet, pdf, len, err);
        free(pdf);
        if (st)
            return st;
        t->rows = res->counts.included;
        snprintf(res->file_kind, sizeof res->file_kind, "pdf");
    }
    if (t->rows != res->counts.included)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "export %" PRId64 ": %" PRId64 " rows on the sheet but %" PRId64
                          " members counted", id, t->rows, res->counts.included);
    return sheet_sha256(t->final, res->sha256, err);
}

/* 1b. The letters, from the snapshot: the cover, and for electronic media the password notice
 * (the password is wiped once the notice is made). */
static meibo_status run_make_letters(meibo_ctx *ctx, const meibo_config *cfg, run_try *t,
                                     export_result *res, meibo_err *err)
{
    const sheet_q *q = &t->q;
    bool electronic = t->electronic;
    snprintf(t->file_name, sizeof t->file_name, "export-%" PRId64 ".%s", t->id,
             electronic ? "zip" : q->file_copy ? "xlsx" : "pdf");
    run_letters lv = {q, t->pv.pledge_document, t->file_name,
                      electronic ? "暗号化ZIPファイル" : q->file_copy ? "Excelファイル" : "紙",
                      t->id, t->rows, t->pages, t->r.permission_id};
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    meibo_status st = letter_vars(ctx, cfg, &lv, v, err);
    if (!st)
        st = render_letter(ctx, cfg, "export_cover.tmpl", v, t->tmp.cover, err);
    tmpl_vars_free(v);
    if (!st && electronic) {
        st = password_letter(ctx, cfg, &lv, t->password, t->tmp.password, err);
        res->password_letter = !st;
    }
    explicit_bzero(t->password, sizeof t->password);
    return st;
}

/* 2a. In the write step, after run_check(): the sheet is still the one made (the recipient,
 * purpose, pledge and permission the same), and a provision and an access-log row are recorded
 * for each member on it, unless one of them changed meanwhile. *@p again when either changed:
 * nothing is recorded. */
static meibo_status run_record(meibo_ctx *ctx, run_try *t, bool *again, meibo_err *err)
{
    const sheet_q *q = &t->q;
    int64_t id = t->id;
    if (!same_sheet(q, &t->pv, &t->q2, &t->pv2) || t->r.permission_id != t->r2.permission_id) {
        *again = true;
        return meibo_fail(err, MEIBO_ERR_CONFLICT,
                          "export %" PRId64 ": its recipient, purpose or pledge changed while "
                          "the sheet was made: nothing was recorded or delivered",
                          id);
    }
    char basis[400], detail[64];
    snprintf(basis, sizeof basis, "%s; %s; 出力番号 %" PRId64, q->purpose.article,
             t->electronic ? "取扱規程 第5条, 第38条; 規程 第16条" : "取扱規程 第6条; 規程 第16条",
             id);
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    sheet_record rec = {id, basis, detail, NULL};
    bool changed = false;
    meibo_status st;
    if ((st = audit_batch_begin(ctx, &rec.ab, err)))
        return st;
    st = sheet_record_checked(ctx, q, &t->print, &rec, &changed, err);
    if (!st && !changed)
        st = audit_batch_flush(rec.ab, err);
    audit_batch_free(rec.ab);
    if (st)
        return st;
    if (changed) {
        *again = true;
        return meibo_fail(err, MEIBO_ERR_CONFLICT,
                          "export %" PRId64 ": a member on the sheet changed while it was "
                          "made (an edit, an opt-out, 第20条第5項): nothing was recorded or "
                          "delivered",
                          id);
    }
    return MEIBO_OK;
}

/* 2b. Deliver: the sheet (printed, or the file), the cover letter, the password notice. */
static meibo_status run_deliver(meibo_ctx *ctx, const meibo_config *cfg, const run_try *t,
                                export_result *res, meibo_err *err)
{
    const sheet_q *q = &t->q;
    int64_t id = t->id;
    char job[80], name[80];
    snprintf(job, sizeof job, "meibo export %" PRId64, id);
    if (q->file_copy)
        snprintf(name, sizeof name, "%s", t->file_name);
    else
        snprintf(name, sizeof name, "%s", t->sheet_name);
    meibo_status st;
    if ((st = deliver(ctx, cfg, t->final, name, job, !q->file_copy,
                      t->out_given ? t->out_path : NULL, &res->sheet, err)))
        return st;
    snprintf(name, sizeof name, "export-%" PRId64 "-cover.pdf", id);
    if ((st = deliver(ctx, cfg, t->tmp.cover, name, job, true, NULL, &res->cover, err)))
        return st;
    if (t->electronic) {
        snprintf(name, sizeof name, "export-%" PRId64 "-password.pdf", id);
        snprintf(job, sizeof job, "meibo export %" PRId64 " password", id);
        if ((st = deliver(ctx, cfg, t->tmp.password, name, job, true, NULL, &res->password, err)))
            return st;
    }
    return MEIBO_OK;
}

/* 2c. The export record: done, with its counts, the file's digest and where everything went;
 * its access-log row ("export.run"). */
static meibo_status run_mark_done(meibo_ctx *ctx, const run_try *t, const export_result *res,
                                  meibo_err *err)
{
    const sheet_q *q = &t->q;
    int64_t id = t->id;
    bool electronic = t->electronic;
    char now[32], where[3 * MEIBO_WHERE_MAX + 200]; /* the sheet's, the cover's, the password's */
    db_now_text(ctx, now, sizeof now);
    snprintf(where, sizeof where, "sheet: %s; cover: %s%s%s", res->sheet.where, res->cover.where,
             electronic ? "; password: " : "", electronic ? res->password.where : "");
    sqlite3_stmt *s = db_stmt(ctx, sql_done, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, res->counts.included);
    sqlite3_bind_int64(s, 3, res->counts.excluded_status);
    sqlite3_bind_int64(s, 4, res->counts.excluded_optout);
    sqlite3_bind_int64(s, 5, res->counts.excluded_consent);
    sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, res->file_kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, res->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, where, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 11, res->counts.excluded_suspended);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE || sqlite3_changes(ctx->db) != 1)
        return rc != SQLITE_DONE ? db_fail(ctx, err, "recording the export")
                                 : meibo_fail(err, MEIBO_ERR_CONFLICT,
                                              "export %" PRId64 " changed meanwhile", id);
    char detail[8192];
    snprintf(detail, sizeof detail,
             "id=%" PRId64 " purpose=%s recipient=%s pledge=%" PRId64 " media=%s file=%s "
             "sha256=%s included=%" PRId64 " excluded_status=%" PRId64 " excluded_optout=%" PRId64
             " excluded_consent=%" PRId64 " excluded_suspended=%" PRId64 " %s",
             id, q->purpose.code, q->recipient, q->pledge_id, media_code(q->media),
             res->file_kind, res->sha256, res->counts.included, res->counts.excluded_status,
             res->counts.excluded_optout, res->counts.excluded_consent,
             res->counts.excluded_suspended, where);
    return audit_append(ctx, "export.run", NULL, detail, err);
}

/* One try of export_run(): the sheet and its letters made from a read snapshot, outside the
 * write lock; then a short write step that checks again what the sheet relied on, records a
 * provision and an access-log row per member on it, delivers and marks the export done. When
 * the members on the sheet changed in between, nothing is recorded or delivered and *@p again
 * is set: the sheet is made anew. */
static meibo_status run_once(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                             const char *out_path, export_result *res, bool *again,
                             meibo_err *err)
{
    *again = false;
    memset(res, 0, sizeof *res);
    res->id = id;
    run_try *t = calloc(1, sizeof *t);
    if (!t)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    t->id = id;
    t->out_path = out_path;
    t->out_given = out_path && *out_path;
    t->tmp.lock = -1;
    bool reading = false, writing = false;
    meibo_status st;

    /* 1. the sheet and the letters, from one read snapshot: nobody waits for it */
    if ((st = db_begin_read(ctx, err)))
        goto out;
    reading = true;
    if ((st = run_check(ctx, cfg, id, out_path, &t->r, &t->q, &t->pv, err)))
        goto out;
    t->electronic = t->q.media == DECIDE_MEDIA_ELECTRONIC;
    run_tmp_sweep(ctx->path);
    if ((st = run_tmp_make(&t->tmp, ctx->path, err)) ||
        (st = run_make_sheet(ctx, cfg, t, res, err)) ||
        (st = run_make_letters(ctx, cfg, t, res, err)))
        goto out;
    db_end_read(ctx);
    reading = false;
    if (export_run_between)
        export_run_between(ctx, id, export_run_between_arg);

    /* 2. the record: a short write step, which checks that nothing the sheet relied on has
     * changed (the export still ready, the recipient, the pledge and the permission still good,
     * every member on the sheet still on it with the same data: no edit, no opt-out
     * 第20条第5項, no suspension 第23条第2項 meanwhile), delivers and marks the export done */
    if ((st = db_begin(ctx, err)))
        goto out;
    writing = true;
    if ((st = run_check(ctx, cfg, id, out_path, &t->r2, &t->q2, &t->pv2, err)) ||
        (st = run_record(ctx, t, again, err)) || (st = run_deliver(ctx, cfg, t, res, err)) ||
        (st = run_mark_done(ctx, t, res, err)) || (st = db_commit(ctx, err)))
        goto out;
    writing = false;
out:
    explicit_bzero(t->password, sizeof t->password);
    if (reading)
        db_end_read(ctx);
    if (writing)
        db_rollback(ctx);
    run_tmp_remove(&t->tmp);
    sheet_print_free(&t->print);
    sheet_q_free(&t->q);
    sheet_q_free(&t->q2);
    free(t);
    return st;
}

meibo_status export_run(meibo_ctx *ctx, const meibo_config *cfg, int64_t id, const char *out_path,
                        export_result *res, meibo_err *err)
{
    memset(res, 0, sizeof *res);
    res->id = id;
    meibo_status st;
    if ((st = auth_require(ctx, MEIBO_ROLE_CLERK, "run an export", err)) ||
        (st = letter_settings_check(cfg, err)))
        return st;
    if (ctx->tx_depth > 0)
        return meibo_fail(err, MEIBO_ERR_DB, "export run inside a transaction");
    bool again = true;
    for (int t = 1; again; t++) {
        st = run_once(ctx, cfg, id, out_path, res, &again, err);
        res->tries = t;
        if (again && t == EXPORT_RUN_TRIES) {
            char why[sizeof err->msg];
            snprintf(why, sizeof why, "%s", err ? err->msg : "");
            return meibo_fail(err, MEIBO_ERR_CONFLICT, "%s (%d times): run it again", why, t);
        }
    }
    return st;
}

/* ---- states --------------------------------------------------------------------------------- */

static const char *const states[] = {
#define EXPORT_S_ROW(id, code) code,
    EXPORT_STATES(EXPORT_S_ROW)
#undef EXPORT_S_ROW
};

int export_state_parse(const char *code)
{
    return CHECK_CODE_INDEX(states, EXPORT_STATE__COUNT, code);
}

const char *export_state_code(export_state s)
{
    return (unsigned)s < EXPORT_STATE__COUNT ? states[s] : "";
}

/* ---- reading ------------------------------------------------------------------------------- */

#define EXPORT_SELECT                                                                         \
    "SELECT e.id, e.purpose, coalesce(p.name, ''), e.recipient, e.media, e.columns, e.items, " \
    "e.filters, e.status, e.requested_at, e.requested_by, e.decided_at, e.decided_by, "      \
    "e.decide_comment, e.run_at, e.run_by, e.file_kind, e.file_sha256, e.delivered_to, "     \
    "coalesce(g.document_no, ''), e.pledge_id, e.policy_version, e.file_copy, e.included, "  \
    "e.excluded_status, e.excluded_optout, e.excluded_consent, e.excluded_suspended "        \
    "FROM exports e LEFT JOIN export_purposes p ON p.code = e.purpose "                      \
    "LEFT JOIN pledges g ON g.id = e.pledge_id "

static const char sql_list[] =
    EXPORT_SELECT "WHERE ?1 IS NULL OR e.status = ?1 ORDER BY e.id DESC";
static const char sql_one[] = EXPORT_SELECT "WHERE e.id = ?1";

static const char *opt(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static meibo_status info_rows(meibo_ctx *ctx, sqlite3_stmt *s, export_info_fn fn, void *arg,
                              int *n, meibo_err *err)
{
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        (*n)++;
        export_info e = {
            .id = sqlite3_column_int64(s, 0), .purpose = db_text(s, 1),
            .purpose_name = db_text(s, 2),
            .recipient = db_text(s, 3), .media = db_text(s, 4), .columns = db_text(s, 5),
            .items = db_text(s, 6), .filters = db_text(s, 7), .status = db_text(s, 8),
            .requested_at = db_text(s, 9), .requested_by = db_text(s, 10), .decided_at = opt(s, 11),
            .decided_by = opt(s, 12), .decide_comment = db_text(s, 13), .run_at = opt(s, 14),
            .run_by = opt(s, 15), .file_kind = opt(s, 16), .file_sha256 = opt(s, 17),
            .delivered_to = db_text(s, 18), .pledge_document = db_text(s, 19),
            .pledge_id = sqlite3_column_int64(s, 20), .policy_version = sqlite3_column_int64(s, 21),
            .file_copy = sqlite3_column_int(s, 22) != 0,
            .counts = {sqlite3_column_int64(s, 23), sqlite3_column_int64(s, 24),
                       sqlite3_column_int64(s, 25), sqlite3_column_int64(s, 26),
                       sqlite3_column_int64(s, 27)},
        };
        if (fn(&e, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the exports");
}

meibo_status export_list(meibo_ctx *ctx, const char *status, export_info_fn fn, void *arg,
                         meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the exports", err);
    if (st)
        return st;
    if (status && export_state_parse(status) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "status",
                                "status: pending, ready, denied or done");
    sqlite3_stmt *s = db_stmt(ctx, sql_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    if (status)
        sqlite3_bind_text(s, 1, status, -1, SQLITE_TRANSIENT);
    int n;
    return info_rows(ctx, s, fn, arg, &n, err);
}

meibo_status export_show(meibo_ctx *ctx, int64_t id, export_info_fn fn, void *arg,
                         meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read an export", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_one, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int n;
    if ((st = info_rows(ctx, s, fn, arg, &n, err)))
        return st;
    return n ? MEIBO_OK
             : meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "there is no export %" PRId64, id);
}

/* ---- for tests and the benchmark ------------------------------------------------------------ */

#ifdef TESTING
meibo_status export_sheet_xlsx(meibo_ctx *ctx, const export_spec *spec,
                               const export_sheet_meta *meta, const char *path,
                               export_counts *counts, meibo_err *err)
{
    sheet_q *q = calloc(1, sizeof *q);
    if (!q)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = sheet_check(ctx, spec, q, err);
    int64_t rows = 0;
    sheet_meta m = {meta->title, meta->author, meta->recipient, meta->pledge_document,
                    meta->export_id, meta->created};
    if (!st)
        st = sheet_write_xlsx(ctx, q, &m, path, NULL, &rows, err);
    if (counts) {
        memset(counts, 0, sizeof *counts);
        counts->included = rows;
    }
    sheet_q_free(q);
    free(q);
    return st;
}

meibo_status export_zip_encrypt(const char *src, const char *entry, const char *dst,
                                const char *password, meibo_err *err)
{
    return sheet_zip(src, entry, dst, password, err);
}

meibo_status export_password(char *buf, size_t len, meibo_err *err)
{
    return sheet_password(buf, len, err);
}
#endif

/* ---- keyset pages: export_list() a page at a time (the TUI's list view) -------------------- */

/* Every export after (?1 = 0: from the newest) or before (from the oldest) export ?1 in the
 * list's order, newest first; at most ?2. */
static const char sql_page_older[] =
    EXPORT_SELECT "WHERE ?1 = 0 OR e.id < ?1 ORDER BY e.id DESC LIMIT ?2";
static const char sql_page_newer[] =
    EXPORT_SELECT "WHERE ?1 = 0 OR e.id > ?1 ORDER BY e.id LIMIT ?2";

meibo_status export_page(meibo_ctx *ctx, int64_t after_id, bool backward, int limit,
                         export_info_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the exports", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, backward ? sql_page_newer : sql_page_older, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, after_id > 0 ? after_id : 0);
    sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
    int n;
    return info_rows(ctx, s, fn, arg, &n, err);
}
