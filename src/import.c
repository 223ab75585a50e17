/* import.c: the member CSV importer (all-or-nothing, streamed, inside one transaction). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/bulk.h"
#include "meibo/import.h"
#include "meibo/member.h"

#define IMPORT_MAX_REPORTS 1000

typedef struct importer {
    const char *path;
    import_report_fn report;
    void *arg;
    long reported;
    int col_field[128];     /* column → member field, -1 none */
    char *col_name[128];    /* the header's text, owned */
    size_t ncols;
} importer;

static void report(importer *im, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(importer *im, long line, const char *field, const char *fmt, ...)
{
    if (++im->reported > IMPORT_MAX_REPORTS || !im->report)
        return;
    meibo_err e;
    meibo_err_clear(&e);
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    e.code = MEIBO_ERR_INVALID;
    e.line = line;
    snprintf(e.field, sizeof e.field, "%s", field ? field : "");
    snprintf(e.msg, sizeof e.msg, "%s:%ld: %s", im->path, line, what);
    im->report(&e, im->arg);
}

/* Map the header row to member fields; report unknown, duplicate and missing columns. */
static bool read_header(importer *im, const csv_record *rec)
{
    bool ok = true;
    bool seen[MF__COUNT] = {false};
    if (rec->nfields > sizeof im->col_field / sizeof *im->col_field) {
        report(im, rec->line, NULL, "too many columns (%zu)", rec->nfields);
        return false;
    }
    im->ncols = rec->nfields;
    for (size_t c = 0; c < rec->nfields; c++) {
        int f = member_field_find(rec->fields[c]);
        im->col_field[c] = f;
        im->col_name[c] = strdup(rec->fields[c]);
        if (f < 0) {
            report(im, rec->line, NULL, "column %zu: unknown header '%s'", c + 1, rec->fields[c]);
            ok = false;
        } else if (seen[f]) {
            report(im, rec->line, member_field_get(f)->name, "column %zu: '%s' appears twice",
                   c + 1, rec->fields[c]);
            ok = false;
        } else {
            seen[f] = true;
        }
    }
    for (int f = 0; f < MF__COUNT; f++) {
        const member_field_info *fi = member_field_get((member_field)f);
        if ((fi->flags & MF_REQUIRED) && !seen[f]) {
            report(im, rec->line, fi->name, "required column '%s' (%s) is missing", fi->name, fi->ja);
            ok = false;
        }
    }
    return ok;
}

/* The header text of the column holding field f (for messages). */
static const char *column_of(const importer *im, const char *field, size_t *col)
{
    int f = member_field_find(field);
    for (size_t c = 0; c < im->ncols; c++)
        if (im->col_field[c] == f) {
            *col = c + 1;
            return im->col_name[c];
        }
    *col = 0;
    return field;
}

typedef struct import_src {
    importer *im;
    csv_reader *r;
    import_stats *stats;
} import_src;

/* The worker thread: each CSV record becomes a member (or a refusal) for bulk_load(). */
static meibo_status import_source(bulk *b, void *arg, meibo_err *err)
{
    import_src *src = arg;
    meibo_member m;
    member_init(&m);
    csv_record rec;
    meibo_err e;
    meibo_status st = MEIBO_OK;
    for (;;) {
        meibo_err_clear(&e);
        meibo_status rs = csv_next(src->r, &rec, &e);
        if (rs == MEIBO_ERR_NOT_FOUND)
            break;
        if (rs) { /* a broken quote makes the rest unreadable: report it and stop */
            e.code = MEIBO_ERR_INVALID;
            st = bulk_reject(b, e.line, &e);
            break;
        }
        src->stats->rows++;
        if (rec.nfields != src->im->ncols) {
            meibo_fail(&e, MEIBO_ERR_INVALID, "%zu fields, the header has %zu", rec.nfields,
                       src->im->ncols);
            if ((st = bulk_reject(b, rec.line, &e)))
                break;
            continue;
        }
        for (size_t c = 0; c < rec.nfields && rs == MEIBO_OK; c++)
            rs = member_set(&m, (member_field)src->im->col_field[c], rec.fields[c], &e);
        if (rs) {
            st = rs;
            *err = e;
            break;
        }
        if ((st = bulk_push(b, &m, rec.line)))
            break;
    }
    member_clear(&m);
    return st;
}

/* A refused row, on the calling thread: report it with its line and column. */
static void import_reject(long line, const meibo_err *e, void *arg)
{
    importer *im = arg;
    size_t col = 0;
    const char *name = e->field[0] ? column_of(im, e->field, &col) : NULL;
    if (name && col)
        report(im, line, e->field, "column %zu '%s': %s", col, name, e->msg);
    else
        report(im, line, e->field, "%s", e->msg);
}

meibo_status import_members(meibo_ctx *ctx, const char *path, csv_encoding enc, bool dry_run,
                            import_report_fn report_fn, void *arg, import_stats *stats,
                            meibo_err *err)
{
    memset(stats, 0, sizeof *stats);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "import members", err);
    if (st)
        return st;
    csv_reader *r = NULL;
    importer im = {.path = path, .report = report_fn, .arg = arg};
    /* streamed: memory does not grow with the file; the caps and the encoding first */
    if ((st = csv_reader_open(path, enc, &r, &stats->encoding, err)))
        return st;
    csv_record rec;
    meibo_err e;
    meibo_err_clear(&e);
    st = csv_next(r, &rec, &e);
    if (st == MEIBO_ERR_NOT_FOUND) {
        st = meibo_fail(err, MEIBO_ERR_INVALID, "%s: the file is empty (a header row is required)",
                        path);
        goto out;
    }
    if (st) {
        *err = e;
        goto out;
    }
    if (!read_header(&im, &rec)) {
        st = meibo_fail(err, MEIBO_ERR_INVALID, "%s: the header row is not a member CSV", path);
        goto out;
    }
    if ((st = db_begin(ctx, err)))
        goto out;
    import_src src = {&im, r, stats};
    bulk_result res;
    st = bulk_load_from(ctx, path, import_source, &src, import_reject, &im, 0, &res, err);
    stats->bad += res.rejected;
    if (st) {
        db_rollback(ctx);
        goto out;
    }
    if (stats->bad) {
        db_rollback(ctx);
        if (im.reported > IMPORT_MAX_REPORTS && report_fn) {
            meibo_err more;
            meibo_err_clear(&more);
            snprintf(more.msg, sizeof more.msg, "%s: … and %ld more problems", path,
                     im.reported - IMPORT_MAX_REPORTS);
            report_fn(&more, arg);
        }
        st = meibo_fail(err, MEIBO_ERR_INVALID, "%s: %ld of %ld rows are bad; nothing was imported",
                        path, stats->bad, stats->rows);
        goto out;
    }
    stats->optouts = res.optouts;
    if (dry_run) {
        db_rollback(ctx);
        goto out;
    }
    char detail[1200];
    snprintf(detail, sizeof detail, "file=%s encoding=%s rows=%ld optouts=%ld", path,
             csv_encoding_name(stats->encoding), stats->rows, res.optouts);
    if ((st = audit_append(ctx, "import", NULL, detail, err)) || (st = db_commit(ctx, err))) {
        db_rollback(ctx);
        goto out;
    }
    stats->imported = stats->rows;
out:
    for (size_t c = 0; c < im.ncols; c++)
        free(im.col_name[c]);
    csv_reader_free(r);
    return st;
}
