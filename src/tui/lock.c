/* lock.c: the idle lock (取扱規程 第30条: no screen left showing personal data). After the
 * configured idle minutes, or on request, the screen is blanked and the clerk's password is
 * asked; the screens below (an unsaved form among them) are kept as they were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "tui.h"

typedef struct lock_state {
    tui_line pw;
    char login[64];
} lock_state;

void lock_now(tui *t)
{
    if (t->locked)
        return;
    lock_state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    s->pw.masked = true;
    snprintf(s->login, sizeof s->login, "%s", t->ctx->login);
    view *v = tui_push(t, &lock_ops, s);
    if (!v)
        return;
    snprintf(v->title, sizeof v->title, "%s", tr(T_LOCK_TITLE));
    t->locked = true;
    t->message[0] = '\0';
    clearok(curscr, TRUE);
}

static void lock_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    lock_state *s = v->priv;
    char text[512];
    (void)rows;
    tr_fill(text, sizeof text, T_LOCK_TEXT, s->login, NULL);
    draw_text(w, top + 3, 4, cols - 8, text, A_NORMAL);
    draw_text(w, top + 5, 4, 14, tr(T_LOGIN_PASSWORD), A_NORMAL);
    line_draw(w, top + 5, 18, 34, &s->pw, true, tui_attr(v->t, EL_INPUT));
}

static int lock_key(view *v, tui_key k, tui_req req)
{
    lock_state *s = v->priv;
    tui *t = v->t;
    bool changed;
    (void)req;
    if (k.ch == L'\n') {
        char pw[LINE_MAX_CHARS * 4 + 1];
        line_get(&s->pw, pw, sizeof pw);
        line_wipe(&s->pw);
        meibo_status st = login_check(t, s->login, pw);
        explicit_bzero(pw, sizeof pw);
        if (st)
            return EV_HANDLED;
        t->locked = false;
        tui_pop(t);
        clearok(curscr, TRUE);
        return EV_HANDLED;
    }
    line_key(&s->pw, k, &changed);
    return EV_HANDLED; /* nothing else works while locked */
}

static const char *lock_hints(view *v)
{
    (void)v;
    return tr(T_LOCK_HINTS);
}

static void lock_done(view *v)
{
    lock_state *s = v->priv;
    explicit_bzero(s, sizeof *s);
    free(s);
}

const view_ops lock_ops = {
    .name = "lock",
    .keymap = KM_FORM,
    .draw = lock_draw,
    .key = lock_key,
    .hints = lock_hints,
    .done = lock_done,
};
