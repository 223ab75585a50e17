/* export_sheet.c: the rows of an export sheet (one prepared statement), its xlsx
 * (libxlsxwriter, constant_memory), its PDF (pdf.c), the SHA-256 of the file, and the
 * AES-256 archive (libzip) with its generated password (取扱規程 第38条). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "export_int.h"
#include "meibo/decide.h"
#include "meibo/pdf.h"

/* ---- the column catalogue ------------------------------------------------------------------- */

/* In the order of the statement's result columns (1 + index). Widths in Excel's character
 * units (a digit is 1, a kanji or kana about 2), wide enough for the header and typical values;
 * longer values wrap inside the cell. */
static const export_column catalogue[] = {
    {"member_no", "会員番号", 'a', 11, true},
    {"specialist_no", "専門医番号", 'b', 12, true},
    {"joined_on", "入会年月日", 'c', 12, true},
    {"name", "氏名", 'e', 16, false},
    {"name_kana", "フリガナ", 'e', 20, false},
    {"name_en", "英字氏名", 'e', 22, false},
    {"birth_date", "生年月日", 'e', 12, true},
    {"postal_code", "郵便番号", 'e', 10, true},
    {"home_address", "自宅住所", 'e', 44, false},
    {"email", "メールアドレス", 'f', 30, false},
    {"facility_name", "所属施設名", 'd', 30, false},
    {"facility_postal_code", "施設郵便番号", 'd', 14, true},
    {"facility_address", "施設住所", 'd', 44, false},
    {"branch", "支部", 0, 10, false},
};
#define NCATALOGUE ((int)(sizeof catalogue / sizeof *catalogue))

const export_column *export_columns(int *n)
{
    *n = NCATALOGUE;
    return catalogue;
}

const export_column *export_column_find(const char *code)
{
    for (int i = 0; code && i < NCATALOGUE; i++)
        if (!strcmp(catalogue[i].code, code))
            return &catalogue[i];
    return NULL;
}

int sheet_col_status(void)
{
    return SHEET_COL_FIRST + NCATALOGUE;
}

int sheet_col_why(void)
{
    return SHEET_COL_FIRST + NCATALOGUE + 1;
}

/* ---- the rows ------------------------------------------------------------------------------ */

/* A suspension of use granted in full (第23条第2項 利用停止・消去): the society's own use stops
 * too, so the member is on no sheet, whatever its purpose. */
#define SHEET_SUSPENDED                                                                       \
    "EXISTS (SELECT 1 FROM rights_requests q WHERE q.member_id = m.id "                       \
    "AND q.kind = 'suspension' AND q.decision = 'full')"

/* Why a member is left off: the first rule that excludes them, "" when included.
 * ?5 the statuses on the sheet, ?6 leave out opt-outs (第20条第5項), ?7 the number of consent
 * scopes required and ?8 their list. */
#define SHEET_WHY                                                                             \
    "CASE WHEN instr(',' || ?5 || ',', ',' || m.status || ',') = 0 THEN 'status' "            \
    "WHEN " SHEET_SUSPENDED " THEN 'suspended' "                                              \
    "WHEN ?6 AND EXISTS (SELECT 1 FROM member_optouts o WHERE o.member_id = m.id "            \
    "AND o.withdrawn_on IS NULL) THEN 'optout' "                                              \
    "WHEN ?7 > 0 AND (SELECT count(*) FROM member_consents c WHERE c.member_id = m.id "       \
    "AND c.granted = 1 AND instr(',' || ?8 || ',', ',' || c.scope || ',') > 0) < ?7 "         \
    "THEN 'consent' ELSE '' END"

/* The catalogue's values in its order, then the status. */
#define SHEET_SELECT                                                                          \
    "SELECT m.id, m.member_no, coalesce(m.specialist_no, ''), m.joined_on, "                  \
    "m.family_name || CASE WHEN m.given_name <> '' THEN '　' || m.given_name ELSE '' END, "   \
    "m.family_kana || CASE WHEN m.given_kana <> '' THEN '　' || m.given_kana ELSE '' END, "   \
    "m.name_en, coalesce(m.birth_date, ''), m.postal_code, m.home_address, m.email, "         \
    "coalesce(f.name, ''), coalesce(f.postal_code, ''), coalesce(f.address, ''), m.branch, "  \
    "m.status, "

