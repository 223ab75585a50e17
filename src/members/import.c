/* import.c: the member CSV importer (all-or-nothing, streamed, inside one transaction). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/bulk.h"
#include "meibo/import.h"
#include "meibo/member.h"
#include "meibo/roster.h"

#define IMPORT_MAX_REPORTS 1000
/* Bytes of a typical member row in a sheet's CSV, to weigh a file against the registry. */
#define IMPORT_ROW_BYTES 200

/* Member numbers by their length in digits (1..10): how many, and the first lines of each,
 * so that rows shorter than the longest can be named at the end in memory that does not grow
 * with the file. */
#define ZEROS_LINES 20
typedef struct no_lengths {
    long count[11];
    long line[11][ZEROS_LINES];
    char value[11][ZEROS_LINES][12];
    int header_col; /* 1-based column of member_no */
} no_lengths;

typedef struct importer {
    const char *path;
    import_report_fn report;
    void *arg;
    long reported;
    const import_opts *opts;
    csv_encoding enc;
    int col_field[IMPORT_MAX_COLS];  /* column → member field, -1 none (ignored) */
    char *col_name[IMPORT_MAX_COLS]; /* the header's text, owned */
    size_t ncols;                    /* columns of the header row */
    size_t nused;                    /* columns up to the last non-empty header */
    no_lengths lengths;
} importer;

/* The file-level words in the clerk's language. */
#define L(im, en_, ja_) ((im)->opts->ja ? (ja_) : (en_))

