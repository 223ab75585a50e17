/* pdf.c: a rendered form as an A4 PDF with Pango + Cairo, IPAex Mincho embedded. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "meibo/buf.h"
#include "meibo/pdf.h"

/* A4 in points, and the margins (25 mm at the sides, 20 mm at the head and the foot). */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MM 2.834646
#define MARGIN_X (25 * MM)
#define MARGIN_TOP (20 * MM)
#define MARGIN_FOOT (20 * MM)
#define BODY_PT 10.5
#define TITLE_PT 16.0
#define LINE_PITCH 1.6   /* line distance as a multiple of the font size */
#define BLANK_PITCH 0.6  /* an empty line, as a part of a line */
/* The addressee block (@address lines) on the first page, where the window of a 長形3号 window
 * envelope (JIS window: 23 mm from the left, 13 mm from the top, 90 x 45 mm) shows it when
 * the A4 sheet, folded in three, sits in the envelope's top left corner: from 25 mm at the
 * left, 80 mm wide, from 31 mm down (below the number and the date) to 56 mm, a tighter
 * line distance; the text below starts under it. */
#define ADDR_X (25 * MM)
#define ADDR_Y (31 * MM)
#define ADDR_W (80 * MM)
#define ADDR_BOTTOM (56 * MM)
#define ADDR_PITCH 1.35

#ifdef __SANITIZE_ADDRESS__
/* LeakSanitizer's hook: fontconfig 2.14 loses a few hundred bytes once while parsing its XML
 * configuration (FcConfigParseAndLoad), out of our reach; every leak of ours is still found. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
#endif

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int n)
{
    meibo_buf *b = closure;
    buf_add(b, data, n);
    return b->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Everything one rendering holds; released by pdf_end(). */
typedef struct pdf_job {
    meibo_buf buf;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontMap *fontmap;
    PangoContext *pc;
    PangoLayout *layout;
    PangoFontDescription *body, *title;
    double y;                 /* the top of the next line */
} pdf_job;

static void pdf_end(pdf_job *j)
{
    g_clear_object(&j->layout);
    g_clear_object(&j->pc);
    g_clear_object(&j->fontmap);
    pango_font_description_free(j->body);  /* NULL is fine */
    pango_font_description_free(j->title);
    cairo_destroy(j->cr);                  /* NULL is fine */
    cairo_surface_destroy(j->surface);
    buf_free(&j->buf);
    memset(j, 0, sizeof *j);
}

/* The font Pango picks for @p desc (the caller unrefs it; NULL when none), its family name
 * into @p family ("" when none). */
static PangoFont *font_pick(PangoFontMap *fm, PangoContext *pc, const PangoFontDescription *desc,
                            char *family, size_t len)
{
    PangoFont *font = pango_font_map_load_font(fm, pc, desc);
    PangoFontDescription *got = font ? pango_font_describe(font) : NULL;
    const char *f = got ? pango_font_description_get_family(got) : NULL;
    snprintf(family, len, "%s", f ? f : "");
    if (got)
        pango_font_description_free(got);
    return font;
}

static bool font_is_ipaex(const char *family)
{
    return strcasestr(family, "IPAexMincho") || strstr(family, "IPAex明朝");
}

static meibo_status font_missing(const char *family, meibo_err *err)
{
    return meibo_fail(err, MEIBO_ERR_IO,
                      "the font %s is not installed (Debian: apt install "
                      "fonts-ipaexfont-mincho); fontconfig offers '%s' instead",
                      PDF_FONT_FAMILY, *family ? family : "nothing");
}

/* Is the font Pango picks for @p desc IPAex Mincho? Otherwise the PDF would embed another. */
static meibo_status font_check(PangoFontMap *fm, PangoContext *pc,
                               const PangoFontDescription *desc, meibo_err *err)
{
    char family[128];
    PangoFont *font = font_pick(fm, pc, desc, family, sizeof family);
    if (font)
        g_object_unref(font);
    return font_is_ipaex(family) ? MEIBO_OK : font_missing(family, err);
}