/* The filters: ?1 branch, ?2 specialist (1/0), ?3 joined from, ?4 joined to (NULL: any). */
#define SHEET_FROM                                                                            \
    "FROM members m LEFT JOIN facilities f ON f.id = m.facility_id "                          \
    "WHERE (?1 IS NULL OR m.branch = ?1) "                                                    \
    "AND (?2 IS NULL OR ?2 = (coalesce(m.specialist_no, '') <> '')) "                         \
    "AND (?3 IS NULL OR m.joined_on >= ?3) AND (?4 IS NULL OR m.joined_on <= ?4) "

/* Every member the filters select, with why each is left off (counting, the preview). */
static const char sql_rows_all[] = SHEET_SELECT SHEET_WHY " " SHEET_FROM "ORDER BY m.member_no";

/* Only the members on the sheet: the rules of SHEET_WHY as conditions (the sheet itself). */
static const char sql_rows_included[] =
    SHEET_SELECT "'' " SHEET_FROM
    "AND instr(',' || ?5 || ',', ',' || m.status || ',') > 0 "
    "AND NOT " SHEET_SUSPENDED " "
    "AND NOT (?6 AND EXISTS (SELECT 1 FROM member_optouts o WHERE o.member_id = m.id "
    "AND o.withdrawn_on IS NULL)) "
    "AND (?7 = 0 OR (SELECT count(*) FROM member_consents c WHERE c.member_id = m.id "
    "AND c.granted = 1 AND instr(',' || ?8 || ',', ',' || c.scope || ',') > 0) >= ?7) "
    "ORDER BY m.member_no";

static int count_list(const char *list)
{
    int n = 0;
    for (const char *p = list; p && *p; p++)
        if (p == list || p[-1] == ',')
            n++;
    return n;
}

/* How many members each rule leaves off ("" the included), without reading their rows: the
 * counts of a preview or a request. */
static const char sql_counts[] =
    "SELECT w, count(*) FROM (SELECT " SHEET_WHY " AS w " SHEET_FROM ") GROUP BY w";

static void rows_bind(sqlite3_stmt *s, const sheet_q *q)
{
    if (q->has_branch)
        sqlite3_bind_text(s, 1, q->branch, -1, SQLITE_STATIC);
    if (q->specialist >= 0)
        sqlite3_bind_int(s, 2, q->specialist);
    if (*q->joined_from)
        sqlite3_bind_text(s, 3, q->joined_from, -1, SQLITE_STATIC);
    if (*q->joined_to)
        sqlite3_bind_text(s, 4, q->joined_to, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, q->statuses, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 6, q->purpose.optout_excluded);
    sqlite3_bind_int(s, 7, count_list(q->purpose.consents));
    sqlite3_bind_text(s, 8, q->purpose.consents, -1, SQLITE_STATIC);
}

meibo_status sheet_rows_open(sheet_rows *r, meibo_ctx *ctx, const sheet_q *q, bool only_included,
                             meibo_err *err)
{
    memset(r, 0, sizeof *r);
    r->ctx = ctx;
    r->q = q;
    r->only_included = only_included;
    sqlite3_stmt *s = db_stmt(ctx, only_included ? sql_rows_included : sql_rows_all, err);
    if (!s)
        return MEIBO_ERR_DB;
    rows_bind(s, q);
    r->s = s;
    return MEIBO_OK;
}

meibo_status sheet_counts(meibo_ctx *ctx, const sheet_q *q, export_counts *c, meibo_err *err)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *s = db_stmt(ctx, sql_counts, err);
    if (!s)
        return MEIBO_ERR_DB;
    rows_bind(s, q);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *why = (const char *)sqlite3_column_text(s, 0);
        int64_t n = sqlite3_column_int64(s, 1);
        if (!why || !*why)
            c->included += n;
        else if (!strcmp(why, "status"))
            c->excluded_status += n;
        else if (!strcmp(why, "optout"))
            c->excluded_optout += n;
        else if (!strcmp(why, "suspended"))
            c->excluded_suspended += n;
        else
            c->excluded_consent += n;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "counting the members for the sheet");
}