static void report(importer *im, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(importer *im, long line, const char *field, const char *fmt, ...)
{
    if (line == 0) { /* not about one line: the message as it is, after the file */
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
        snprintf(e.msg, sizeof e.msg, "%s: %s", im->path, what);
        im->report(&e, im->arg);
        return;
    }
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

/* The known column names, a few to a line (under the size of a message). */
static void report_known_columns(importer *im)
{
    const char *prefix = L(im, "known columns (English or Japanese): ", "使える列名（英語名・日本語名）: ");
    char list[480];
    size_t n = 0;
    for (int f = 0; f < MF__COUNT; f++) {
        const member_field_info *fi = member_field_get((member_field)f);
        char one[96];
        int k = snprintf(one, sizeof one, "%s (%s)", fi->name, fi->ja);
        if (n && n + (size_t)k + 2 >= sizeof list) {
            report(im, 0, NULL, "%s%s", prefix, list);
            n = 0;
        }
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", one);
    }
    if (n)
        report(im, 0, NULL, "%s%s", prefix, list);
}

/* Map the header row to member fields; report unknown, duplicate and missing columns. Empty
 * headers at the end are the columns a sheet writes when a cell to the right holds a space:
 * ignored. */
static bool read_header(importer *im, const csv_record *rec, import_stats *stats)
{
    bool ok = true, unknown = false;
    bool seen[MF__COUNT] = {false};
    if (rec->nfields > IMPORT_MAX_COLS) {
        report(im, rec->line, NULL, "too many columns (%zu)", rec->nfields);
        return false;
    }
    im->ncols = rec->nfields;
    im->nused = 0;
    for (size_t c = 0; c < rec->nfields; c++) {
        const char *h = rec->fields[c];
        h += strspn(h, " \t");
        if (*h)
            im->nused = c + 1;
    }
    stats->ncols = rec->nfields;
    for (size_t c = 0; c < rec->nfields; c++) {
        int f = c < im->nused ? member_field_find(rec->fields[c]) : -1;
        im->col_field[c] = f;
        im->col_name[c] = strdup(rec->fields[c]);
        import_column *ic = &stats->cols[c];
        size_t hl = strlen(rec->fields[c]);
        if (hl >= sizeof ic->header) {
            hl = sizeof ic->header - 1;
            while (hl && ((unsigned char)rec->fields[c][hl] & 0xC0) == 0x80)
                hl--;
        }
        memcpy(ic->header, rec->fields[c], hl);
        ic->header[hl] = '\0';
        ic->field = f;
        ic->empty = c >= im->nused;
        if (c >= im->nused)
            continue;
        if (f < 0) {
            if (im->opts->ignore_unknown) {
                stats->ignored++;
                continue;
            }
            report(im, rec->line, NULL,
                   L(im, "column %zu: unknown header '%s' (--ignore-unknown imports the other columns)",
                     "%zu列目: 「%s」という列名はありません（--ignore-unknown でほかの列だけを取り込めます）"),
                   c + 1, rec->fields[c]);
            ok = false;
            unknown = true;
        } else if (seen[f]) {
            report(im, rec->line, member_field_get(f)->name, "column %zu: '%s' appears twice",
                   c + 1, rec->fields[c]);
            ok = false;
        } else {
            seen[f] = true;
            if (f == MF_MEMBER_NO)
                im->lengths.header_col = (int)c + 1;
        }
    }
    if (unknown)
        report_known_columns(im);
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

/* The digits of a number as a sheet writes it (ASCII or full-width, spaces around, an
 * optional 〒 before): their count, or -1 when anything else is in it. */
static int digit_count(const char *s, bool postal, char *out, size_t outlen)
{
    static const char fw0[] = "\xEF\xBC\x90"; /* ０ */
    int n = 0;
    s += strspn(s, " ");
    if (postal && !strncmp(s, "〒", strlen("〒")))
        s += strlen("〒");
    for (; *s && *s != ' '; ) {
        char d;
        if (*s >= '0' && *s <= '9')
            d = *s++;
        else if (!strncmp(s, fw0, 2) && (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
            d = (char)('0' + ((unsigned char)s[2] - 0x90)), s += 3;
        else
            return -1;
        if ((size_t)n + 1 < outlen)
            out[n] = d, out[n + 1] = '\0';
        n++;
    }
    s += strspn(s, " ");
    return *s ? -1 : n;
}

/* What the spreadsheet lost before meibo saw the row (規程 第12条第2項): a '?' for a character
 * CP932 cannot hold, a postal code whose leading 0 was dropped. Fills @p e and returns false. */
static bool row_intact(importer *im, const csv_record *rec, meibo_err *e)
{
    for (size_t c = 0; c < im->nused && c < rec->nfields; c++) {
        int f = im->col_field[c];
        if (f < 0)
            continue;
        const char *v = rec->fields[c];
        const member_field_info *fi = member_field_get((member_field)f);
        if (im->enc == CSV_ENC_CP932 && strchr(v, '?') &&
            (fi->kind == MK_NAME || fi->kind == MK_KANA || fi->kind == MK_ROMAN ||
             f == MF_HOME_ADDRESS || f == MF_FACILITY_NAME || f == MF_FACILITY_ADDRESS)) {
            meibo_fail_reason(e, MEIBO_ERR_INVALID, fi->name, MEIBO_REASON_CP932_LOST, v, NULL,
                              "'%s' holds '?', which a spreadsheet writes for a character CP932 "
                              "cannot hold: save the sheet as CSV UTF-8 and import that", v);
            return false;
        }
        char digits[16];
        if (fi->kind == MK_POSTAL && digit_count(v, true, digits, sizeof digits) == 6) {
            meibo_fail_reason(e, MEIBO_ERR_INVALID, fi->name, MEIBO_REASON_POSTAL_ZEROS, v, NULL,
                              "'%s' has 6 digits: a leading 0 lost (column formatted as numbers)",
                              v);
            return false;
        }
        if (f == MF_MEMBER_NO) {
            int n = digit_count(v, false, digits, sizeof digits);
            if (n >= 1 && n <= 10) {
                long k = im->lengths.count[n]++;
                if (k < ZEROS_LINES) {
                    im->lengths.line[n][k] = rec->line;
                    memcpy(im->lengths.value[n][k], digits, (size_t)n + 1);
                }
            }
        }
    }
    return true;
}

/* After every row: member numbers shorter than the file's longest, by row, with the likely
 * cause and the fix in the sheet. Returns the number of rows named. */
static long check_lengths(importer *im)
{
    int longest = 0;
    for (int n = 10; n >= 1 && !longest; n--)
        if (im->lengths.count[n])
            longest = n;
    long rows = 0;
    for (int n = 1; n < longest; n++) {
        if (!im->lengths.count[n])
            continue;
        rows += im->lengths.count[n];
        size_t col = (size_t)im->lengths.header_col;
        for (long k = 0; k < im->lengths.count[n] && k < ZEROS_LINES; k++) {
            meibo_err e;
            char a[16], why[600];
            snprintf(a, sizeof a, "%d", longest);
            meibo_fail_reason(&e, MEIBO_ERR_INVALID, "member_no", MEIBO_REASON_MEMBER_NO_ZEROS,
                              im->lengths.value[n][k], a, "shorter");
            meibo_reason_text(&e, im->opts->ja, why, sizeof why);
            report(im, im->lengths.line[n][k], "member_no",
                   L(im, "column %zu '%s': %s", "%zu列目「%s」: %s"), col,
                   im->col_name[col - 1], why);
        }
        if (im->lengths.count[n] > ZEROS_LINES) {
            long more = im->lengths.count[n] - ZEROS_LINES;
            if (im->opts->ja)
                report(im, 0, NULL, "… ほかに%d桁の会員番号が%ld行あります", n, more);
            else
                report(im, 0, NULL, "… and %ld more member numbers of %d digits", more, n);
        }
    }
    if (!rows)
        return 0;
    char zeros[11];
    memset(zeros, '0', (size_t)longest);
    zeros[longest] = '\0';
    report(im, 0, NULL,
           L(im,
             "the member numbers differ in length: the column was probably formatted as numbers "
             "in the spreadsheet, which drops leading zeros (00123456 becomes 123456). In the "
             "sheet, format the column as text (Format Cells → Text), type the numbers again with "
             "their zeros (or fill it with =TEXT(A2,\"%s\")), save as CSV and import again "
             "(規程 第12条第2項)",
             "会員番号の桁数がそろっていません。表計算ソフトで列が「数値」の書式になり、先頭の 0 "
             "が消えた可能性があります（00123456 → 123456）。表で列の書式を「文字列」にして（セル"
             "の書式設定 → 文字列）0 から入れ直すか =TEXT(A2,\"%s\") で埋め、CSV で保存して"
             "取り込み直してください（規程 第12条第2項）"),
           zeros);
    return rows;
}

/* The worker thread: each CSV record becomes a member (or a refusal) for bulk_load(). */
static meibo_status import_source(bulk *b, void *arg, meibo_err *err)
{
    import_src *src = arg;
    importer *im = src->im;
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
        /* a row may stop at the last named column or run on into the empty ones */
        if (rec.nfields < im->nused || rec.nfields > im->ncols) {
            meibo_fail(&e, MEIBO_ERR_INVALID, "%zu fields, the header has %zu", rec.nfields,
                       im->nused);
            if ((st = bulk_reject(b, rec.line, &e)))
                break;
            continue;
        }
        if (!row_intact(im, &rec, &e)) {
            if ((st = bulk_reject(b, rec.line, &e)))
                break;
            continue;
        }
        for (size_t c = 0; c < im->nused && rs == MEIBO_OK; c++)
            if (im->col_field[c] >= 0)
                rs = member_set(&m, (member_field)im->col_field[c], rec.fields[c], &e);
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
    if (name && col && (e->reason == MEIBO_REASON_CP932_LOST || e->reason == MEIBO_REASON_POSTAL_ZEROS)) {
        char why[600];
        report(im, line, e->field, L(im, "column %zu '%s': %s", "%zu列目「%s」: %s"), col, name,
               meibo_reason_text(e, im->opts->ja, why, sizeof why));
    } else if (name && col)
        report(im, line, e->field, "column %zu '%s': %s", col, name, e->msg);
    else
        report(im, line, e->field, "%s", e->msg);
}

meibo_status import_members(meibo_ctx *ctx, const char *path, csv_encoding enc,
                            const import_opts *opts, import_report_fn report_fn, void *arg,
                            import_stats *stats, meibo_err *err)
{
    static const import_opts defaults = {0};
    memset(stats, 0, sizeof *stats);
    if (!opts)
        opts = &defaults;
    bool dry_run = opts->dry_run;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "import members", err);
    if (st)
        return st;
    csv_reader *r = NULL;
    importer im = {.path = path, .report = report_fn, .arg = arg, .opts = opts};
    /* streamed: memory does not grow with the file; the caps and the encoding first */
    if ((st = csv_reader_open(path, enc, &r, &stats->encoding, err)))
        return st;
    im.enc = stats->encoding;
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
    if (!read_header(&im, &rec, stats)) {
        st = meibo_fail(err, MEIBO_ERR_INVALID, "%s: %s", path,
                        L(&im, "the header row is not a member CSV; nothing was imported",
                          "見出し行が会員の CSV になっていません。何も取り込んでいません"));
        goto out;
    }
    if ((st = db_begin(ctx, err)))
        goto out;
    /* A file about as large as the registry or larger (a first import, a migration): the
     * members' plain indexes are dropped and built once, sorted, before the commit, rather
     * than kept row by row (issue 17 §2); the unique member number stays, so a duplicate is
     * still refused on its own line. A rollback brings them back. */
    db_deferred_indexes deferred = {0};
    int64_t have = 0;
    struct stat sb;
    if (stat(path, &sb) == 0 && (st = member_count(ctx, &have, err)) == MEIBO_OK &&
        have * IMPORT_ROW_BYTES <= (int64_t)sb.st_size)
        st = db_indexes_defer(ctx, "members", &deferred, err);
    if (st) {
        db_rollback(ctx);
        goto out;
    }
    import_src src = {&im, r, stats};
    bulk_result res;
    st = bulk_load_from(ctx, path, import_source, &src, import_reject, &im, 0, &res, err);
    stats->bad += res.rejected;
    if (st) {
        db_rollback(ctx);
        db_indexes_forget(&deferred);
        goto out;
    }
    long short_nos = check_lengths(&im);
    if (short_nos) /* rows refused for something else too are counted once */
        stats->bad = stats->bad + short_nos > stats->rows ? stats->rows : stats->bad + short_nos;
    if (stats->bad) {
        db_rollback(ctx);
        db_indexes_forget(&deferred);
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
        db_indexes_forget(&deferred);
        goto out;
    }
    char detail[1200], ignored[600] = "";
    for (size_t c = 0, n = 0; c < im.ncols; c++)
        if (c < im.nused && im.col_field[c] < 0 && n < sizeof ignored - 1)
            n += (size_t)snprintf(ignored + n, sizeof ignored - n, "%s%s", n ? "," : " ignored=",
                                  im.col_name[c]);
    snprintf(detail, sizeof detail, "file=%s encoding=%s rows=%ld optouts=%ld%s", path,
             csv_encoding_name(stats->encoding), stats->rows, res.optouts, ignored);
    if ((st = db_indexes_rebuild(ctx, &deferred, err)) ||
        (st = audit_append(ctx, "import", NULL, detail, err)) || (st = db_commit(ctx, err))) {
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