meibo_status pdf_font_probe(pdf_font_info *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    /* as pdf_begin() sets it up: a font map of our own, Japanese, the body font */
    PangoFontMap *fm = pango_cairo_font_map_new();
    PangoContext *pc = pango_font_map_create_context(fm);
    pango_cairo_context_set_resolution(pc, 72.0);
    pango_context_set_language(pc, pango_language_from_string("ja-jp"));
    PangoFontDescription *desc = pango_font_description_from_string(PDF_FONT_FAMILY);
    pango_font_description_set_size(desc, (int)(BODY_PT * PANGO_SCALE));
    PangoFont *font = font_pick(fm, pc, desc, out->family, sizeof out->family);
    meibo_status st = font_is_ipaex(out->family) ? MEIBO_OK : font_missing(out->family, err);
    if (!st) {
        /* every character of the probe must come from this font, not a fallback */
        size_t k = 0;
        for (const char *p = PDF_FONT_PROBE; *p;) {
            gunichar c = g_utf8_get_char(p);
            unsigned char b = (unsigned char)*p;
            const char *next = p + (b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4);
            if (!pango_font_has_char(font, c) && k + (size_t)(next - p) < sizeof out->missing) {
                memcpy(out->missing + k, p, (size_t)(next - p));
                k += (size_t)(next - p);
            }
            p = next;
        }
        out->missing[k] = '\0';
    }
    if (font)
        g_object_unref(font);
    pango_font_description_free(desc);
    g_object_unref(pc);
    g_object_unref(fm);
    return st;
}

static meibo_status pdf_begin(pdf_job *j, const pdf_meta *meta, meibo_err *err)
{
    j->surface = cairo_pdf_surface_create_for_stream(pdf_write, &j->buf, PAGE_W, PAGE_H);
    if (cairo_surface_status(j->surface) != CAIRO_STATUS_SUCCESS)
        return meibo_fail(err, MEIBO_ERR_IO, "PDF: %s",
                          cairo_status_to_string(cairo_surface_status(j->surface)));
    cairo_pdf_surface_restrict_to_version(j->surface, CAIRO_PDF_VERSION_1_5);
    if (meta->title)
        cairo_pdf_surface_set_metadata(j->surface, CAIRO_PDF_METADATA_TITLE, meta->title);
    if (meta->author)
        cairo_pdf_surface_set_metadata(j->surface, CAIRO_PDF_METADATA_AUTHOR, meta->author);
    cairo_pdf_surface_set_metadata(j->surface, CAIRO_PDF_METADATA_CREATOR, "meibo");
    if (meta->created > 0) {
        time_t t = (time_t)meta->created;
        struct tm tm;
        char when[40], zone[8];
        localtime_r(&t, &tm);
        strftime(zone, sizeof zone, "%z", &tm); /* +0900, which PDF dates write +09:00 */
        strftime(when, sizeof when - 8, "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(when + strlen(when), 8, "%.3s:%.2s", zone, zone + 3);
        cairo_pdf_surface_set_metadata(j->surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
    }
    j->cr = cairo_create(j->surface);
    /* a font map of our own (released with the job, not kept as the process default) */
    j->fontmap = pango_cairo_font_map_new();
    j->pc = pango_font_map_create_context(j->fontmap);
    pango_cairo_update_context(j->cr, j->pc);
    pango_cairo_context_set_resolution(j->pc, 72.0); /* font sizes in points = PDF units */
    pango_context_set_language(j->pc, pango_language_from_string("ja-jp"));
    j->layout = pango_layout_new(j->pc);
    j->body = pango_font_description_from_string(PDF_FONT_FAMILY);
    pango_font_description_set_size(j->body, (int)(BODY_PT * PANGO_SCALE));
    j->title = pango_font_description_copy(j->body);
    pango_font_description_set_size(j->title, (int)(TITLE_PT * PANGO_SCALE));
    pango_layout_set_wrap(j->layout, PANGO_WRAP_WORD_CHAR);
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE)); /* text stays as typed */
    pango_attr_list_insert(attrs, pango_attr_font_features_new("liga=0"));
    pango_layout_set_attributes(j->layout, attrs);
    pango_attr_list_unref(attrs);
    j->y = MARGIN_TOP;
    return font_check(j->fontmap, j->pc, j->body, err);
}