int sheet_rows_next(sheet_rows *r, meibo_err *err)
{
    int rc = sqlite3_step(r->s);
    if (rc == SQLITE_ROW) {
        r->seq++;
        snprintf(r->seq_text, sizeof r->seq_text, "%" PRId64, r->seq);
        return 1;
    }
    if (rc == SQLITE_DONE)
        return 0;
    db_fail(r->ctx, err, "reading the members for the sheet");
    return -1;
}

const char *sheet_rows_cell(const sheet_rows *r, int cat)
{
    const char *v = (const char *)sqlite3_column_text(r->s, SHEET_COL_FIRST + cat);
    return v ? v : "";
}

void sheet_rows_close(sheet_rows *r)
{
    if (r->s)
        sqlite3_reset(r->s);
    r->s = NULL;
}

/* ---- the page cache ------------------------------------------------------------------------ */

/* A sheet reads the members once, in order: the connection's page cache (db.c sets 64 MB for
 * searching) would only grow with the rows. While a sheet is made it is held at 2 MB, so the
 * memory a sheet takes stays flat in its number of rows; the old size comes back after. */
static const char sql_cache_size[] = "PRAGMA cache_size";

int64_t sheet_cache_small(meibo_ctx *ctx)
{
    meibo_err ignored;
    int64_t old = 0;
    sqlite3_stmt *s = db_stmt(ctx, sql_cache_size, &ignored);
    if (s && sqlite3_step(s) == SQLITE_ROW)
        old = sqlite3_column_int64(s, 0);
    if (s)
        sqlite3_reset(s);
    db_exec(ctx, "PRAGMA cache_size = -2048", &ignored);
    return old;
}

void sheet_cache_restore(meibo_ctx *ctx, int64_t old)
{
    if (!old)
        return;
    char sql[64]; /* a number read from SQLite itself, not input */
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %" PRId64, old);
    meibo_err ignored;
    db_exec(ctx, sql, &ignored);
}

/* ---- head and foot --------------------------------------------------------------------------- */

void sheet_head(const sheet_meta *meta, char *buf, size_t len)
{
    snprintf(buf, len, "取扱注意 %s 誓約書番号 %s", meta->recipient,
             meta->pledge_document && *meta->pledge_document ? meta->pledge_document : "なし");
}

void sheet_foot(const sheet_meta *meta, char *buf, size_t len)
{
    snprintf(buf, len, "出力番号 %" PRId64, meta->export_id);
}

/* Excel's header and footer codes start with '&': a literal one is written "&&". */
static void amp_escape(const char *in, char *out, size_t len)
{
    size_t o = 0;
    for (; *in && o + 3 < len; in++) {
        if (*in == '&')
            out[o++] = '&';
        out[o++] = *in;
    }
    out[o] = '\0';
}

/* ---- xlsx ------------------------------------------------------------------------------------ */

static meibo_status xlsx_fail(lxw_error e, const char *path, meibo_err *err)
{
    return meibo_fail(err, MEIBO_ERR_IO, "%s: writing the sheet: %s", path, lxw_strerror(e));
}

