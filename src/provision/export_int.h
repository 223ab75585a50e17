/* export_int.h: what export.c and export_sheet.c share (not a public interface). */
#ifndef MEIBO_EXPORT_INT_H
#define MEIBO_EXPORT_INT_H

#include <sqlite3.h>

#include "meibo/export.h"

/* A checked, canonical export: everything a sheet is made from. */
typedef struct sheet_q {
    export_purpose purpose;
    int ncols;
    int cols[EXPORT_MAX_COLUMNS];  /* indexes into the catalogue, sheet order */
    unsigned items;                /* DECIDE_ITEM_BIT of the columns */
    char columns[400], items_text[16];
    char statuses[64];
    bool has_branch;
    char branch[128];
    int specialist;                /* -1, 0, 1 */
    char joined_from[11], joined_to[11];
    char recipient[404];           /* the register's name for the recipient */
    char *recipient_key;           /* owned */
    int64_t recipient_id;          /* the recipient of the register (規程 第20条第3–4項) */
    char recipient_category[32];   /* its category, written into the provision records */
    int64_t pledge_id;
    unsigned media;                /* DECIDE_MEDIA_PAPER or DECIDE_MEDIA_ELECTRONIC */
    bool file_copy;
    char filters[600];             /* as text, for the record */
} sheet_q;

/* The rows of a sheet, from one prepared statement, in member-number order. */
typedef struct sheet_rows {
    meibo_ctx *ctx;
    const sheet_q *q;
    sqlite3_stmt *s;
    bool only_included;
    int64_t seq;                   /* rows returned */
    char seq_text[24];
} sheet_rows;

/* Column positions in the statement's result. */
enum { SHEET_COL_ID = 0, SHEET_COL_FIRST = 1 };
int sheet_col_status(void);        /* the member's status */
int sheet_col_why(void);           /* "", "status", "optout", "consent" */

/* Start (or start again) the rows of @p q: all of them, or only the included ones. */
meibo_status sheet_rows_open(sheet_rows *r, meibo_ctx *ctx, const sheet_q *q, bool only_included,
                             meibo_err *err);
/* The counts of @p q (as sheet_count's pass makes them) from one aggregate query. */
meibo_status sheet_counts(meibo_ctx *ctx, const sheet_q *q, export_counts *c, meibo_err *err);
/* 1 a row, 0 the end, -1 a failure (err filled). */
int sheet_rows_next(sheet_rows *r, meibo_err *err);
/* The value of catalogue column @p cat of the current row ("" for NULL). */
const char *sheet_rows_cell(const sheet_rows *r, int cat);
void sheet_rows_close(sheet_rows *r);

/* Hold the connection's page cache small while a sheet reads every member (memory flat in the
 * rows); returns the old size for sheet_cache_restore(). */
int64_t sheet_cache_small(meibo_ctx *ctx);
void sheet_cache_restore(meibo_ctx *ctx, int64_t old);

/* What the sheet file carries besides its rows. */
typedef struct sheet_meta {
    const char *title, *author, *recipient, *pledge_document;
    int64_t export_id, created;
} sheet_meta;

/* The xlsx of @p q at @p path (constant_memory; temporary files in @p tmpdir, NULL = the
 * system's); *rows receives the rows written. */
meibo_status sheet_write_xlsx(meibo_ctx *ctx, const sheet_q *q, const sheet_meta *meta,
                              const char *path, const char *tmpdir, int64_t *rows,
                              meibo_err *err);

/* The PDF of @p q (A4 landscape, pdf_render_table) into *data. */
meibo_status sheet_write_pdf(meibo_ctx *ctx, const sheet_q *q, const sheet_meta *meta,
                             char **data, size_t *len, int *pages, meibo_err *err);

/* SHA-256 of the file at @p path as 64 hex digits. */
meibo_status sheet_sha256(const char *path, char hex[65], meibo_err *err);

/* The sheet's page head and foot texts (取扱注意 …, 出力番号 …). */
void sheet_head(const sheet_meta *meta, char *buf, size_t len);
void sheet_foot(const sheet_meta *meta, char *buf, size_t len);

meibo_status sheet_zip(const char *src, const char *entry, const char *dst, const char *password,
                       meibo_err *err);
meibo_status sheet_password(char *buf, size_t len, meibo_err *err);

#endif