/* Lay out one line of the form (a paragraph) and draw it, line by line, across pages. */
static void pdf_paragraph(pdf_job *j, const tmpl_line *l)
{
    bool title = l->style == TMPL_TITLE;
    double size = title ? TITLE_PT : BODY_PT;
    double pitch = size * LINE_PITCH;
    double indent = l->style == TMPL_INDENT ? 2 * BODY_PT : 0;
    double width = PAGE_W - 2 * MARGIN_X - indent;
    PangoAlignment align = l->style == TMPL_RIGHT                           ? PANGO_ALIGN_RIGHT
                           : l->style == TMPL_TITLE || l->style == TMPL_CENTER ? PANGO_ALIGN_CENTER
                                                                             : PANGO_ALIGN_LEFT;
    pango_layout_set_font_description(j->layout, title ? j->title : j->body);
    pango_layout_set_width(j->layout, (int)(width * PANGO_SCALE));
    pango_layout_set_alignment(j->layout, align);
    pango_layout_set_text(j->layout, l->text, -1);
    if (!*l->text) {
        j->y += BODY_PT * LINE_PITCH * BLANK_PITCH;
        return;
    }
    if (title)
        j->y += BODY_PT * 0.6;
    PangoLayoutIter *it = pango_layout_get_iter(j->layout);
    do {
        if (j->y + pitch > PAGE_H - MARGIN_FOOT) {
            cairo_show_page(j->cr);
            j->y = MARGIN_TOP;
        }
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double ascent = (pango_layout_iter_get_baseline(it) - logical.y) / (double)PANGO_SCALE;
        double lead = (pitch - logical.height / (double)PANGO_SCALE) / 2;
        cairo_move_to(j->cr, MARGIN_X + indent + logical.x / (double)PANGO_SCALE,
                      j->y + (lead > 0 ? lead : 0) + ascent);
        pango_cairo_show_layout_line(j->cr, pango_layout_iter_get_line_readonly(it));
        j->y += pitch;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    if (title)
        j->y += BODY_PT * 0.6;
}

/* The addressee block: lines @p l[0..n-1] in the window (ADDR_*), wrapped within its width;
 * the flow goes on below it. */
static void pdf_address(pdf_job *j, const tmpl_line *l, int n)
{
    double pitch = BODY_PT * ADDR_PITCH;
    double y = j->y > ADDR_Y ? j->y : ADDR_Y;
    pango_layout_set_font_description(j->layout, j->body);
    pango_layout_set_width(j->layout, (int)(ADDR_W * PANGO_SCALE));
    pango_layout_set_alignment(j->layout, PANGO_ALIGN_LEFT);
    for (int i = 0; i < n; i++) {
        pango_layout_set_text(j->layout, l[i].text, -1);
        PangoLayoutIter *it = pango_layout_get_iter(j->layout);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, NULL, &logical);
            double ascent = (pango_layout_iter_get_baseline(it) - logical.y) / (double)PANGO_SCALE;
            double lead = (pitch - logical.height / (double)PANGO_SCALE) / 2;
            cairo_move_to(j->cr, ADDR_X + logical.x / (double)PANGO_SCALE,
                          y + (lead > 0 ? lead : 0) + ascent);
            pango_cairo_show_layout_line(j->cr, pango_layout_iter_get_line_readonly(it));
            y += pitch;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
    }
    j->y = y > ADDR_BOTTOM ? y : ADDR_BOTTOM;
}

meibo_status pdf_render(const tmpl_doc *doc, const pdf_meta *meta, char **out, size_t *len,
                        meibo_err *err)
{
    *out = NULL;
    *len = 0;
    pdf_job j;
    memset(&j, 0, sizeof j);
    meibo_status st = pdf_begin(&j, meta, err);
    for (int i = 0; !st && i < doc->n; i++) {
        const tmpl_line *l = &doc->lines[i];
        if (l->style == TMPL_PAGE) {
            cairo_show_page(j.cr);
            j.y = MARGIN_TOP;
        } else if (l->style == TMPL_ADDRESS) {
            int k = i;
            while (k < doc->n && doc->lines[k].style == TMPL_ADDRESS)
                k++;
            pdf_address(&j, l, k - i);
            i = k - 1;
        } else {
            pdf_paragraph(&j, l);
        }
    }
    if (!st) {
        cairo_destroy(j.cr);
        j.cr = NULL;
        cairo_surface_finish(j.surface);
        cairo_status_t cs = cairo_surface_status(j.surface);
        if (j.buf.oom)
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory writing the PDF");
        else if (cs != CAIRO_STATUS_SUCCESS)
            st = meibo_fail(err, MEIBO_ERR_IO, "PDF: %s", cairo_status_to_string(cs));
    }
    if (!st) {
        *out = j.buf.p;
        *len = j.buf.len;
        j.buf.p = NULL;
    }
    pdf_end(&j);
    return st;
}

