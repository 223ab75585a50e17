/**
 * @file pdf.h
 * @brief A rendered form (tmpl_doc) as an A4 PDF, with Pango and Cairo: IPAex Mincho
 * (fonts-ipaexfont-mincho) embedded, Japanese line breaking (禁則) by Pango, every line
 * wrapped within the margins and carried to a new page when the page is full, so no text is
 * ever cut.
 */
#ifndef MEIBO_PDF_H
#define MEIBO_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "meibo/status.h"
#include "meibo/tmpl.h"

#define PDF_FONT_FAMILY "IPAexMincho"

/** @brief Characters every letter may need: kanji (with the CP932 variants of names), kana,
 * the postal mark, a circled number, the long vowel mark. */
#define PDF_FONT_PROBE "個人情報照会回答書髙﨑々あア〒①ー"

/** @brief What pdf_font_probe() found. */
typedef struct pdf_font_info {
    char family[128];   /**< the family fontconfig gives Pango for IPAexMincho ("" none) */
    char missing[64];   /**< characters of PDF_FONT_PROBE that family lacks (UTF-8), "" none */
} pdf_font_info;

/**
 * @brief Ask fontconfig, through Pango as the letters do, for the font of the letters.
 * MEIBO_ERR_IO (as pdf_render() fails) when it is not IPAex Mincho; otherwise MEIBO_OK with
 * out->missing naming any character of PDF_FONT_PROBE the font lacks. For meibo doctor.
 */
meibo_status pdf_font_probe(pdf_font_info *out, meibo_err *err);

/** @brief The document's properties. Strings are borrowed for the call. */
typedef struct pdf_meta {
    const char *title;    /**< e.g. "照会回答書" (no personal data) */
    const char *author;   /**< the society's name */
    int64_t created;      /**< Unix seconds of the creation date (a pinned clock in tests) */
} pdf_meta;

/**
 * @brief Render @p doc to PDF bytes: *out is malloc'd (the caller's), *len its length.
 * Fails with MEIBO_ERR_IO naming the font when IPAex Mincho is not installed, and with the
 * Cairo status when the PDF cannot be written.
 */
meibo_status pdf_render(const tmpl_doc *doc, const pdf_meta *meta, char **out, size_t *len,
                        meibo_err *err);

/**
 * @brief A table to print (an export sheet): A4 landscape, the columns scaled to the page
 * width, the header row repeated on every page, @c head at the top and @c foot with
 * "  PAGE/PAGES" at the foot of every page. Wide text wraps inside its cell (禁則 by Pango):
 * a row grows, it is never cut, and a row that does not fit on a page starts the next one.
 * The rows come from a source that can start over: the table is laid out twice, once to
 * count the pages and once to draw them, so no row is kept in memory.
 */
/**
 * @brief A horizontal bar chart, drawn with Cairo on a page of its own after a table's rows:
 * one bar per label, to the scale of the largest value, with a grid and its figures below;
 * a value below 0 draws no bar, only its mark (a hidden cell: "<5", "X").
 */
typedef struct pdf_bars {
    const char *title;             /**< above the chart */
    int n;                         /**< bars */
    const char *const *labels;     /**< n labels, left of the bars */
    const double *values;          /**< n values; < 0: no bar */
    const char *const *marks;      /**< n texts at the end of each bar (the value as shown) */
    const char *note;              /**< under the chart (wrapped) */
} pdf_bars;

typedef struct pdf_table {
    int ncols;
    const char *const *headers;   /**< ncols column headers */
    const double *widths;         /**< ncols relative widths */
    const char *head;             /**< the top of every page */
    const char *foot;             /**< the foot of every page, before the page number */
    /** the next row into cells[0..ncols-1]: 1 a row, 0 the end, -1 a failure (err filled) */
    int (*next)(void *arg, const char **cells, meibo_err *err);
    /** start again from the first row */
    meibo_status (*rewind)(void *arg, meibo_err *err);
    void *arg;
    const pdf_bars *bars;         /**< a chart on the last page (NULL: none) */
} pdf_table;

/** @brief The most columns a printed table has (the row headings included). */
#define PDF_TABLE_MAX_COLS 32

/** @brief The width of a table's columns together, in points (A4 landscape less margins). */
#define PDF_TABLE_WIDTH (841.890 - 2 * 12 * 2.834646)

/** @brief Render @p t as PDF bytes (*out malloc'd, the caller's); *pages the page count. */
meibo_status pdf_render_table(const pdf_table *t, const pdf_meta *meta, char **out, size_t *len,
                              int *pages, meibo_err *err);

#endif
