/* stats_view.c: statistics on screen (統計情報: rules 000 §7 "個人を特定できないよう加工した
 * 統計データ"; 002 統計情報). The clerk chooses the rows' dimension (r), the columns' one or none
 * (c) and the date (d); each choice counts again through stats_table_count(), which checks the
 * role, suppresses small cells ("<5") and their complements ("X") and writes the access log
 * (stats.table, 取扱規程 第35条) as `meibo stats table` does. The first column stays while the
 * others scroll (←→), the rows scroll (↑↓ PgUp PgDn), and the rule of suppression is stated
 * under the table on every screen. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/letter.h"
#include "meibo/stats.h"
#include "meibo/stats_letter.h"
#include "tui.h"

typedef struct stats_view {
    stats_dim dim[2];
    int ndims;
    char as_of[64];  /* as typed until counted, then YYYY-MM-DD; "" = today */
    stats_table t;
    bool have;       /* t holds a counted table */
    int top, left;   /* first table row, first scrolled column shown */
    int body_rows;   /* table rows at the last draw */
    int shown_cols;  /* scrolled columns at the last draw */
} stats_view;

/* Count again with the view's choices; the old table stays when the count fails. */
static bool recount(view *v)
{
    stats_view *s = v->priv;
    stats_spec spec = {.dim = {s->dim[0], s->dim[1]}, .ndims = s->ndims,
                       .as_of = s->as_of[0] ? s->as_of : NULL, .ja = v->t->lang == LANG_JA};
    stats_table t;
    meibo_err err;
    meibo_err_clear(&err);
    if (stats_table_count(v->t->ctx, &spec, &t, &err)) {
        tui_err_label(v->t, &err, err.field[0] && !strcmp(err.field, "as_of") ? tr(T_ST_DATE)
                                                                                : NULL);
        return false;
    }
    if (s->have)
        stats_table_free(&s->t);
    s->t = t;
    s->have = true;
    s->top = s->left = 0;
    snprintf(s->as_of, sizeof s->as_of, "%s", t.as_of);
    if (!t.protectable)
        tui_msg(v->t, EL_ERROR, "%s", tr(T_ST_UNPROTECTABLE));
    return true;
}

view *stats_open(tui *t)
{
    stats_view *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->dim[0] = STATS_DIM_BRANCH;
    s->ndims = 1;
    view *v = tui_push(t, &stats_ops, s);
    if (!v)
        return NULL;
    snprintf(v->title, sizeof v->title, "%s", tr(T_ST_TITLE));
    if (!recount(v)) {
        tui_pop(t);
        return NULL;
    }
    return v;
}

static const char *dim_word(stats_dim d) { return stats_dim_label(d, !tr_is_en()); }

/* The columns of the table: the column dimension's categories and 計, or the one count. */
static int ncols(const stats_table *t) { return t->ndims == 2 ? t->grid.cols + 1 : 1; }

static const char *col_head(const stats_table *t, int j)
{
    if (t->ndims == 1)
        return tr(T_ST_MEMBERS);
    return j < t->grid.cols ? t->cats[1][j] : tr(T_ST_TOTAL);
}

static const char *row_head(const stats_table *t, int i)
{
    return i < t->grid.rows ? t->cats[0][i] : tr(T_ST_TOTAL);
}

static int col_width(const stats_table *t, int j)
{
    char buf[32];
    int w = draw_width(col_head(t, j));
    for (int i = 0; i <= t->grid.rows; i++) {
        int c = (int)strlen(stats_cell_text(t, i, j, buf, sizeof buf));
        w = c > w ? c : w;
    }
    return w < 3 ? 3 : w;
}

