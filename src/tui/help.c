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

static void help_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    help *h = v->priv;
    tui *t = v->t;
    int line = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && (h->km == KM_GENERIC || h->km == KM_FORM))
            break;
        for (int r = 1; r < REQ__COUNT; r++) {
            char keys[128];
            keys_for(h->km, (tui_req)r, pass == 1, keys, sizeof keys);
            if (!keys[0])
                continue;
            int y = top + line - h->top;
            if (line >= h->top && y < top + rows) {
                draw_text(w, y, 2, 24, keys, A_BOLD);
                draw_text(w, y, 27, cols - 28, keys_action_help((tui_req)r, t->lang), A_NORMAL);
            }
            line++;
        }
        if (pass == 0) {
            int y = top + line - h->top;
            if (line >= h->top && y < top + rows)
                draw_hline(w, y, 2, cols - 4, A_NORMAL);
            line++;
        }
    }
    h->nlines = line;
    wmove(w, LINES - 1, COLS - 1);
}

static int help_key(view *v, tui_key k, tui_req req)
{
    help *h = v->priv;
    (void)k;
    if (req == REQ_MOVE_DOWN && h->top + LINES - 3 < h->nlines)
        h->top++;
    else if (req == REQ_MOVE_UP && h->top > 0)
        h->top--;
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
