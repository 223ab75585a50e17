/* stats_letter.c: the cover letter of anonymised data and a statistics table's printed page. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/stats.h"
#include "meibo/stats_letter.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

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
        st = letter_render(ctx, cfg, v, out, err);
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