meibo_status sheet_write_xlsx(meibo_ctx *ctx, const sheet_q *q, const sheet_meta *meta,
                              const char *path, const char *tmpdir, int64_t *rows,
                              meibo_err *err)
{
    *rows = 0;
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = (char *)(uintptr_t)tmpdir};
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    if (!wb)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot create the sheet", path);
    lxw_doc_properties props = {
        .title = (char *)(uintptr_t)meta->title,
        .author = (char *)(uintptr_t)meta->author,
        .created = (time_t)meta->created,
    };
    workbook_set_properties(wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "名簿");
    lxw_format *head = workbook_add_format(wb), *cell = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xD9D9D9);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_text_wrap(cell);
    format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
    /* print-ready: A4 landscape, one page wide, the header row on every page and frozen */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    char text[1200], escaped[2400], hf[2600];
    sheet_head(meta, text, sizeof text);
    amp_escape(text, escaped, sizeof escaped);
    snprintf(hf, sizeof hf, "&C%s", escaped);
    lxw_header_footer_options hfo = {.margin = 0.3};
    worksheet_set_header_opt(ws, hf, &hfo);
    sheet_foot(meta, text, sizeof text);
    amp_escape(text, escaped, sizeof escaped);
    snprintf(hf, sizeof hf, "&C%s  &P/&N", escaped);
    worksheet_set_footer_opt(ws, hf, &hfo);
    worksheet_set_column(ws, 0, 0, 7, NULL);
    for (int c = 0; c < q->ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)(c + 1), (lxw_col_t)(c + 1),
                             catalogue[q->cols[c]].width, NULL);
    worksheet_protect(ws, NULL, NULL);

    lxw_error e = worksheet_write_string(ws, 0, 0, "No.", head);
    for (int c = 0; !e && c < q->ncols; c++)
        e = worksheet_write_string(ws, 0, (lxw_col_t)(c + 1), catalogue[q->cols[c]].header, head);
    meibo_status st = e ? xlsx_fail(e, path, err) : MEIBO_OK;
    int64_t cache = sheet_cache_small(ctx);
    sheet_rows r;
    if (!st && !(st = sheet_rows_open(&r, ctx, q, true, err))) {
        int rc;
        while ((rc = sheet_rows_next(&r, err)) == 1) {
            lxw_row_t row = (lxw_row_t)r.seq;
            if (r.seq >= LXW_ROW_MAX) {
                st = meibo_fail(err, MEIBO_ERR_INVALID,
                                "the sheet has more rows than a worksheet holds (%d)",
                                LXW_ROW_MAX - 1);
                break;
            }
            e = worksheet_write_number(ws, row, 0, (double)r.seq, cell);
            for (int c = 0; !e && c < q->ncols; c++)
                e = worksheet_write_string(ws, row, (lxw_col_t)(c + 1),
                                           sheet_rows_cell(&r, q->cols[c]), cell);
            if (e) {
                st = xlsx_fail(e, path, err);
                break;
            }
        }
        if (rc < 0)
            st = err ? err->code : MEIBO_ERR_DB;
        *rows = r.seq;
        sheet_rows_close(&r);
    }
    sheet_cache_restore(ctx, cache);
    e = workbook_close(wb); /* writes the file and frees the workbook, whatever happened */
    if (!st && e)
        st = xlsx_fail(e, path, err);
    return st;
}

#define PDF_PT_PER_UNIT 4.4

/* ---- PDF ------------------------------------------------------------------------------------- */

typedef struct pdf_src {
    meibo_ctx *ctx;
    const sheet_q *q;
    sheet_rows r;
    bool open;
} pdf_src;

static meibo_status pdf_src_rewind(void *arg, meibo_err *err)
{
    pdf_src *p = arg;
    if (p->open)
        sheet_rows_close(&p->r);
    p->open = false;
    meibo_status st = sheet_rows_open(&p->r, p->ctx, p->q, true, err);
    p->open = st == MEIBO_OK;
    return st;
}

static int pdf_src_next(void *arg, const char **cells, meibo_err *err)
{
    pdf_src *p = arg;
    int rc = sheet_rows_next(&p->r, err);
    if (rc != 1)
        return rc;
    cells[0] = p->r.seq_text;
    for (int c = 0; c < p->q->ncols; c++)
        cells[c + 1] = sheet_rows_cell(&p->r, p->q->cols[c]);
    return 1;
}

