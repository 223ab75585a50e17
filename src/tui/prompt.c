/* prompt.c: questions asked over the current screen: a line of text, yes or no, or one of
 * a list. The screen below stays drawn; the question takes the bottom rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

typedef enum prompt_kind { PROMPT_TEXT, PROMPT_YESNO, PROMPT_CHOICE } prompt_kind;

typedef struct prompt {
    prompt_kind kind;
    char question[256];
    tui_line line;
    char **choices;
    int n, sel, top;
    prompt_fn fn;
    void *arg;
    view *under;
} prompt;

static view *prompt_push(tui *t, prompt *p)
{
    p->under = t->depth ? t->stack[t->depth - 1] : NULL;
    view *v = tui_push(t, &prompt_ops, p);
    if (v && p->under)
        snprintf(v->title, sizeof v->title, "%s", p->under->title);
    return v;
}

view *prompt_text(tui *t, const char *question, const char *initial, prompt_fn fn, void *arg)
{
    prompt *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->kind = PROMPT_TEXT;
    snprintf(p->question, sizeof p->question, "%s", question);
    line_set(&p->line, initial);
    p->fn = fn;
    p->arg = arg;
    return prompt_push(t, p);
}

view *prompt_secret(tui *t, const char *question, prompt_fn fn, void *arg)
{
    view *v = prompt_text(t, question, "", fn, arg);
    if (v)
        ((prompt *)v->priv)->line.masked = true;
    return v;
}

view *prompt_yesno(tui *t, const char *question, prompt_fn fn, void *arg)
{
    prompt *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->kind = PROMPT_YESNO;
    snprintf(p->question, sizeof p->question, "%s %s", question, tr(T_YESNO));
    p->fn = fn;
    p->arg = arg;
    return prompt_push(t, p);
}

view *prompt_choice(tui *t, const char *question, const char *const *choices, int n,
                    prompt_fn fn, void *arg)
{
    prompt *p = calloc(1, sizeof *p);
    if (!p || !(p->choices = calloc((size_t)(n > 0 ? n : 1), sizeof *p->choices))) {
        free(p);
        return NULL;
    }
    p->kind = PROMPT_CHOICE;
    snprintf(p->question, sizeof p->question, "%s", question);
    for (int i = 0; i < n; i++)
        if ((p->choices[p->n] = strdup(choices[i])))
            p->n++;
    p->fn = fn;
    p->arg = arg;
    return prompt_push(t, p);
}

static void discard_confirmed(view *under, const char *answer, void *arg)
{
    (void)answer;
    (void)arg;
    if (under->t->depth && under->t->stack[under->t->depth - 1] == under)
        tui_pop(under->t);
}

view *prompt_discard(view *v, const char *question)
{
    return prompt_yesno(v->t, question, discard_confirmed, NULL);
}

static void prompt_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    prompt *p = v->priv;
    tui *t = v->t;
    if (p->under)
        p->under->ops->draw(p->under, w, top, rows, cols);
    attr_t a = tui_attr(t, EL_STATUS);
    if (p->kind == PROMPT_CHOICE) {
        int h = p->n < rows - 4 ? p->n : rows - 4;
        /* half the width, wider for long choices (a reason is read whole where it fits) */
        int width = cols / 2;
        for (int i = 0; i < p->n; i++)
            if (draw_width(p->choices[i]) + 2 > width)
                width = draw_width(p->choices[i]) + 2;
        if (width > cols - 4)
            width = cols - 4;
        int y0 = top + rows - h - 2, x0 = (cols - width) / 2;
        if (p->sel < p->top)
            p->top = p->sel;
        if (p->sel >= p->top + h)
            p->top = p->sel - h + 1;
        for (int y = y0; y < y0 + h + 2; y++) {
            draw_unsplit(w, y, x0);
            draw_unsplit(w, y, x0 + width);
        }
        draw_text(w, y0, x0, width, p->question, a);
        draw_hline(w, y0 + 1, x0, width, A_NORMAL);
        for (int i = 0; i < h; i++) {
            int k = p->top + i;
            mvwaddstr(w, y0 + 2 + i, x0, k == p->sel ? "> " : "  ");
            draw_text(w, y0 + 2 + i, x0 + 2, width - 2, p->choices[k],
                      k == p->sel ? tui_attr(t, EL_CURSOR) : A_NORMAL);
        }
        wmove(w, LINES - 1, COLS - 1);
        return;
    }
    int y = top + rows - 1;
    draw_hline(w, y - 1, 0, cols, A_NORMAL);
    int qw = draw_text(w, y, 0, cols, p->question, A_BOLD);
    if (p->kind == PROMPT_TEXT)
        line_draw(w, y, qw + 1, cols - qw - 2, &p->line, true, tui_attr(t, EL_INPUT));
    else
        wmove(w, y, qw < cols - 1 ? qw + 1 : cols - 1);
}

/* Close the prompt first, then answer: the callback may close the screen below too. */
static int answer(view *v, const char *text)
{
    prompt *p = v->priv;
    tui *t = v->t;
    view *under = p->under;
    tui_pop(t);
    if (p->fn && text)
        p->fn(under, text, p->arg);
    return EV_HANDLED;
}

static int prompt_key(view *v, tui_key k, tui_req req)
{
    prompt *p = v->priv;
    bool changed;
    if (k.ch == 27)
        return answer(v, NULL);
    switch (p->kind) {
    case PROMPT_YESNO:
        if (k.ch == L'y' || k.ch == L'Y')
            return answer(v, "y");
        if (k.ch == L'n' || k.ch == L'N' || k.ch == L'q')
            return answer(v, NULL);
        return EV_HANDLED;
    case PROMPT_TEXT:
        if (k.ch == L'\n') {
            char buf[LINE_MAX_CHARS * 4 + 1];
            int r = answer(v, line_get(&p->line, buf, sizeof buf));
            explicit_bzero(buf, sizeof buf); /* a password's copy stays nowhere */
            return r;
        }
        line_key(&p->line, k, &changed);
        return EV_HANDLED;
    case PROMPT_CHOICE:
        if (k.ch == L'\n')
            return answer(v, p->n ? p->choices[p->sel] : NULL);
        if (req == REQ_MOVE_UP && p->sel > 0)
            p->sel--;
        else if (req == REQ_MOVE_DOWN && p->sel + 1 < p->n)
            p->sel++;
        else if (req == REQ_PAGE_DOWN)
            p->sel = p->sel + 10 < p->n ? p->sel + 10 : p->n - 1;
        else if (req == REQ_PAGE_UP)
            p->sel = p->sel > 10 ? p->sel - 10 : 0;
        else if (req == REQ_BACK)
            return answer(v, NULL);
        return EV_HANDLED;
    }
    return EV_HANDLED;
}

static void prompt_done(view *v)
{
    prompt *p = v->priv;
    explicit_bzero(&p->line, sizeof p->line); /* a password typed stays nowhere */
    for (int i = 0; i < p->n; i++)
        free(p->choices[i]);
    free(p->choices);
    free(p);
}

const view_ops prompt_ops = {
    .name = "prompt",
    .keymap = KM_HELP,
    .draw = prompt_draw,
    .key = prompt_key,
    .done = prompt_done,
};
