/* help.c: the keys of the screen below, generated from the action table and the bindings,
 * so the help never drifts from what the keys do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/text.h"
#include "tui.h"

typedef struct help {
    tui_keymap km;
    int top, nlines;
} help;

view *help_open(tui *t, const view *of)
{
    help *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->km = of->ops->keymap;
    view *v = tui_push(t, &help_ops, h);
    if (v) {
        char of_title[200];
        text_copy_cut(of_title, sizeof of_title, of->title);
        snprintf(v->title, sizeof v->title, "%s: %s", tr(T_HELP_TITLE), of_title);
    }
    return v;
}

/* Lines of the help: the screen's own keys, a rule, then the generic keys it keeps. Calls
 * @p line for each (y counted from 0; key NULL for the rule); returns how many. */
static int help_lines(const help *h, void (*line)(const help *h, int n, const char *keys,
                                                    tui_req r, void *arg),
                      void *arg)
{
    int n = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && (h->km == KM_GENERIC || h->km == KM_FORM))
            break;
        for (int r = 1; r < REQ__COUNT; r++) {
            char keys[128];
            keys_for(h->km, (tui_req)r, pass == 1, keys, sizeof keys);
            if (!keys[0])
                continue;
            if (line)
                line(h, n, keys, (tui_req)r, arg);
            n++;
        }
        if (pass == 0) {
            if (line)
                line(h, n, NULL, REQ_NONE, arg);
            n++;
        }
    }
    return n;
}

typedef struct help_canvas {
    view *v;
    WINDOW *w;
    int top, rows, cols;
} help_canvas;

static void draw_line(const help *h, int n, const char *keys, tui_req r, void *arg)
{
    help_canvas *c = arg;
    int y = c->top + n - h->top;
    if (n < h->top || y >= c->top + c->rows)
        return;
    if (!keys) {
        draw_hline(c->w, y, 2, c->cols - 4, A_NORMAL);
        return;
    }
    draw_text(c->w, y, 2, 24, keys, A_BOLD);
    draw_text(c->w, y, 27, c->cols - 28, keys_action_help(h->km, r, c->v->t->lang), A_NORMAL);
}

static void help_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    help *h = v->priv;
    h->nlines = help_lines(h, NULL, NULL);
    /* when lines remain below, the last row says so */
    bool more = h->nlines - h->top > rows;
    help_canvas c = {v, w, top, more ? rows - 1 : rows, cols};
    help_lines(h, draw_line, &c);
    if (more)
        draw_text(w, top + rows - 1, 2, cols - 4, tr(T_HELP_MORE), tui_attr(v->t, EL_MASKED));
    wmove(w, LINES - 1, COLS - 1);
}

static int help_key(view *v, tui_key k, tui_req req)
{
    help *h = v->priv;
    (void)k;
    int page = LINES - 3 > 1 ? LINES - 3 : 1, last = h->nlines - (LINES - 2);
    if (last < 0)
        last = 0;
    if (req == REQ_MOVE_DOWN && h->top < last)
        h->top++;
    else if (req == REQ_MOVE_UP && h->top > 0)
        h->top--;
    else if (req == REQ_PAGE_DOWN) /* PgDn, Space, Ctrl-F (issue 14) */
        h->top = h->top + page < last ? h->top + page : last;
    else if (req == REQ_PAGE_UP)
        h->top = h->top > page ? h->top - page : 0;
    else if (req == REQ_MOVE_FIRST)
        h->top = 0;
    else if (req == REQ_HELP)
        return EV_HANDLED | EV_CLOSE;
    else
        return EV_NONE;
    return EV_HANDLED;
}

static const char *help_hints(view *v)
{
    (void)v;
    return tr(T_HELP_HINTS);
}

static void help_done(view *v)
{
    free(v->priv);
}

const view_ops help_ops = {
    .name = "help",
    .keymap = KM_HELP,
    .draw = help_draw,
    .key = help_key,
    .hints = help_hints,
    .done = help_done,
};
