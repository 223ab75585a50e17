/* stats_sheet.c: a statistics table (統計情報) as an xlsx workbook with libxlsxwriter, as the
 * export sheets are written (export_sheet.c): the title and the rule of suppression above the
 * table, the counts as numbers, "<5" and "X" as text, and a bar chart of the rows' totals. The
 * table holds no personal data, so the workbook is made in a temporary folder of its own
 * (libxlsxwriter 1.1 writes only to a file) and read back for the caller to write. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "meibo/stats.h"

/* Read the whole of @p path into a malloc'd buffer. */
static meibo_status read_back(const char *path, char **out, size_t *len, meibo_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if (bad) {
        free(buf);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: reading the workbook back failed", path);
    }
    *out = buf;
    *len = n;
    return MEIBO_OK;
}

static meibo_status write_book(const stats_table *t, const char *author, int64_t created,
                               const char *path, meibo_err *err)
{
    const stats_grid *g = &t->grid;
    bool two = t->ndims == 2;
    int cols = two ? g->cols + 1 : 1;
    const char *sheet = t->ja ? "統計情報" : "Statistics";
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot create the workbook", path);
    char title[300], rule[600], chart_title[200];
    stats_table_title(t, title, sizeof title);
    stats_table_rule(t, rule, sizeof rule);
    stats_chart_title(t, chart_title, sizeof chart_title);
    lxw_doc_properties props = {.title = (char *)(uintptr_t)sheet,
                                .subject = title,
                                .author = (char *)(uintptr_t)(author ? author : ""),
                                .comments = rule,
                                .created = (time_t)created};
    workbook_set_properties(wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *bold = workbook_add_format(wb), *note = workbook_add_format(wb),
               *head = workbook_add_format(wb), *cell = workbook_add_format(wb),
               *hidden = workbook_add_format(wb), *total = workbook_add_format(wb),
               *total_hidden = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_font_size(bold, 12);
    format_set_text_wrap(note);
    format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(head);
    format_set_bg_color(head, 0xD9D9D9);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_num_format(cell, "#,##0");
    format_set_border(hidden, LXW_BORDER_THIN);
    format_set_align(hidden, LXW_ALIGN_RIGHT);
    format_set_border(total, LXW_BORDER_THIN);
    format_set_num_format(total, "#,##0");
    format_set_bold(total);
    format_set_border(total_hidden, LXW_BORDER_THIN);
    format_set_align(total_hidden, LXW_ALIGN_RIGHT);
    format_set_bold(total_hidden);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_set_column(ws, 0, 0, 16, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)cols, 10, NULL);
    /* the title, then the rule (stated before the figures), then the table */
    const lxw_row_t r_head = 3;
    lxw_col_t last = (lxw_col_t)(cols > 6 ? cols : 6);
    lxw_error e = worksheet_write_string(ws, 0, 0, title, bold);
    if (!e)
        e = worksheet_merge_range(ws, 1, 0, 1, last, rule, note);
    if (!e)
        e = worksheet_set_row(ws, 1, 45, NULL);
    if (!e)
        e = worksheet_write_string(ws, r_head, 0, stats_dim_label(t->dim[0], t->ja), head);
    for (int j = 0; !e && j < cols; j++)
        e = worksheet_write_string(ws, r_head, (lxw_col_t)(j + 1),
                                   !two ? (t->ja ? "会員数" : "Members")
                                   : j < g->cols ? t->cats[1][j] : (t->ja ? "計" : "Total"),
                                   head);
    for (int i = 0; !e && i <= g->rows; i++) {
        lxw_row_t r = (lxw_row_t)(r_head + 1 + i);
        bool tot_row = i == g->rows;
        e = worksheet_write_string(ws, r, 0, !tot_row ? t->cats[0][i] : (t->ja ? "計" : "Total"),
                                   tot_row ? total_hidden : head);
        for (int j = 0; !e && j < cols; j++) {
            bool tot = tot_row || (two && j == g->cols);
            int at = stats_at(g, i, j);
            char buf[32];
            if (g->mark[at] == STATS_SHOWN)
                e = worksheet_write_number(ws, r, (lxw_col_t)(j + 1), (double)g->v[at],
                                           tot ? total : cell);
            else
                e = worksheet_write_string(ws, r, (lxw_col_t)(j + 1),
                                           stats_cell_text(t, i, j, buf, sizeof buf),
                                           tot ? total_hidden : hidden);
        }
    }
    lxw_row_t r_rule = (lxw_row_t)(r_head + 2 + g->rows + 1);
    if (!e) /* and under the table, where a printed page ends */
        e = worksheet_merge_range(ws, r_rule, 0, r_rule, last, rule, note);
    if (!e)
        e = worksheet_set_row(ws, r_rule, 45, NULL);
    /* the chart: the rows' totals as published ("<5" and "X" are text: no bar) */
    lxw_chart *chart = e ? NULL : workbook_add_chart(wb, LXW_CHART_BAR);
    if (chart && g->rows > 0) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(s, sheet, r_head + 1, 0, (lxw_row_t)(r_head + g->rows), 0);
        chart_series_set_values(s, sheet, r_head + 1, (lxw_col_t)cols,
                                (lxw_row_t)(r_head + g->rows), (lxw_col_t)cols);
        chart_series_set_name(s, t->ja ? "会員数" : "Members");
        chart_title_set_name(chart, chart_title);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        chart_axis_set_reverse(chart->y_axis); /* the first category at the top, as the table */
        lxw_chart_options co = {.x_scale = 1.4, .y_scale = g->rows > 12 ? g->rows / 12.0 : 1};
        e = worksheet_insert_chart_opt(ws, r_rule + 2, 0, chart, &co);
    }
    lxw_error ce = workbook_close(wb); /* writes the file and frees the workbook */
    if (!e)
        e = ce;
    return e ? meibo_fail(err, MEIBO_ERR_IO, "writing the workbook: %s", lxw_strerror(e))
             : MEIBO_OK;
}

meibo_status stats_table_xlsx(const stats_table *t, const char *author, int64_t created,
                              char **out, size_t *len, meibo_err *err)
{
    *out = NULL;
    *len = 0;
    const char *tmp = getenv("TMPDIR");
    char dir[1024], path[MEIBO_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/meibo-stats-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return meibo_fail(err, MEIBO_ERR_IO, "a temporary folder in %s: %s",
                          tmp && *tmp ? tmp : "/tmp", strerror(errno));
    snprintf(path, sizeof path, "%s/stats.xlsx", dir);
    meibo_status st = write_book(t, author, created, path, err);
    if (!st)
        st = read_back(path, out, len, err);
    unlink(path);
    rmdir(dir);
    return st;
}