static void stats_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    stats_view *s = v->priv;
    tui *t = v->t;
    if (!s->have)
        return;
    const stats_table *st = &s->t;
    char buf[600], line[300], on[100];
    /* the choices, then the title */
    tr_fill(line, sizeof line, T_ST_CHOICES, dim_word(st->dim[0]),
            st->ndims == 2 ? dim_word(st->dim[1]) : tr(T_ST_NONE));
    tr_fill(on, sizeof on, T_ST_ON, st->as_of, NULL);
    snprintf(line + strlen(line), sizeof line - strlen(line), "%s", on);
    draw_text(w, top, 1, cols - 2, line, tui_attr(t, EL_HEADER));
    stats_table_title(st, buf, sizeof buf);
    draw_text(w, top + 1, 1, cols - 2, buf, A_BOLD);
    /* the rule at the foot, always in view */
    stats_table_rule(st, buf, sizeof buf);
    int rule_rows = draw_wrap_rows(cols - 2, buf);
    if (rule_rows > 4)
        rule_rows = 4;
    draw_wrap(w, top + rows - rule_rows, 1, cols - 2, rule_rows, buf, tui_attr(t, EL_MASKED));
    int y0 = top + 2, avail = rows - 2 - rule_rows - 1; /* the header row, then the rows */
    if (avail < 1)
        return;
    if (!st->protectable) {
        draw_wrap(w, y0 + 1, 1, cols - 2, avail, tr(T_ST_UNPROTECTABLE), tui_attr(t, EL_ERROR));
        return;
    }
    const stats_grid *g = &st->grid;
    int nrows = g->rows + 1, nc = ncols(st);
    /* the first column: the widest category, at most a third of the screen */
    int w0 = draw_width(dim_word(st->dim[0]));
    for (int i = 0; i < nrows; i++) {
        int x = draw_width(row_head(st, i));
        w0 = x > w0 ? x : w0;
    }
    if (w0 > cols / 3)
        w0 = cols / 3;
    s->body_rows = avail;
    if (s->top > nrows - avail)
        s->top = nrows - avail;
    if (s->top < 0)
        s->top = 0;
    if (s->left > nc - 1)
        s->left = nc - 1;
    if (s->left < 0)
        s->left = 0;
    /* which columns fit from s->left */
    int x = 1 + w0, last = s->left;
    int wc[STATS_MAX_CATS + 1];
    for (int j = s->left; j < nc; j++) {
        wc[j] = col_width(st, j);
        if (x + 2 + wc[j] > cols - 1)
            break;
        x += 2 + wc[j];
        last = j + 1;
    }
    if (last == s->left) { /* one column wider than the screen: cut */
        wc[s->left] = cols - 4 - w0;
        last = s->left + 1;
    }
    s->shown_cols = last - s->left;
    attr_t head = tui_attr(t, EL_HEADER);
    draw_text(w, y0, 1, w0, dim_word(st->dim[0]), head);
    x = 1 + w0;
    for (int j = s->left; j < last; j++) {
        draw_text_right(w, y0, x + 2, wc[j], col_head(st, j), head);
        x += 2 + wc[j];
    }
    for (int r = 0; r < avail && s->top + r < nrows; r++) {
        int i = s->top + r;
        attr_t a = i == g->rows ? A_BOLD : A_NORMAL;
        draw_text(w, y0 + 1 + r, 1, w0, row_head(st, i), a);
        x = 1 + w0;
        for (int j = s->left; j < last; j++) {
            char cell[32];
            stats_cell_text(st, i, j, cell, sizeof cell);
            draw_text_right(w, y0 + 1 + r, x + 2, wc[j], cell,
                            g->mark[stats_at(g, i, j)] == STATS_SHOWN ? a
                                                                      : tui_attr(t, EL_MASKED));
            x += 2 + wc[j];
        }
    }
    /* where the view is, when the table does not fit */
    if (nrows > avail || s->shown_cols < nc) {
        char where[120], part[60], a[30], b[12];
        int rl = s->top + avail < nrows ? s->top + avail : nrows;
        snprintf(a, sizeof a, "%d–%d", s->top + 1, rl);
        snprintf(b, sizeof b, "%d", nrows);
        tr_fill(where, sizeof where, T_ST_WHERE_ROWS, a, b);
        snprintf(a, sizeof a, "%d–%d", s->left + 1, last);
        snprintf(b, sizeof b, "%d", nc);
        tr_fill(part, sizeof part, T_ST_WHERE_COLS, a, b);
        snprintf(where + strlen(where), sizeof where - strlen(where), "%s", part);
        int ww = draw_width(where);
        draw_text(w, top, cols - 1 - ww, ww, where, tui_attr(t, EL_MASKED));
    }
    wmove(w, LINES - 1, COLS - 1);
}

static void choose_rows(view *under, const char *answer, void *arg)
{
    (void)arg;
    stats_view *s = under->priv;
    for (int d = 0; d < STATS_DIM__COUNT; d++)
        if (!strcmp(answer, dim_word((stats_dim)d))) {
            stats_view old = *s;
            s->dim[0] = (stats_dim)d;
            if (s->ndims == 2 && s->dim[1] == s->dim[0])
                s->ndims = 1; /* the same twice is no table: the columns go */
            if (!recount(under)) {
                s->dim[0] = old.dim[0];
                s->ndims = old.ndims;
            }
        }
}