/* ---- tables (export sheets): A4 landscape -------------------------------------------------- */

#define TABLE_MARGIN_X (12 * MM)
#define TABLE_MARGIN_Y (12 * MM)
#define TABLE_PT 8.0      /* the cells */
#define TABLE_HEAD_PT 9.0 /* the head and foot lines */
#define TABLE_PAD 2.5     /* inside a cell */
#define TABLE_RULE 0.5

#define TABLE_MAX_COLS PDF_TABLE_MAX_COLS

typedef struct table_job {
    pdf_job j;
    const pdf_table *t;
    PangoFontDescription *cell, *head;
    double colw[TABLE_MAX_COLS], x0, top, bottom;
    int page, pages;
    bool draw;
} table_job;

/* Lay out @p text in a cell of width @p w; its height in points. */
static double cell_layout(table_job *tj, const char *text, double w)
{
    PangoLayout *l = tj->j.layout;
    pango_layout_set_font_description(l, tj->cell);
    pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
    pango_layout_set_width(l, (int)((w - 2 * TABLE_PAD) * PANGO_SCALE));
    pango_layout_set_text(l, text ? text : "", -1);
    int h;
    pango_layout_get_size(l, NULL, &h);
    return h / (double)PANGO_SCALE;
}

static double row_height(table_job *tj, const char *const *cells)
{
    double h = TABLE_PT * 1.2;
    for (int c = 0; c < tj->t->ncols; c++) {
        double ch = cell_layout(tj, cells[c], tj->colw[c]);
        if (ch > h)
            h = ch;
    }
    return h + 2 * TABLE_PAD;
}

static void row_draw(table_job *tj, const char *const *cells, double y, double h, bool shade)
{
    cairo_t *cr = tj->j.cr;
    double x = tj->x0;
    for (int c = 0; c < tj->t->ncols; c++) {
        cairo_rectangle(cr, x, y, tj->colw[c], h);
        if (shade) {
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
            cairo_fill_preserve(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, TABLE_RULE);
        cairo_stroke(cr);
        cell_layout(tj, cells[c], tj->colw[c]);
        cairo_move_to(cr, x + TABLE_PAD, y + TABLE_PAD);
        pango_cairo_show_layout(cr, tj->j.layout);
        x += tj->colw[c];
    }
}

/* One line of @p text at @p y (its top), centred, in the head font. */
static void page_line(table_job *tj, const char *text, double y, PangoAlignment align)
{
    PangoLayout *l = tj->j.layout;
    pango_layout_set_font_description(l, tj->head);
    pango_layout_set_width(l, (int)((PAGE_H - 2 * TABLE_MARGIN_X) * PANGO_SCALE));
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text, -1);
    cairo_move_to(tj->j.cr, TABLE_MARGIN_X, y);
    pango_cairo_show_layout(tj->j.cr, l);
}

/* Begin page tj->page + 1: head, foot, the header row; returns the y below the header row. */
static double page_begin(table_job *tj, double header_h)
{
    tj->page++;
    if (!tj->draw)
        return tj->top + header_h;
    if (tj->page > 1)
        cairo_show_page(tj->j.cr);
    char foot[1200];
    snprintf(foot, sizeof foot, "%s  %d/%d", tj->t->foot ? tj->t->foot : "", tj->page,
             tj->pages);
    page_line(tj, tj->t->head ? tj->t->head : "", TABLE_MARGIN_Y, PANGO_ALIGN_CENTER);
    page_line(tj, foot, PAGE_W - TABLE_MARGIN_Y - TABLE_HEAD_PT * 1.5, PANGO_ALIGN_CENTER);
    row_draw(tj, (const char *const *)tj->t->headers, tj->top, header_h, true);
    return tj->top + header_h;
}

/* One line or paragraph of @p text at (@p x, @p y) in @p font, @p w wide; its height. */
static double text_at(table_job *tj, PangoFontDescription *font, const char *text, double x,
                      double y, double w, PangoAlignment align, bool draw)
{
    PangoLayout *l = tj->j.layout;
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text ? text : "", -1);
    int h;
    pango_layout_get_size(l, NULL, &h);
    if (draw) {
        cairo_move_to(tj->j.cr, x, y);
        pango_cairo_show_layout(tj->j.cr, l);
    }
    return h / (double)PANGO_SCALE;
}