meibo_status sheet_write_pdf(meibo_ctx *ctx, const sheet_q *q, const sheet_meta *meta,
                             char **data, size_t *len, int *pages, meibo_err *err)
{
    const char *headers[EXPORT_MAX_COLUMNS + 1];
    double widths[EXPORT_MAX_COLUMNS + 1];
    /* fixed columns keep their width (a character unit of the xlsx is about 4.4 points at
     * the table's 8 points), the others share what is left in proportion */
    double fixed = 7 * PDF_PT_PER_UNIT, flexible = 0;
    headers[0] = "No.";
    widths[0] = fixed;
    for (int c = 0; c < q->ncols; c++) {
        const export_column *k = &catalogue[q->cols[c]];
        headers[c + 1] = k->header;
        if (k->fixed)
            fixed += k->width * PDF_PT_PER_UNIT;
        else
            flexible += k->width;
    }
    double scale = flexible > 0 && PDF_TABLE_WIDTH > fixed ? (PDF_TABLE_WIDTH - fixed) / flexible
                                                           : PDF_PT_PER_UNIT;
    for (int c = 0; c < q->ncols; c++) {
        const export_column *k = &catalogue[q->cols[c]];
        widths[c + 1] = k->width * (k->fixed ? PDF_PT_PER_UNIT : scale);
    }
    char head[1200], foot[200];
    sheet_head(meta, head, sizeof head);
    sheet_foot(meta, foot, sizeof foot);
    pdf_src src = {ctx, q, {0}, false};
    pdf_table t = {q->ncols + 1, headers, widths, head, foot, pdf_src_next, pdf_src_rewind, &src, NULL};
    pdf_meta pm = {meta->title, meta->author, meta->created};
    meibo_status st = pdf_render_table(&t, &pm, data, len, pages, err);
    if (src.open)
        sheet_rows_close(&src.r);
    return st;
}

/* ---- SHA-256, the archive, the password -------------------------------------------------------- */

meibo_status sheet_sha256(const char *path, char hex[65], meibo_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    meibo_status st = MEIBO_OK;
    if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "SHA-256: cannot start");
    char buf[65536];
    ssize_t n;
    while (!st && (n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        else if (EVP_DigestUpdate(md, buf, (size_t)n) != 1)
            st = meibo_fail(err, MEIBO_ERR_IO, "SHA-256 of %s failed", path);
    }
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dl = 0;
    if (!st && EVP_DigestFinal_ex(md, d, &dl) != 1)
        st = meibo_fail(err, MEIBO_ERR_IO, "SHA-256 of %s failed", path);
    for (unsigned i = 0; !st && i < dl && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    EVP_MD_CTX_free(md);
    close(fd);
    return st;
}

meibo_status sheet_zip(const char *src, const char *entry, const char *dst, const char *password,
                       meibo_err *err)
{
    int ze = 0;
    zip_t *za = zip_open(dst, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!za) {
        zip_error_t e;
        zip_error_init_with_code(&e, ze);
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dst, zip_error_strerror(&e));
        zip_error_fini(&e);
        return st;
    }
    zip_source_t *zs = zip_source_file(za, src, 0, -1);
    zip_int64_t idx = zs ? zip_file_add(za, entry, zs, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    if (idx < 0 && zs)
        zip_source_free(zs);
    if (idx < 0 || zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, password) < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dst, zip_strerror(za));
        zip_discard(za);
        unlink(dst);
        return st;
    }
    if (zip_close(za) < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dst, zip_strerror(za));
        zip_discard(za);
        unlink(dst);
        return st;
    }
    return MEIBO_OK;
}

/* No look-alikes (0 O 1 l I): the password is read off paper and typed. */
static const char pw_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

meibo_status sheet_password(char *buf, size_t len, meibo_err *err)
{
    size_t k = sizeof pw_alphabet - 1, limit = 256 - 256 % k; /* no modulo bias */
    size_t i = 0;
    while (i + 1 < len) {
        unsigned char b[64];
        ssize_t n = getrandom(b, sizeof b, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return meibo_fail(err, MEIBO_ERR_IO, "no random numbers: %s", strerror(errno));
        for (ssize_t j = 0; j < n && i + 1 < len; j++)
            if (b[j] < limit)
                buf[i++] = pw_alphabet[b[j] % k];
        explicit_bzero(b, sizeof b);
    }
    buf[i] = '\0';
    return MEIBO_OK;
}