static void choose_cols(view *under, const char *answer, void *arg)
{
    (void)arg;
    stats_view *s = under->priv;
    int old = s->ndims;
    stats_dim oldd = s->dim[1];
    if (!strcmp(answer, tr(T_ST_NONE))) {
        s->ndims = 1;
    } else {
        for (int d = 0; d < STATS_DIM__COUNT; d++)
            if (!strcmp(answer, dim_word((stats_dim)d))) {
                if ((stats_dim)d == s->dim[0]) {
                    tui_msg(under->t, EL_ERROR, "%s", tr(T_ST_SAME));
                    return;
                }
                s->dim[1] = (stats_dim)d;
                s->ndims = 2;
            }
    }
    if (!recount(under)) {
        s->ndims = old;
        s->dim[1] = oldd;
    }
}

static void choose_date(view *under, const char *answer, void *arg)
{
    (void)arg;
    stats_view *s = under->priv;
    char old[sizeof s->as_of];
    snprintf(old, sizeof old, "%s", s->as_of);
    if (strlen(answer) >= sizeof s->as_of) {
        tui_msg(under->t, EL_ERROR, "%s: %s", tr(T_ST_DATE), tr(T_ST_DATE_BAD));
        return;
    }
    snprintf(s->as_of, sizeof s->as_of, "%s", answer);
    if (!recount(under))
        snprintf(s->as_of, sizeof s->as_of, "%s", old);
}

/* The printed page and its chart to the printer or the outbox (stats.print). */
static void stats_print(view *v)
{
    stats_view *s = v->priv;
    tui *t = v->t;
    if (!s->have || !s->t.protectable) {
        tui_msg(t, EL_ERROR, "%s", tr(T_ST_UNPROTECTABLE));
        return;
    }
    letter l;
    meibo_err err;
    meibo_err_clear(&err);
    if (letter_stats_table(&s->t, t->cfg.society_name, db_now(t->ctx), &l, &err)) {
        letter_clear(&l);
        tui_err(t, &err);
        return;
    }
    tui_deliver(t, &l); /* the one printing path (print.c) */
}

static int stats_key(view *v, tui_key k, tui_req req)
{
    (void)k;
    stats_view *s = v->priv;
    int page = s->body_rows > 1 ? s->body_rows - 1 : 1;
    switch (req) {
    case REQ_STATS_ROWS:
    case REQ_STATS_COLS: {
        const char *labels[STATS_DIM__COUNT + 1];
        int n = 0;
        if (req == REQ_STATS_COLS)
            labels[n++] = tr(T_ST_NONE);
        for (int d = 0; d < STATS_DIM__COUNT; d++)
            labels[n++] = dim_word((stats_dim)d);
        prompt_choice(v->t, tr(req == REQ_STATS_ROWS ? T_ST_ROWS_Q : T_ST_COLS_Q), labels, n,
                      req == REQ_STATS_ROWS ? choose_rows : choose_cols, NULL);
        return EV_HANDLED;
    }
    case REQ_STATS_DATE:
        prompt_text(v->t, tr(T_ST_DATE_Q), s->as_of, choose_date, NULL);
        return EV_HANDLED;
    case REQ_PRINT:
        stats_print(v);
        return EV_HANDLED;
    case REQ_MOVE_UP: s->top--; break;
    case REQ_MOVE_DOWN: s->top++; break;
    case REQ_PAGE_UP: s->top -= page; break;
    case REQ_PAGE_DOWN: s->top += page; break;
    case REQ_MOVE_FIRST: s->top = s->left = 0; break;
    case REQ_SCROLL_LEFT: s->left--; break;
    case REQ_SCROLL_RIGHT:
        if (s->have && s->left + s->shown_cols < ncols(&s->t))
            s->left++;
        break;
    default: return EV_NONE;
    }
    if (s->top < 0) /* the bottom is clamped when drawn */
        s->top = 0;
    if (s->left < 0)
        s->left = 0;
    return EV_HANDLED;
}

static const char *stats_hints(view *v)
{
    (void)v;
    return tr(T_ST_HINTS);
}

static void stats_done(view *v)
{
    stats_view *s = v->priv;
    if (s->have)
        stats_table_free(&s->t);
    free(s);
}

const view_ops stats_ops = {
    .name = "stats",
    .keymap = KM_STATS,
    .draw = stats_draw,
    .key = stats_key,
    .hints = stats_hints,
    .done = stats_done,
};