/* The widest of @p n texts in @p font, in points. */
static double widest(table_job *tj, PangoFontDescription *font, const char *const *texts, int n)
{
    PangoLayout *l = tj->j.layout;
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, -1);
    double w = 0;
    for (int i = 0; i < n; i++) {
        int tw;
        pango_layout_set_text(l, texts[i] ? texts[i] : "", -1);
        pango_layout_get_size(l, &tw, NULL);
        if (tw / (double)PANGO_SCALE > w)
            w = tw / (double)PANGO_SCALE;
    }
    return w;
}

/* The bar chart's page: title, bars with their labels and marks, the grid, the note. */
static void chart_draw(table_job *tj, const pdf_bars *b)
{
    cairo_t *cr = tj->j.cr;
    double x0 = TABLE_MARGIN_X, width = PDF_TABLE_WIDTH;
    double y = tj->top + text_at(tj, tj->head, b->title, x0, tj->top, width, PANGO_ALIGN_LEFT,
                                 true) + TABLE_HEAD_PT;
    double note_h = b->note && *b->note
                        ? text_at(tj, tj->head, b->note, 0, 0, width, PANGO_ALIGN_LEFT, false)
                        : 0;
    double note_y = tj->bottom - note_h;
    if (note_h > 0)
        text_at(tj, tj->head, b->note, x0, note_y, width, PANGO_ALIGN_LEFT, true);
    double axis_y = note_y - TABLE_HEAD_PT * 2.5; /* the grid's figures below it */
    if (b->n < 1 || axis_y <= y)
        return;
    double slot = (axis_y - y) / b->n;
    double pt = slot * 0.8 < TABLE_PT ? slot * 0.8 : TABLE_PT;
    PangoFontDescription *font = pango_font_description_copy(tj->cell);
    pango_font_description_set_size(font, (int)((pt > 3 ? pt : 3) * PANGO_SCALE));
    double lab_w = widest(tj, font, b->labels, b->n) + 2;
    if (lab_w > width * 0.3)
        lab_w = width * 0.3;
    double mark_w = widest(tj, font, b->marks, b->n) + 6;
    double plot_x = x0 + lab_w + 6, plot_w = width - lab_w - 6 - mark_w;
    double vmax = 0;
    for (int i = 0; i < b->n; i++)
        vmax = b->values[i] > vmax ? b->values[i] : vmax;
    /* a grid step of 1, 2 or 5 times a power of ten, at most 8 steps */
    double base = 1, step = 1;
    for (int k = 1; vmax / step > 8; k++) {
        if (k % 3 == 0)
            base *= 10;
        step = base * (k % 3 == 0 ? 1 : k % 3 == 1 ? 2 : 5);
    }
    double top_v = step * ceil(vmax / step);
    if (top_v <= 0)
        top_v = step;
    cairo_set_line_width(cr, TABLE_RULE / 2);
    int steps = (int)(top_v / step + 0.5);
    for (int k = 0; k <= steps; k++) {
        double v = k * step, x = plot_x + plot_w * v / top_v;
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x, axis_y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        char fig[32];
        snprintf(fig, sizeof fig, "%.0f", v);
        text_at(tj, tj->cell, fig, x - 30, axis_y + 2, 60, PANGO_ALIGN_CENTER, true);
    }
    for (int i = 0; i < b->n; i++) {
        double cy = y + slot * i + slot / 2;
        double th = text_at(tj, font, b->labels[i], 0, 0, lab_w, PANGO_ALIGN_RIGHT, false);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text_at(tj, font, b->labels[i], x0, cy - th / 2, lab_w, PANGO_ALIGN_RIGHT, true);
        double end = plot_x;
        if (b->values[i] >= 0) {
            double bh = slot * 0.7 < 14 ? slot * 0.7 : 14;
            end = plot_x + plot_w * b->values[i] / top_v;
            cairo_rectangle(cr, plot_x, cy - bh / 2, end - plot_x, bh);
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
        }
        text_at(tj, font, b->marks[i], end + 3, cy - th / 2, mark_w, PANGO_ALIGN_LEFT, true);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, TABLE_RULE);
    cairo_move_to(cr, plot_x, y);
    cairo_line_to(cr, plot_x, axis_y);
    cairo_line_to(cr, plot_x + plot_w, axis_y);
    cairo_stroke(cr);
    pango_font_description_free(font);
}

/* Lay the table out (and with tj->draw, draw it): tj->page ends as the page count. */
static meibo_status table_pass(table_job *tj, meibo_err *err)
{
    const pdf_table *t = tj->t;
    meibo_status st = t->rewind(t->arg, err);
    if (st)
        return st;
    tj->page = 0;
    double header_h = row_height(tj, (const char *const *)t->headers);
    double y = page_begin(tj, header_h);
    const char *cells[TABLE_MAX_COLS];
    double first_y = y;
    int rc;
    while ((rc = t->next(t->arg, cells, err)) == 1) {
        double h = row_height(tj, cells);
        /* a row that does not fit starts the next page (one taller than a page stays whole
         * on a page of its own) */
        if (y > first_y && y + h > tj->bottom)
            y = page_begin(tj, header_h);
        if (tj->draw)
            row_draw(tj, cells, y, h, false);
        y += h;
    }
    if (rc >= 0 && t->bars) { /* the chart on a page of its own, with the head and foot */
        tj->page++;
        if (tj->draw) {
            cairo_show_page(tj->j.cr);
            char foot[1200];
            snprintf(foot, sizeof foot, "%s  %d/%d", t->foot ? t->foot : "", tj->page,
                     tj->pages);
            page_line(tj, t->head ? t->head : "", TABLE_MARGIN_Y, PANGO_ALIGN_CENTER);
            page_line(tj, foot, PAGE_W - TABLE_MARGIN_Y - TABLE_HEAD_PT * 1.5,
                      PANGO_ALIGN_CENTER);
            chart_draw(tj, t->bars);
        }
    }
    return rc < 0 ? (err ? err->code : MEIBO_ERR_IO) : MEIBO_OK;
}

meibo_status pdf_render_table(const pdf_table *t, const pdf_meta *meta, char **out, size_t *len,
                              int *pages, meibo_err *err)
{
    *out = NULL;
    *len = 0;
    if (pages)
        *pages = 0;
    if (t->ncols < 1 || t->ncols > TABLE_MAX_COLS)
        return meibo_fail(err, MEIBO_ERR_INVALID, "a table of %d columns", t->ncols);
    table_job tj;
    memset(&tj, 0, sizeof tj);
    tj.t = t;
    meibo_status st = pdf_begin(&tj.j, meta, err);
    if (!st) {
        cairo_pdf_surface_set_size(tj.j.surface, PAGE_H, PAGE_W); /* landscape */
        tj.cell = pango_font_description_copy(tj.j.body);
        pango_font_description_set_size(tj.cell, (int)(TABLE_PT * PANGO_SCALE));
        tj.head = pango_font_description_copy(tj.j.body);
        pango_font_description_set_size(tj.head, (int)(TABLE_HEAD_PT * PANGO_SCALE));
        double sum = 0, avail = PDF_TABLE_WIDTH;
        for (int c = 0; c < t->ncols; c++)
            sum += t->widths[c] > 0 ? t->widths[c] : 1;
        for (int c = 0; c < t->ncols; c++)
            tj.colw[c] = avail * (t->widths[c] > 0 ? t->widths[c] : 1) / sum;
        tj.x0 = TABLE_MARGIN_X;
        tj.top = TABLE_MARGIN_Y + TABLE_HEAD_PT * 2.2;
        tj.bottom = PAGE_W - TABLE_MARGIN_Y - TABLE_HEAD_PT * 2.2;
        st = table_pass(&tj, err); /* count the pages */
    }
    if (!st) {
        tj.pages = tj.page;
        tj.draw = true;
        st = table_pass(&tj, err);
    }
    if (!st) {
        cairo_destroy(tj.j.cr);
        tj.j.cr = NULL;
        cairo_surface_finish(tj.j.surface);
        cairo_status_t cs = cairo_surface_status(tj.j.surface);
        if (tj.j.buf.oom)
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory writing the PDF");
        else if (cs != CAIRO_STATUS_SUCCESS)
            st = meibo_fail(err, MEIBO_ERR_IO, "PDF: %s", cairo_status_to_string(cs));
    }
    if (!st) {
        *out = tj.j.buf.p;
        *len = tj.j.buf.len;
        tj.j.buf.p = NULL;
        if (pages)
            *pages = tj.pages;
    }
    pango_font_description_free(tj.cell);
    pango_font_description_free(tj.head);
    pdf_end(&tj.j);
    return st;
}
